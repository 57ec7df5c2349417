/**
 * A run's inspection for the console (`GET /v3.6/studio/runs/{id}`): the route it took from its
 * execution's history (logic, retry and result steps too, a retried task twice), each step's
 * status, the tasks it skipped, the timeline with the retry, and the media of its captures. A
 * workflow version's funnel (`GET /v3.6/studio/funnel`): a run abandoned after its first task,
 * one waiting at the first, one completed; trial runs left out unless asked for.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { keys } from '../../lambdas/store/table';
import type { Clock } from '../../local/sfn/contract';
import { startTestStack, type TestStack } from '../helpers/stack';
import { startReceiver } from '../webhooks/helpers';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { INSPECTED } from './run-inspection-workflows';

// The engine's clock follows the real one (the history's times and the store's agree) until a test moves it on.
let ahead = 0;
const clock: Clock = { now: () => Date.now() + ahead };
let stack: TestStack;
let t: E2e;
beforeAll(async () => { stack = await startTestStack({ clock }); t = e2e(stack); }, 120_000);
afterAll(() => stack.stop());

interface Step { task_id: string; task_type: string; name: string; status: string; started_at: string | null; ended_at: string | null; duration_ms: number | null; record_id: string | null; output: unknown }
interface Inspection { definition: Json; steps: Step[]; timeline: Array<{ at: string; kind: string; description: string }>; media: Array<{ id: string; kind: string; task_id: string; image_href: string }> }

/** Completes the capture tasks (uploads as the capture client does) and the check with `ok`. */
async function pass(runId: string, applicant: string, sdk: string, ok: boolean): Promise<string[]> {
  await t.until(runId, ['awaiting_input']);
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front' });
  expect((await t.complete(runId, (await t.waitingTask(runId, 'doc')).id, [{ id: doc }], sdk)).status).toBe(200);
  await t.until(runId, ['awaiting_input']);
  const selfie = await t.upload('live_photos', applicant, sdk);
  expect((await t.complete(runId, (await t.waitingTask(runId, 'selfie')).id, [{ id: selfie }], sdk)).status).toBe(200);
  await t.until(runId, ['awaiting_client_input']);
  expect((await t.complete(runId, (await t.waitingTask(runId, 'check')).id, { ok })).status).toBe(200);
  return [doc, selfie];
}

it('shows the route with every step, the skipped tasks, the retry and the webhook\'s answer on the timeline, and the media', async () => {
  const receiver = await startReceiver([200]);
  const hook = await t.call<{ id: string }>('POST', '/v3.6/webhooks', { url: receiver.url, events: ['workflow_run.completed'] });
  expect(hook.status).toBe(201);
  const wf = await t.workflow(INSPECTED);
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(wf, applicant);
  const first = await pass(run.id, applicant, sdk, false);
  const second = await pass(run.id, applicant, sdk, true);
  await t.until(run.id, ['approved']);

  // The delivery is settled after the receiver answered: poll (bounded) until the timeline has its answer.
  const delivered = `Webhook ${hook.body.id}: workflow_run.completed delivered after 1 attempt`;
  let res = await t.call<Inspection>('GET', `/v3.6/studio/runs/${run.id}`);
  for (let i = 0; i < 200 && !res.body.timeline.some((e) => e.description === delivered); i++) {
    await stack.engine.idle();
    await new Promise((r) => setImmediate(r));
    res = await t.call<Inspection>('GET', `/v3.6/studio/runs/${run.id}`);
  }
  await receiver.close();
  expect(res.status).toBe(200);
  expect(res.body.timeline.filter((e) => e.kind === 'webhook_delivery').map((e) => e.description)).toEqual([delivered]);
  const { steps, timeline, media, definition } = res.body;
  expect(definition).toMatchObject({ start: 'doc' });
  expect(steps.map((s) => [s.task_id, s.status])).toEqual([
    ['doc', 'completed'], ['selfie', 'completed'], ['check', 'completed'], ['decide', 'completed'], ['again', 'completed'],
    ['doc', 'completed'], ['selfie', 'completed'], ['check', 'completed'], ['decide', 'completed'], ['approve', 'completed'],
    ['review', 'skipped'],
  ]);
  const decide = steps.find((s) => s.task_id === 'decide')!;
  expect(decide).toMatchObject({ task_type: 'logic', name: 'Decide', record_id: null, duration_ms: expect.any(Number) });
  expect(Date.parse(decide.ended_at!)).toBeGreaterThanOrEqual(Date.parse(decide.started_at!));
  expect(steps[0]).toMatchObject({ record_id: expect.stringMatching(/^doc_/), output: [{ id: first[0] }] });
  expect(steps.at(-1)).toMatchObject({ started_at: null, ended_at: null, duration_ms: null });

  const kinds = timeline.map((e) => e.kind);
  expect(kinds[0]).toBe('run_created');
  const last = (d: string) => timeline.map((e) => e.description).lastIndexOf(d);
  expect(kinds.indexOf('run_ended')).toBeGreaterThan(last('Task decide (logic) completed'));
  expect(last('Task approve (result) started')).toBeGreaterThan(last('Task decide (logic) completed'));
  expect(timeline.filter((e) => e.kind === 'retry').map((e) => e.description)).toEqual(['Task again (retry): retry 1 of the route']);
  expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
  expect(timeline.some((e) => e.description === 'Task decide (logic) completed')).toBe(true);

  expect(media.map((m) => [m.id, m.kind, m.task_id])).toEqual([
    [first[0], 'documents', 'doc'], [first[1], 'live_photos', 'selfie'], [second[0], 'documents', 'doc'], [second[1], 'live_photos', 'selfie'],
  ]);
  const image = await stack.api(media[0]!.image_href);
  expect(image.status).toBe(200);
  expect(image.headers.get('content-type')).toBe('image/jpeg');
}, 120_000);

it('is a 404 for an unknown run and needs an API token', async () => {
  const res = await t.call<{ error: { type: string } }>('GET', '/v3.6/studio/runs/nope');
  expect(res.status).toBe(404);
  expect(res.body.error.type).toBe('resource_not_found');
});

interface FunnelBody {
  started: number; completed: number; completion_rate: number | null; outcomes: Record<string, number>; truncated: boolean; trials_excluded: number;
  tasks: Array<{ task_id: string; name: string; reached: number; completed: number; stopped: number; waiting: number; median_ms: number | null }>;
}

it('counts a version\'s funnel: where runs stopped, completion rate, outcomes, median times; trials left out', async () => {
  const wf = await t.workflow(INSPECTED);
  const done = await t.applicant();
  const doneSdk = await t.sdkToken(done);
  const a = await t.startRun(wf, done);
  await pass(a.id, done, doneSdk, true);
  await t.until(a.id, ['approved']);
  // Abandoned after its first task: the selfie times out.
  const quitter = await t.applicant();
  const sdk = await t.sdkToken(quitter);
  const b = await t.startRun(wf, quitter);
  await t.until(b.id, ['awaiting_input']);
  const doc = await t.upload('documents', quitter, sdk, { type: 'passport', side: 'front' });
  expect((await t.complete(b.id, (await t.waitingTask(b.id, 'doc')).id, [{ id: doc }], sdk)).status).toBe(200);
  await t.until(b.id, ['awaiting_input']);
  ahead += 3601 * 1000;
  await stack.engine.fireDueTimers();
  await t.until(b.id, ['abandoned']);
  const c = await t.startRun(wf, await t.applicant());
  await t.until(c.id, ['awaiting_input']);

  const get = (q: string) => t.call<FunnelBody>('GET', `/v3.6/studio/funnel?workflow_id=${wf}&version=1${q}`);
  const res = await get('');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ started: 3, completed: 1, completion_rate: 1 / 3, outcomes: { approved: 1, abandoned: 1, awaiting_input: 1 }, truncated: false, trials_excluded: 0 });
  expect(res.body.tasks.map((x) => [x.task_id, x.reached, x.completed, x.stopped, x.waiting])).toEqual([
    ['doc', 3, 2, 0, 1], ['selfie', 2, 1, 1, 0], ['check', 1, 1, 0, 0],
  ]);
  expect(res.body.tasks[0]).toMatchObject({ name: 'Identity document', median_ms: expect.any(Number) });

  // A run marked as a trial is left out unless asked for.
  await clients().doc.send(new UpdateCommand({ TableName: config().TABLE_NAME, Key: keys.run(c.id), UpdateExpression: 'SET trial = :t', ExpressionAttributeValues: { ':t': true } }));
  expect((await get('')).body).toMatchObject({ started: 2, trials_excluded: 1, completion_rate: 0.5 });
  expect((await get('&include_trials=true')).body).toMatchObject({ started: 3, trials_excluded: 0 });

  expect((await t.call('GET', `/v3.6/studio/funnel?workflow_id=${wf}&version=9`)).status).toBe(404);
  const bad = await t.call<{ error: { type: string; fields: Record<string, unknown> } }>('GET', `/v3.6/studio/funnel?workflow_id=${wf}&version=x`);
  expect(bad.status).toBe(422);
  expect(bad.body.error.fields).toHaveProperty('version');
}, 120_000);
