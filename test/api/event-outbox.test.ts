/**
 * Events announced after a side effect are not lost when the bus refuses them through every in-process try (the
 * pending events of lambdas/events/pending.ts): a task completion that Step Functions took answers 200, the run goes
 * on, and `workflow_task.completed` is put on the bus later by the lifecycle sweep (its clock injected), once; a copy
 * put twice (the writer's clean-up failed after the put) reaches a webhook once (`dedupe_id`). The same for an
 * analyst's decision on a report; a timeline file request is a 202 whose file is made once the sweep put the request;
 * a resend the bus refuses (nothing changed) is a 503 with Onfido's error body.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { findEvents } from '../../lambdas/events';
import { ENTRY_RETRY, entryBackoff } from '../../lambdas/events/entry-retry';
import { createLifecycleHandler } from '../../lambdas/lifecycle/handler';
import { clients } from '../../lambdas/shared/aws';
import { keys } from '../../lambdas/store/table';
import { listTasks } from '../../lambdas/store/tasks';
import { completeWithRun, getRunWithTasks } from '../../lambdas/store/task-completion';
import { liveStatus } from '../../lambdas/runs/status';
import { completedEvent } from '../../lambdas/tasks/events';
import type { BusEvent } from '../../local/events';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { ASK } from '../e2e/workflows';
import { startTestStack, type TestStack } from '../helpers/stack';
import { eventually, startReceiver, type Receiver } from '../webhooks/helpers';

const COMPLETED = 'workflow_task.completed';
let stack: TestStack;
let t: E2e;
let ask: string;
let manual: string;
let receiver: Receiver;
const bus: BusEvent[] = [];
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  stack.bus.registerTarget('outbox-test', async (e) => { bus.push(e); });
  stack.bus.putRule({ Name: 'outbox-test', EventBusName: stack.env.EVENT_BUS_NAME, EventPattern: { source: ['studio.workflows'] } });
  stack.bus.putTargets('outbox-test', [{ Id: 'o', Arn: 'outbox-test' }], stack.env.EVENT_BUS_NAME);
  receiver = await startReceiver([200]);
  expect((await stack.apiJson('/v3.6/webhooks', { method: 'POST', json: { url: receiver.url } })).status).toBe(201);
  ask = await t.workflow(ASK);
  manual = await t.workflow({ name: 'Manual', start: 'doc', tasks: [
    { id: 'doc', type: 'document_capture', next: 'report' },
    { id: 'report', type: 'document_report', processing: 'manual', next: 'approve' },
    { id: 'approve', type: 'result', outcome: 'approve' },
  ] });
}, 120_000);
afterAll(async () => { await receiver.close(); await stack.stop(); });
afterEach(() => jest.restoreAllMocks());

/** The bus refuses every entry of `detailType` (ThrottlingException in a 200 answer), through every in-process try. */
function refusing(detailType: string): { tries: number } {
  jest.spyOn(entryBackoff, 'sleep').mockResolvedValue(undefined);
  const events = clients().events;
  const send = events.send.bind(events) as (command: unknown) => Promise<unknown>;
  const seen = { tries: 0 };
  jest.spyOn(events, 'send').mockImplementation(((command: unknown) => {
    if (!(command instanceof PutEventsCommand && command.input.Entries?.[0]?.DetailType === detailType)) return send(command);
    seen.tries++;
    return Promise.resolve({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] });
  }) as never);
  return seen;
}
/** One lifecycle sweep a minute on (past the writers' grace period), with what it put on the bus delivered. */
async function sweepLater(): Promise<void> {
  await createLifecycleHandler({ now: () => new Date(Date.now() + 60_000), newId: () => 'unused' })();
  await stack.bus.runDue();
  await stack.bus.idle();
}
const ofTask = (id: string) => bus.filter((e) => e['detail-type'] === COMPLETED && (e.detail as Json).task_id === id);
const hooksOf = (id: string) => receiver.received.map((r) => (JSON.parse(r.body) as { payload: { action: string; object: { id: string } } }).payload)
  .filter((p) => p.action === COMPLETED && p.object.id === id);
async function askRun() {
  const run = await t.startRun(ask, await t.applicant(), { custom_data: { tier: 'gold' } });
  await t.until(run.id, ['awaiting_client_input']);
  return { run, task: await t.waitingTask(run.id, 'ask') };
}

it('a completion whose event the bus refuses answers 200, the run goes on, and the sweep puts the event on the bus once', async () => {
  const { run, task } = await askRun();
  const refused = refusing(COMPLETED);
  expect((await t.complete(run.id, task.id, { score: 7 })).status).toBe(200);
  expect(refused.tries).toBe(ENTRY_RETRY.attempts);
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved' });
  await stack.bus.idle();
  expect(ofTask(task.id)).toEqual([]);
  jest.restoreAllMocks();
  await sweepLater();
  const completedAt = (await t.call<{ completed_at: string }>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${task.id}`)).body.completed_at;
  expect(ofTask(task.id)).toEqual([expect.objectContaining({
    time: completedAt, detail: expect.objectContaining({ workflow_run_id: run.id, status: 'completed', output: { score: 7 }, dedupe_id: expect.any(String) }),
  })]);
  await eventually(() => hooksOf(task.id).length > 0);
  await sweepLater();
  expect([ofTask(task.id).length, hooksOf(task.id).length]).toEqual([1, 1]);
}, 120_000);

it('a completion whose process stopped after its write, before Step Functions got the data: the sweep hands it over, the run goes on, the event goes once', async () => {
  const { run, task } = await askRun();
  // What tasks/complete.ts writes before its hand-over (one transaction: the task completed with its output, the run's
  // status, the pending event), and then nothing: the process stopped.
  const read = await getRunWithTasks(run.id);
  const stored = read.tasks.find((x) => x.id === task.id)!;
  const at = new Date().toISOString();
  const after = read.tasks.map((x) => (x.id === task.id ? { ...x, status: 'completed' as const } : x));
  expect(await completeWithRun({ run: read.run!, taskId: task.id, output: { score: 9 }, now: at, status: liveStatus(after),
    event: completedEvent(stored, read.run!.applicant_id, at), token: stored.token })).toBe('completed');
  await stack.engine.idle();
  expect((await stack.engine.describe(read.run!.execution_arn!))?.status).toBe('RUNNING'); // the state still waits on the token
  expect((await t.call<{ status: string }>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${task.id}`)).body.status).toBe('completed');
  await sweepLater();
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved', output: { score: 9 } });
  expect(ofTask(task.id)).toEqual([expect.objectContaining({ detail: expect.objectContaining({ status: 'completed', output: { score: 9 } }) })]);
  // The next pass finds nothing pending; a hand-over the state already took is not sent again.
  await sweepLater();
  expect(ofTask(task.id)).toHaveLength(1);
}, 120_000);

it('an event put on the bus twice (its pending item outlived the put) reaches a webhook once', async () => {
  const { run, task } = await askRun();
  const doc = clients().doc;
  const send = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
  jest.spyOn(doc, 'send').mockImplementation(((command: unknown) => (command instanceof DeleteCommand && command.input.Key?.pk === keys.pendingEvent('', '').pk
    ? Promise.reject(Object.assign(new Error('no answer'), { name: 'TimeoutError' })) : send(command))) as never);
  expect((await t.complete(run.id, task.id, { score: 3 })).status).toBe(200);
  await t.until(run.id, ['approved']);
  jest.restoreAllMocks();
  await sweepLater();
  const copies = ofTask(task.id);
  expect(copies).toHaveLength(2);
  expect(copies[0]!.id).not.toBe(copies[1]!.id);
  expect((copies[0]!.detail as Json).dedupe_id).toBe((copies[1]!.detail as Json).dedupe_id);
  await eventually(() => hooksOf(task.id).length > 0);
  await stack.bus.idle();
  expect(hooksOf(task.id)).toHaveLength(1);
}, 120_000);

it('an analyst\'s decision whose announcement the bus refuses: 200, the run goes on, and the sweep puts it on the bus once', async () => {
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(manual, applicant);
  await t.until(run.id, ['awaiting_input']);
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front' });
  expect((await t.complete(run.id, (await t.waitingTask(run.id, 'doc')).id, [{ id: doc }], sdk)).status).toBe(200);
  let report: string | undefined;
  await eventually(async () => {
    await stack.engine.idle();
    report = (await listTasks(run.id)).find((x) => x.kind === 'report' && x.status === 'waiting' && x.review_queue)?.id;
    return report !== undefined;
  });
  const decided = () => ofTask(report!).filter((e) => ((e.detail as Json).output as Json | undefined)?.review !== undefined);
  const refused = refusing(COMPLETED);
  const answer = await stack.apiJson(`/v3.6/studio/review_queue/${run.id}/reports/${report!}/decision`, { method: 'POST', json: { decision: 'clear', note: 'Checked' } });
  expect(answer.status).toBe(200);
  expect(refused.tries).toBe(ENTRY_RETRY.attempts);
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved' });
  await stack.bus.idle();
  expect(decided()).toEqual([]);
  jest.restoreAllMocks();
  await sweepLater();
  expect(decided()).toEqual([expect.objectContaining({ detail: expect.objectContaining({ output: expect.objectContaining({ result: 'clear', review: expect.objectContaining({ note: 'Checked' }) }) }) })]);
  await sweepLater();
  expect(decided()).toHaveLength(1);
}, 120_000);

it('a timeline file request the bus refuses is a 202; the sweep puts the request on the bus and the file is made', async () => {
  const { run } = await askRun();
  refusing('studio.timeline_file_requested');
  const asked = await stack.apiJson<{ workflow_timeline_file_id: string }>(`/v3.6/workflow_runs/${run.id}/timeline_file`, { method: 'POST' });
  expect(asked.status).toBe(202);
  const file = `/v3.6/workflow_runs/${run.id}/timeline_file/${asked.body.workflow_timeline_file_id}`;
  expect((await stack.apiJson(file)).status).toBe(422);
  jest.restoreAllMocks();
  await sweepLater();
  await eventually(async () => (await stack.api(file)).status === 200);
  expect(bus.filter((e) => (e.detail as Json).timeline_file_id === asked.body.workflow_timeline_file_id).map((e) => e['detail-type']))
    .toEqual(['studio.timeline_file_requested', 'workflow_timeline_file.created']);
}, 120_000);

it('a resend the bus refuses is a 503 with Onfido\'s error body (nothing was changed: it can be sent again)', async () => {
  const { task } = await askRun();
  await eventually(async () => (await findEvents(task.id, 'workflow_task.started')).length > 0);
  refusing('studio.webhook_redelivery');
  const res = await stack.apiJson<Json>('/v3.6/webhooks/resend', { method: 'POST', json: { data: [{ resource_id: task.id, event: 'workflow_task.started' }] } });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(res.body).toEqual({ error: { type: 'service_unavailable', message: expect.stringContaining('0 of 1'), fields: {} } });
  jest.restoreAllMocks();
  expect((await stack.apiJson('/v3.6/webhooks/resend', { method: 'POST', json: { data: [{ resource_id: task.id, event: 'workflow_task.started' }] } })).status).toBe(204);
}, 120_000);
