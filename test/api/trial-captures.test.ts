/**
 * A trial run ("Try it") of a draft with capture tasks: the task function completes each capture
 * with a sample (runs/trial-captures.ts: SendTaskSuccess, which its role must allow; also run in
 * parity mode, where a role without it failed every such trial), and the chosen report results
 * route the run.
 */
import { startTestStack, type TestStack } from '../helpers/stack';
import { definitionTaskOf, e2e, type E2e, type Run } from '../e2e/helpers';

let stack: TestStack;
let t: E2e;
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
}, 120_000);
afterAll(() => stack.stop());

const SAMPLE = { first_name: 'Sam', last_name: 'Ple' };
const trial = (workflowId: string, body: unknown) => t.call<Run & { trial?: boolean }>('POST', `/v3.6/workflows/${workflowId}/trial_runs`, body);

test('a draft with capture tasks runs to its result: each capture is completed with a sample, the chosen report results route it', async () => {
  const draft = {
    name: 'Captures', start: 'profile',
    tasks: [
      { id: 'profile', type: 'profile_data_capture', fields: ['first_name', 'last_name', 'dob', 'phone_number', 'address'], next: 'document' },
      { id: 'document', type: 'document_capture', documents: [{ type: 'driving_licence', countries: ['FRA'] }], next: 'selfie' },
      { id: 'selfie', type: 'face_capture_photo', next: 'doc_report' },
      { id: 'doc_report', type: 'document_report', next: 'face_report' },
      { id: 'face_report', type: 'facial_similarity_report', variant: 'photo', next: 'decide' },
      { id: 'decide', type: 'logic', branches: [{ name: 'Clear', when: { all: [
        { path: 'tasks.doc_report.output.result', op: 'eq', value: 'clear' }, { path: 'tasks.face_report.output.result', op: 'eq', value: 'clear' },
      ] }, next: 'approve' }], else: 'decline' },
      { id: 'approve', type: 'result', outcome: 'approve' },
      { id: 'decline', type: 'result', outcome: 'decline' },
    ],
  };
  const wf = await t.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Capture trial' });
  const declined = await trial(wf.body.id, { definition: draft, applicant: SAMPLE, report_results: { face_report: 'consider' } });
  expect(declined.status).toBe(201);
  expect(await t.until(declined.body.id, ['declined', 'awaiting_input'])).toMatchObject({ status: 'declined', trial: true });
  const route = await t.call<{ route: string[] }>('GET', `/v3.6/workflow_runs/${declined.body.id}/route`);
  expect(route.body.route).toEqual(['profile', 'document', 'selfie', 'doc_report', 'face_report', 'decide', 'decline']);
  const tasks = await t.call<Array<{ id: string; output: unknown }>>('GET', `/v3.6/workflow_runs/${declined.body.id}/tasks`);
  const output = (task: string) => tasks.body.find((x) => definitionTaskOf(x.id) === task)?.output;
  const full = async (task: string) => {
    const id = tasks.body.find((x) => definitionTaskOf(x.id) === task)!.id;
    return (await t.call<{ output: unknown }>('GET', `/v3.6/workflow_runs/${declined.body.id}/tasks/${id}`)).body.output;
  };
  expect(output('profile') ?? await full('profile')).toMatchObject({ first_name: 'Sam', last_name: 'Ple', dob: expect.any(String), consents: [{ name: 'phone_number_verification', granted: true }] });
  expect(output('document') ?? await full('document')).toEqual([
    { id: 'sample_document_front', type: 'driving_licence', side: 'front', issuing_country: 'FRA' },
    { id: 'sample_document_back', type: 'driving_licence', side: 'back', issuing_country: 'FRA' },
  ]);
  expect(output('selfie') ?? await full('selfie')).toEqual([{ id: 'sample_selfie_face' }]);

  const approved = await trial(wf.body.id, { definition: draft, applicant_id: declined.body.applicant_id, report_results: { document_report: 'clear' } });
  expect(await t.until(approved.body.id, ['approved', 'awaiting_input'])).toMatchObject({ status: 'approved' });
}, 90_000);
