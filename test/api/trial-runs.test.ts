/**
 * Trial runs ("Try it"): a draft, never saved or activated, runs in sandbox with a sample
 * applicant and chosen report results; the run is marked `trial`, its route is the tasks its
 * execution entered, and the console's results leave it out unless asked. Bad input: 4xx.
 * Integrators never hear of it: no webhook, no outcome event on the product's bus. A draft with
 * capture tasks: trial-captures.test.ts.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createApiToken } from '../../lambdas/api/auth';
import { clients } from '../../lambdas/shared/aws';
import { indexKey } from '../../lambdas/store/run-index';
import { eventually, startReceiver } from '../webhooks/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { e2e, type E2e, type Run } from '../e2e/helpers';

let stack: TestStack;
let t: E2e;
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
}, 120_000);
afterAll(() => stack.stop());

type ErrorBody = { error: { type: string; message: string; fields: Record<string, string[]>; problems?: unknown[] } };
const DRAFT = {
  name: 'Trial', start: 'watch',
  tasks: [
    { id: 'watch', type: 'watchlist_report', next: 'decide' },
    { id: 'decide', type: 'logic', branches: [{ name: 'Clear', when: { path: 'tasks.watch.output.result', op: 'eq', value: 'clear' }, next: 'approve' }], else: 'review' },
    { id: 'approve', type: 'result', outcome: 'approve' },
    { id: 'review', type: 'result', outcome: 'review' },
  ],
};
const SAMPLE = { first_name: 'Sam', last_name: 'Ple' };

async function trial(workflowId: string, body: unknown) {
  return t.call<Run & ErrorBody & { trial?: boolean }>('POST', `/v3.6/workflows/${workflowId}/trial_runs`, body);
}

test('a draft of a workflow with no version runs with the chosen report result, marked trial, and its route is the tasks entered', async () => {
  const wf = await t.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Never saved' });
  const consider = await trial(wf.body.id, { definition: DRAFT, applicant: SAMPLE, report_results: { watch: 'consider' } });
  expect(consider.status).toBe(201);
  expect(consider.body).toMatchObject({ workflow_id: wf.body.id, workflow_version_id: 0, trial: true });
  expect(await t.until(consider.body.id, ['review'])).toMatchObject({ status: 'review', trial: true });
  const route = await t.call<{ route: string[] }>('GET', `/v3.6/workflow_runs/${consider.body.id}/route`);
  expect(route).toMatchObject({ status: 200, body: { route: ['watch', 'decide', 'review'] } });

  const clear = await trial(wf.body.id, { definition: DRAFT, applicant_id: consider.body.applicant_id, report_results: { watchlist_report: 'clear' } });
  expect(await t.until(clear.body.id, ['approved'])).toMatchObject({ applicant_id: consider.body.applicant_id });
  expect((await t.call<{ route: string[] }>('GET', `/v3.6/workflow_runs/${clear.body.id}/route`)).body.route).toEqual(['watch', 'decide', 'approve']);

  // The workflow still has no version, and the results leave trials out unless asked.
  expect((await t.call<{ versions: unknown[] }>('GET', `/v3.6/workflows/${wf.body.id}/versions`)).body.versions).toEqual([]);
  const ids = async (query: string) => (await t.call<{ results: Array<{ id: string }> }>('GET', `/v3.6/studio/results?workflow_id=${wf.body.id}${query}`)).body.results.map((r) => r.id).sort();
  expect(await ids('')).toEqual([]);
  expect(await ids('&trials=include')).toEqual([consider.body.id, clear.body.id].sort());
  expect(await ids('&trials=only&status=approved')).toEqual([clear.body.id]);
}, 90_000);

test('a trial run\'s search index items take its end, as a real run\'s do (its end reaches the evidence function\'s index sync only)', async () => {
  const wf = await t.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Indexed trial' });
  const tried = await trial(wf.body.id, { definition: DRAFT, applicant: { first_name: 'Trialla', last_name: 'Indexed' }, report_results: { watch: 'consider' } });
  expect(tried.status).toBe(201);
  await t.until(tried.body.id, ['review']);
  const statuses = async () => [...new Set(((await clients().doc.send(new QueryCommand({
    TableName: stack.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': indexKey(tried.body.id) },
  }))).Items ?? []).map((i) => i.run_status))];
  await eventually(async () => (await statuses()).join() === 'review', 30_000);
  // Found by its end on the index (status filters read the index items' run_status), and no review queue nor evidence for it.
  const found = await t.call<{ results: Array<{ id: string }> }>('GET', `/v3.6/studio/results?q=trialla&status=review&trials=only`);
  expect(found.body.results.map((r) => r.id)).toEqual([tried.body.id]);
  const queue = await t.call<{ results?: Array<{ id: string }>; runs?: Array<{ id: string }> }>('GET', '/v3.6/studio/review_queue');
  expect(JSON.stringify(queue.body)).not.toContain(tried.body.id);
}, 90_000);

test('refuses bad input with Onfido error bodies: invalid drafts, no applicant, bad results, unknown workflows, live workflows', async () => {
  const wf = await t.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Bad trials' });
  const invalid = await trial(wf.body.id, { definition: { ...DRAFT, start: 'nowhere' }, applicant: SAMPLE });
  expect(invalid).toMatchObject({ status: 422, body: { error: { type: 'validation_error' } } });
  expect(invalid.body.error.problems?.length).toBeGreaterThan(0);
  expect(await trial(wf.body.id, { definition: DRAFT })).toMatchObject({ status: 422, body: { error: { fields: { applicant: [expect.stringContaining('required')] } } } });
  const results = await trial(wf.body.id, { definition: DRAFT, applicant: SAMPLE, report_results: { watch: 'maybe' } });
  expect(results).toMatchObject({ status: 422, body: { error: { type: 'validation_error', fields: { 'report_results.watch': [expect.any(String)] } } } });
  expect(await trial(wf.body.id, { applicant: SAMPLE })).toMatchObject({ status: 422, body: { error: { fields: { definition: [expect.stringContaining('required')] } } } });
  expect((await trial('no-such-workflow', { definition: DRAFT, applicant: SAMPLE })).status).toBe(404);
  expect((await trial(wf.body.id, { definition: DRAFT, applicant_id: 'ghost' })).status).toBe(404);
  const raw = await stack.api(`/v3.6/workflows/${wf.body.id}/trial_runs`, { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } });
  expect(raw.status).toBe(400);

  const live = await createApiToken('live');
  const liveWf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Live' }, token: live });
  const refused = await stack.apiJson<ErrorBody>(`/v3.6/workflows/${liveWf.body.id}/trial_runs`, { method: 'POST', json: { definition: DRAFT, applicant: SAMPLE }, token: live });
  expect(refused).toMatchObject({ status: 422, body: { error: { fields: { environment: [expect.stringContaining('sandbox')] } } } });
});

test('a trial run reaches no webhook and no integrator rule on the bus, while a sandbox run of the same definition does', async () => {
  const receiver = await startReceiver();
  const hook = await t.call<{ id: string }>('POST', '/v3.6/webhooks', { url: receiver.url });
  expect(hook.status).toBe(201);
  // An integrator's own rule on the product's bus, as README "Events" invites.
  type Seen = { 'detail-type': string; detail: unknown };
  const seen: Seen[] = [];
  const bus = stack.env.EVENT_BUS_NAME;
  stack.bus.registerTarget('trial-test-integrator', async (event) => { seen.push(event); });
  stack.bus.putRule({ Name: 'trial-test-integrator', EventBusName: bus, EventPattern: { source: ['studio.workflows'] } });
  stack.bus.putTargets('trial-test-integrator', [{ Id: 'integrator', Arn: 'trial-test-integrator' }], bus);
  try {
    const wfId = await t.workflow(DRAFT);
    const tried = await trial(wfId, { definition: DRAFT, applicant: SAMPLE });
    await t.until(tried.body.id, ['approved']);
    const real = await t.startRun(wfId, String(tried.body.applicant_id));
    await t.until(real.id, ['approved']);
    const about = (id: string | undefined) => (r: { body: string }) => id !== undefined && r.body.includes(id);
    await eventually(async () => {
      await stack.flushExecutionEvents();
      return receiver.received.some((r) => about(real.id)(r) && r.body.includes('"workflow_run.completed"'));
    }, 30_000);
    await stack.flushExecutionEvents();
    expect(receiver.received.filter(about(real.id)).length).toBeGreaterThanOrEqual(3); // the report started and completed, the run completed
    expect(receiver.received.filter(about(tried.body.id))).toEqual([]);
    const runOf = (e: Seen) => (e.detail as { workflow_run_id?: string }).workflow_run_id;
    const completed = seen.filter((e) => e['detail-type'] === 'workflow_run.completed').map(runOf);
    expect(completed).toContain(real.id);
    expect(completed).not.toContain(tried.body.id);
  } finally {
    stack.bus.removeTargets('trial-test-integrator', ['integrator'], bus);
    await t.call('DELETE', `/v3.6/webhooks/${hook.body.id}`);
    await receiver.close();
  }
}, 90_000);

test('integrators\' lists leave trials out: GET /workflow_runs (any filter) and GET /applicants (its count too) never show a trial or its sample applicant', async () => {
  const wfId = await t.workflow(DRAFT);
  const applicants = async (query: string) => {
    const res = await stack.api(`/v3.6/applicants?per_page=100${query}`);
    const body = await res.json() as { applicants: Array<{ id: string }> };
    return { ids: body.applicants.map((a) => a.id), total: Number(res.headers.get('x-total-count')) };
  };
  const before = await Promise.all([applicants(''), applicants('&include_deleted=true')]);
  const tried = await trial(wfId, { definition: DRAFT, applicant: { first_name: 'Sample', last_name: 'Only' } });
  await t.until(tried.body.id, ['approved']);
  const real = await t.startRun(wfId, String(tried.body.applicant_id));
  await t.until(real.id, ['approved']);

  // The sample applicant is readable (the console shows it) and marked, but neither listed nor counted.
  const sample = await t.call<{ id: string; trial?: boolean }>('GET', `/v3.6/applicants/${tried.body.applicant_id}`);
  expect(sample).toMatchObject({ status: 200, body: { id: tried.body.applicant_id, trial: true } });
  expect(await Promise.all([applicants(''), applicants('&include_deleted=true')])).toEqual(before);

  for (const query of ['', '?status=approved', `?applicant_id=${tried.body.applicant_id}`, '?status=approved,processing&sort=asc', `?created_at_gt=${encodeURIComponent(new Date(0).toISOString())}`]) {
    const runs = await t.call<Array<{ id: string }>>('GET', `/v3.6/workflow_runs${query}`);
    expect(runs.status).toBe(200);
    const ids = runs.body.map((r) => r.id);
    expect(ids).toContain(real.id);
    expect(ids).not.toContain(tried.body.id);
  }
  // The trial itself stays readable by id, as the builder reads it.
  expect((await t.call<{ trial?: boolean }>('GET', `/v3.6/workflow_runs/${tried.body.id}`)).body.trial).toBe(true);
}, 90_000);
