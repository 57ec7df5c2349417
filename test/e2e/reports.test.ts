/** The report function against the local stack's DynamoDB and S3: live checks with loaded evidence, bad evidence, idempotence, sandbox. */
import { findEvents } from '../../lambdas/events';
import { createReportHandler } from '../../lambdas/reports/handler';
import { createApplicant } from '../../lambdas/store/applicants';
import { saveMedia } from '../../lambdas/store/media';
import { listTasks } from '../../lambdas/store/tasks';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

const report = createReportHandler();
let n = 0;
const request = (over: { report: string; applicant: string; sandbox?: boolean; tasks?: Record<string, unknown>; config?: Record<string, unknown> }) => ({
  kind: 'report', report: over.report, task_id: `r${++n}`, task_version: 1, config: over.config ?? {},
  run: { workflow_run_id: `run-${n}`, applicant_id: over.applicant, sandbox: over.sandbox ?? false, applicant: {}, custom: {} },
  tasks: over.tasks ?? {},
});

it('runs the live watchlist check on the stored applicant, stores the report as a completed task and announces it', async () => {
  const applicant = await createApplicant('live', { first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31' });
  const req = request({ report: 'watchlist_report', applicant: applicant.id, config: { variant: 'aml' } });
  const result = await report(req);
  expect(result).toMatchObject({ result: 'clear', breakdown: expect.any(Object) });
  const tasks = await listTasks(req.run.workflow_run_id);
  expect(tasks).toEqual([expect.objectContaining({ kind: 'report', status: 'completed', task_def_id: 'watchlist_report', output: result })]);
  expect(await report(req)).toEqual(result);
  expect(await listTasks(req.run.workflow_run_id)).toHaveLength(1);
  expect(await findEvents(req.run.workflow_run_id, 'workflow_task.completed')).toHaveLength(1);
});

it('gives a consider report naming the problem when the evidence is missing or belongs to someone else', async () => {
  const applicant = await createApplicant('live', { first_name: 'Ann', last_name: 'Lee' });
  const missing = await report(request({ report: 'document_report', applicant: applicant.id, tasks: { document_capture: { task_id: 'doc', output: [{ id: 'gone' }] } } }));
  expect(missing).toMatchObject({ result: 'consider', properties: { reason: 'upload gone does not exist' } });
  const other = await createApplicant('live', { first_name: 'Bob' });
  const theirs = await saveMedia({ kind: 'documents', environment: 'live', applicantId: other.id, fileName: 'a.pdf', fileType: 'pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n') });
  const foreign = await report(request({ report: 'proof_of_address_report', applicant: applicant.id, tasks: { proof_of_address_capture: { task_id: 'poa', output: [{ id: theirs.id }] } } }));
  expect(foreign).toMatchObject({ result: 'consider', properties: { reason: `upload ${theirs.id} belongs to another applicant` } });
  const none = await report(request({ report: 'autofill', applicant: applicant.id }));
  expect(none).toMatchObject({ result: 'consider', extracted_data: {} });
  const ghost = await report(request({ report: 'identity_report', applicant: 'nobody' }));
  expect(ghost).toMatchObject({ result: 'consider', properties: { reason: 'applicant nobody no longer exists' } });
});

it('answers sandbox runs from the canned results (last name Consider) without reading media', async () => {
  const applicant = await createApplicant('sandbox', { first_name: 'C', last_name: 'Consider' });
  const result = await report(request({ report: 'document_report', applicant: applicant.id, sandbox: true, tasks: { document_capture: { task_id: 'doc', output: [{ id: 'not-read' }] } } }));
  expect(result).toMatchObject({ result: 'consider', properties: { sandbox: true } });
});

it('refuses a malformed request with a named error', async () => {
  await expect(report({ kind: 'report', report: 'nope' })).rejects.toMatchObject({ name: 'InvalidReportRequest' });
});
