/**
 * Document reports with `processing: manual` (always) or `hybrid` (when the automatic result is
 * `consider`) wait for an analyst: the run stays `processing`, the report `started`, the review
 * queue shows it with its automatic breakdown and media; the analyst's decision (exactly once)
 * becomes the report's result, with `review` on it, and the run goes on along its logic. Bad input
 * gets Onfido's error body; a decision whose token could not be sent stands and is sent by the sweep.
 */
import { clients } from '../../lambdas/shared/aws';
import { resumeDecidedReports } from '../../lambdas/results/report-review';
import { createApiToken } from '../../lambdas/api/auth';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { eventually } from '../webhooks/helpers';

type ErrorBody = { error: { type: string; message: string; fields: Record<string, unknown> } };
interface ReportReview { task_id: string; processing: string; automatic: { result: string; breakdown: Record<string, unknown>; properties: Record<string, unknown> }; media: Array<{ id: string; download_href: string }> }
interface Row { id: string; status: string; report_review: ReportReview | null }
interface Decided { id: string; status: string; output: { result: string; review?: Json } }

const definition = (processing: string): Json => ({
  name: `Document ${processing}`, start: 'doc',
  tasks: [
    { id: 'doc', type: 'document_capture', next: 'report' },
    { id: 'report', type: 'document_report', processing, next: 'decide' },
    { id: 'decide', type: 'logic', branches: [{ when: { path: 'tasks.report.output.result', op: 'eq', value: 'clear' }, next: 'approve' }], else: 'review' },
    { id: 'approve', type: 'result', outcome: 'approve' },
    { id: 'review', type: 'result', outcome: 'review' },
  ],
});

let stack: TestStack;
let t: E2e;
const workflows: Record<string, string> = {};
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  for (const p of ['manual', 'hybrid']) workflows[p] = await t.workflow(definition(p));
}, 120_000);
afterAll(() => stack.stop());
afterEach(() => jest.restoreAllMocks());

const queue = async () => (await stack.apiJson<{ results: Row[] }>('/v3.6/studio/review_queue?limit=100')).body.results;
const decide = (runId: string, taskId: string, json: unknown, token?: string) =>
  stack.apiJson<Decided & ErrorBody>(`/v3.6/studio/review_queue/${runId}/reports/${taskId}/decision`, { method: 'POST', json, ...(token ? { token } : {}) });

/** A run of the workflow whose document capture is done; `lastName` "Consider" makes the sandbox report consider. */
async function captured(processing: string, lastName = 'Doe'): Promise<{ run: string; doc: string }> {
  const applicant = await t.applicant({ last_name: lastName });
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(workflows[processing]!, applicant);
  await t.until(run.id, ['awaiting_input']);
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front' });
  expect((await t.complete(run.id, (await t.waitingTask(run.id, 'doc')).id, [{ id: doc }], sdk)).status).toBe(200);
  return { run: run.id, doc };
}
/** The run's queue row, once its report waits. */
async function waiting(runId: string): Promise<Row> {
  let row: Row | undefined;
  await eventually(async () => { await stack.engine.idle(); row = (await queue()).find((r) => r.id === runId && r.report_review); return row !== undefined; });
  return row!;
}

it('manual: the run waits processing with the report started; the analyst\'s consider routes it to review', async () => {
  const { run, doc } = await captured('manual');
  const row = await waiting(run);
  expect(row).toMatchObject({ status: 'processing', report_review: { processing: 'manual', automatic: { result: 'clear' }, media: [{ id: doc, download_href: `/v3.6/documents/${doc}/download` }] } });
  expect(Object.keys(row.report_review!.automatic.breakdown).length).toBeGreaterThan(0);
  // What the report read, for the analyst to check against the document.
  expect(row.report_review!.automatic.properties).toMatchObject({ document_type: 'passport', last_name: 'Doe' });
  expect((await t.run(run)).status).toBe('processing');
  expect((await t.tasks(run)).find((x) => x.id === row.report_review!.task_id)?.status).toBe('started');

  const decided = await decide(run, row.report_review!.task_id, { decision: 'consider', note: 'Photo does not match the holder' });
  expect(decided.status).toBe(200);
  expect(decided.body).toMatchObject({ status: 'completed', output: { result: 'consider', review: { decision: 'consider', note: 'Photo does not match the holder', by: 'API token', automatic_result: 'clear' } } });
  expect((await t.until(run, ['approved', 'review', 'declined', 'error'])).status).toBe('review');
  // The report left the queue; the run, now in review, may enter it as a run to decide.
  expect((await queue()).filter((r) => r.id === run && r.report_review)).toEqual([]);
}, 120_000);

it('manual: the analyst\'s clear approves; of two concurrent decisions one is written, the other is a 409', async () => {
  const { run } = await captured('manual');
  const task = (await waiting(run)).report_review!.task_id;
  const answers = await Promise.all([decide(run, task, { decision: 'clear', note: 'Checked by hand' }), decide(run, task, { decision: 'consider', note: 'second' })]);
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  const winner = answers.find((a) => a.status === 200)!.body.output.result;
  expect(answers.find((a) => a.status === 409)!.body.error).toMatchObject({ type: 'conflict', message: expect.stringContaining('already decided') });
  expect((await t.until(run, ['approved', 'review', 'declined', 'error'])).status).toBe(winner === 'clear' ? 'approved' : 'review');
}, 120_000);

it('hybrid: a clear report does not wait; a consider one waits and the analyst\'s clear approves', async () => {
  const clear = await captured('hybrid');
  expect((await t.until(clear.run, ['approved', 'review', 'declined', 'error'])).status).toBe('approved');
  expect((await queue()).map((r) => r.id)).not.toContain(clear.run);

  const consider = await captured('hybrid', 'Consider');
  const row = await waiting(consider.run);
  expect(row.report_review).toMatchObject({ processing: 'hybrid', automatic: { result: 'consider' } });
  expect((await decide(consider.run, row.report_review!.task_id, { decision: 'clear', note: 'Glare only; details legible' })).status).toBe(200);
  expect((await t.until(consider.run, ['approved', 'review', 'declined', 'error'])).status).toBe('approved');
}, 120_000);

it('refuses unknown reports and runs, another environment, bad bodies and decided reports, with Onfido\'s error body', async () => {
  const { run } = await captured('manual');
  const task = (await waiting(run)).report_review!.task_id;
  const ok = { decision: 'clear', note: 'n' };
  expect((await decide('no-such-run', task, ok)).body.error.type).toBe('resource_not_found');
  const unknown = await decide(run, 'report_0000000000', ok);
  expect([unknown.status, unknown.body.error.type]).toEqual([404, 'resource_not_found']);
  const otherEnv = await decide(run, task, ok, await createApiToken('live'));
  expect([otherEnv.status, otherEnv.body.error.type]).toEqual([404, 'resource_not_found']);
  for (const bad of [{ decision: 'approve', note: 'n' }, { decision: 'clear', note: ' ' }, { decision: 'clear' }, { ...ok, extra: 1 }]) {
    const res = await decide(run, task, bad);
    expect([JSON.stringify(bad), res.status, res.body.error.type]).toEqual([JSON.stringify(bad), 422, 'validation_error']);
  }
  // The run-review route does not decide a report, and the report is not a run in review.
  expect((await stack.apiJson<ErrorBody>(`/v3.6/studio/review_queue/${run}/decision`, { method: 'POST', json: { decision: 'approve', note: 'n' } })).status).toBe(422);
  expect((await decide(run, task, ok)).status).toBe(200);
  const again = await decide(run, task, { decision: 'consider', note: 'late' });
  expect([again.status, again.body.error.type]).toEqual([409, 'conflict']);
  await t.until(run, ['approved']);
  // A report that never waited (the document capture) is not a report to decide.
  const captureTask = (await t.waitingTask(run, 'doc')).id;
  expect((await decide(run, captureTask, ok)).status).toBe(404);
}, 120_000);

it('a decision whose token Step Functions did not take stands, and the sweep sends it', async () => {
  const { run } = await captured('manual');
  const task = (await waiting(run)).report_review!.task_id;
  const sfn = clients().sfn;
  const send = sfn.send.bind(sfn);
  jest.spyOn(sfn, 'send').mockImplementation((async (command: { constructor: { name: string } }) => {
    if (command.constructor.name === 'SendTaskSuccessCommand') throw Object.assign(new Error('service unavailable'), { name: 'ServiceUnavailable' });
    return send(command as never);
  }) as never);
  const decided = await decide(run, task, { decision: 'clear', note: 'Checked' });
  expect([decided.status, decided.body.output.result]).toEqual([200, 'clear']);
  await stack.engine.idle();
  expect((await t.run(run)).status).toBe('processing');
  expect((await queue()).map((r) => r.id)).not.toContain(run);
  jest.restoreAllMocks();
  const later = new Date(Date.now() + 60_000);
  expect(await resumeDecidedReports({ now: () => later, newId: () => 'x' })).toMatchObject({ resumed: 1, failed: 0 });
  expect((await t.until(run, ['approved', 'review', 'declined', 'error'])).status).toBe('approved');
  expect(await resumeDecidedReports({ now: () => later, newId: () => 'x' })).toEqual({ resumed: 0, dead: 0, failed: 0 });
}, 120_000);
