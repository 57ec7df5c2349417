/** The webhook worker against DynamoDB Local and a real receiver: retries, idempotence, dead letters, resend. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createApiToken } from '../../lambdas/api/auth';
import { WebhookEventVerifier } from '@onfido/api';
import { clients } from '../../lambdas/shared/aws';
import { purgeRun } from '../../lambdas/lifecycle/runs';
import { resetConfig } from '../../lambdas/shared/config';
import { publish } from '../../lambdas/events/contract';
import { putTaskOnce } from '../../lambdas/store/tasks';
import { keys } from '../../lambdas/store/table';
import { buildDelivery, createHandler, getDeadLetter, webhookSettings, type HandlerDeps } from '../../lambdas/webhooks';
import { defaultDeps } from '../../lambdas/webhooks/handler';
import { startTestStack, type TestStack } from '../helpers/stack';
import { apiClient, endedRun, eventually, runCompleted, sqsBatch, startReceiver, type Receiver } from './helpers';

let stack: TestStack;
const receivers: Receiver[] = [];
const hooks: string[] = [];

beforeAll(async () => { stack = await startTestStack(); }, 900_000);
afterAll(async () => { await Promise.all(receivers.map((r) => r.close())); await stack?.stop(); });
afterEach(async () => { await Promise.all(hooks.splice(0).map((id) => api('DELETE', `/v3.6/webhooks/${id}`))); });

const api = apiClient(() => stack.apiToken);
let liveToken = '';
beforeAll(async () => { liveToken = await createApiToken('live'); });

async function hook(script: number[], extra: Record<string, unknown> = {}) {
  const receiver = await startReceiver(script);
  receivers.push(receiver);
  const res = await api('POST', '/v3.6/webhooks', { url: receiver.url, ...extra });
  expect(res.status).toBe(201);
  const { id, token } = res.body as { id: string; token: string };
  hooks.push(id);
  return { receiver, id, token };
}

const delays: number[] = [];
const logs: string[] = [];
function worker(maxAttempts = 8) {
  return createHandler((): HandlerDeps => ({
    ...defaultDeps(), settings: { ...webhookSettings(), WEBHOOK_MAX_ATTEMPTS: maxAttempts },
    setDelay: async (_record, seconds) => { delays.push(seconds); }, log: (msg) => { logs.push(msg); },
  }));
}

describe('webhook delivery', () => {
  it('retries a receiver that fails twice and delivers exactly once, signed for the official verifier', async () => {
    const { receiver, token } = await hook([500, 503, 200]);
    const runId = await endedRun('sandbox');
    const event = runCompleted(runId);
    const handle = worker();
    delays.length = 0;
    const results = [];
    for (const attempt of [1, 2, 3, 4]) results.push(await handle(sqsBatch(event, attempt)));
    expect(results.map((r) => r.batchItemFailures.length)).toEqual([1, 1, 0, 0]);
    expect(delays).toEqual([30, 60]);
    expect(receiver.received).toHaveLength(3);
    const last = receiver.received[2]!;
    const payload = new WebhookEventVerifier(token).readPayload(last.body, String(last.headers['x-sha2-signature']));
    expect(payload).toEqual({
      payload: {
        resource_type: 'workflow_run', action: 'workflow_run.completed',
        object: { id: runId, status: 'approved', completed_at_iso8601: '2025-01-02T03:05:06Z', href: `${stack.url}/v3.6/workflow_runs/${runId}` },
        resource: expect.objectContaining({ id: runId, status: 'approved', output: { score: 1 }, reasons: ['ok'], error: null, tags: ['t1'], sdk_token: null }),
      },
    });
    expect(receiver.received[0]!.body).toBe(last.body);
  });

  it('does not send again to a webhook that already got the event when another one fails', async () => {
    const ok = await hook([200]);
    const flaky = await hook([500, 200]);
    const event = runCompleted(await endedRun('sandbox'));
    const handle = worker();
    expect((await handle(sqsBatch(event, 1))).batchItemFailures).toHaveLength(1);
    expect((await handle(sqsBatch(event, 2))).batchItemFailures).toHaveLength(0);
    expect([ok.receiver.received.length, flaky.receiver.received.length]).toEqual([1, 2]);
  });

  it('delivers only to webhooks of the run environment, subscribed to the event and enabled', async () => {
    const sandbox = await hook([200]);
    const other = await hook([200], { events: ['workflow_task.started'] });
    const disabled = await hook([200], { enabled: false });
    await worker()(sqsBatch(runCompleted(await endedRun('live')), 1));
    await worker()(sqsBatch(runCompleted(await endedRun('sandbox')), 1));
    expect([sandbox, other, disabled].map((h) => h.receiver.received.length)).toEqual([1, 0, 0]);
  });

  it('checks the destination again at delivery: a loopback webhook is refused where loopback is not allowed (AWS), never contacted', async () => {
    const { receiver, id } = await hook([200]);
    const runId = await endedRun('sandbox');
    const event = runCompleted(runId);
    process.env.STUDIO_ALLOW_LOOPBACK_WEBHOOKS = 'false';
    resetConfig();
    try {
      const handle = worker(2);
      for (const attempt of [1, 2]) await handle(sqsBatch(event, attempt));
    } finally {
      process.env.STUDIO_ALLOW_LOOPBACK_WEBHOOKS = 'true';
      resetConfig();
    }
    expect(receiver.received).toHaveLength(0);
    expect(await getDeadLetter(keys.event(runId, ''), id, event.id)).toMatchObject({ last_error: 'refused: 127.0.0.1 is a loopback address', attempts: 2 });
  });

  it('dead-letters after the last attempt, and resend delivers it again and clears the dead letter', async () => {
    const { receiver, id, token } = await hook([500]);
    const runId = await endedRun('sandbox');
    const event = runCompleted(runId);
    const handle = worker(3);
    const results = [];
    for (const attempt of [1, 2, 3]) results.push(await handle(sqsBatch(event, attempt)));
    expect(results.map((r) => r.batchItemFailures.length)).toEqual([1, 1, 0]);
    const dead = await getDeadLetter(keys.event(runId, ''), id, event.id);
    expect(dead).toMatchObject({ webhook_id: id, event_id: event.id, last_error: 'HTTP 500', attempts: 3, action: 'workflow_run.completed' });
    expect(dead!.payload).toBe(receiver.received[0]!.body);
    expect(logs).toContainEqual(expect.stringContaining(`webhook ${id}: workflow_run.completed ${event.id} dead-lettered after 3 attempts`));

    receiver.script.splice(0, receiver.script.length, 200);
    expect((await api('POST', '/v3.6/webhooks/resend', { data: [{ resource_id: runId, event: 'workflow_run.completed' }] })).status).toBe(204);
    await eventually(async () => receiver.received.length === 4 && (await getDeadLetter(keys.event(runId, ''), id, event.id)) === undefined);
    const replay = receiver.received[3]!;
    expect(new WebhookEventVerifier(token).readPayload(replay.body, String(replay.headers['x-sha2-signature']))).toEqual(JSON.parse(dead!.payload));
  });

  it('resend reaches every webhook the event reached: also a live token\'s webhook subscribed to sandbox', async () => {
    const receiver = await startReceiver([500, 200]);
    receivers.push(receiver);
    const live = apiClient(() => liveToken);
    const created = await live('POST', '/v3.6/webhooks', { url: receiver.url, events: ['workflow_run.completed'], environments: ['sandbox', 'live'] });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    try {
      const runId = await endedRun('sandbox');
      const event = runCompleted(runId);
      await worker(1)(sqsBatch(event, 1));
      expect(await getDeadLetter(keys.event(runId, ''), id, event.id)).toBeDefined();
      expect((await api('POST', '/v3.6/webhooks/resend', { data: [{ resource_id: runId, event: 'workflow_run.completed' }] })).status).toBe(204);
      await eventually(async () => receiver.received.length === 2 && (await getDeadLetter(keys.event(runId, ''), id, event.id)) === undefined);
    } finally {
      await live('DELETE', `/v3.6/webhooks/${id}`);
    }
  });

  it('resend finds a task event by the task\'s id and a timeline file event by the timeline file\'s id (Onfido\'s resource_id)', async () => {
    const { receiver } = await hook([200], { events: ['workflow_task.completed', 'workflow_timeline_file.created'] });
    const runId = await endedRun('sandbox');
    await putTaskOnce({
      id: 'selfie_9f3a', workflow_run_id: runId, workflow_task_id: 'selfie', task_type: 'face_photo_capture', kind: 'interactive',
      task_def_id: 'face_photo_capture', task_def_version: '1', status: 'completed', config: {}, input: {}, output: [{ id: 'photo-1' }],
      announced: true, created_at: '2025-01-02T03:04:05.000Z', updated_at: '2025-01-02T03:04:30.000Z',
    });
    await publish('workflow_task.completed', { workflow_run_id: runId, task_id: 'selfie_9f3a', task_def_id: 'face_photo_capture', task_def_version: '1', status: 'completed' });
    await publish('workflow_timeline_file.created', { workflow_run_id: runId, applicant_id: 'a', timeline_file_id: 'tf-1c9e' });
    await eventually(() => receiver.received.length === 2);
    const resent = await api('POST', '/v3.6/webhooks/resend', { data: [
      { resource_id: 'selfie_9f3a', event: 'workflow_task.completed' }, { resource_id: 'tf-1c9e', event: 'workflow_timeline_file.created' },
    ] });
    expect(resent.status).toBe(204);
    await eventually(() => receiver.received.length === 4);
    const ids = receiver.received.slice(2).map((r) => (JSON.parse(r.body) as { payload: { action: string; object: { id: string } } }).payload);
    expect(ids.map((p) => `${p.action} ${p.object.id}`).sort()).toEqual(['workflow_task.completed selfie_9f3a', 'workflow_timeline_file.created tf-1c9e']);
    // Another event name of the same resource was never recorded.
    const wrong = await api('POST', '/v3.6/webhooks/resend', { data: [{ resource_id: 'selfie_9f3a', event: 'workflow_task.started' }] });
    expect(wrong.status).toBe(422);
  });

  it('resend keeps to the caller\'s environment: another\'s run is unknown; a task id both hold resends only the caller\'s', async () => {
    const receiver = await startReceiver([200, 200, 200]);
    receivers.push(receiver);
    const live = apiClient(() => liveToken);
    const created = await live('POST', '/v3.6/webhooks', { url: receiver.url, events: ['workflow_task.completed'], environments: ['sandbox', 'live'] });
    expect(created.status).toBe(201);
    try {
      const [sandboxRun, liveRun] = [await endedRun('sandbox'), await endedRun('live')];
      for (const runId of [sandboxRun, liveRun]) {
        await publish('workflow_task.completed', { workflow_run_id: runId, task_id: 'doc_5a5a5a5a5a', task_def_id: 'document_capture', task_def_version: '1', status: 'completed' });
      }
      await eventually(() => receiver.received.length === 2);
      const sandboxOnly = await live('POST', '/v3.6/webhooks/resend', { data: [{ resource_id: sandboxRun, event: 'workflow_task.completed' }] });
      expect(sandboxOnly.status).toBe(422);
      expect((await live('POST', '/v3.6/webhooks/resend', { data: [{ resource_id: 'doc_5a5a5a5a5a', event: 'workflow_task.completed' }] })).status).toBe(204);
      await eventually(() => receiver.received.length === 3);
      expect(JSON.parse(receiver.received[2]!.body)).toMatchObject({ payload: { object: { href: expect.stringContaining(liveRun) } } });
    } finally {
      await live('DELETE', `/v3.6/webhooks/${(created.body as { id: string }).id}`);
    }
  });

  it('resend of an event never recorded is a validation error', async () => {
    const res = await api('POST', '/v3.6/webhooks/resend', { data: [{ resource_id: 'no-such-run', event: 'workflow_run.completed' }] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { type: 'validation_error', fields: { 'data.0': [expect.stringContaining('no-such-run')] } } });
  });

  it('takes events from the bus: publish → rule → queue → worker → receiver', async () => {
    const { receiver, token } = await hook([200]);
    const runId = await endedRun('sandbox');
    await publish('workflow_run.completed', { workflow_run_id: runId, applicant_id: 'a', status: 'approved', result: { status: 'approved', task_id: 'decide' } });
    await eventually(() => receiver.received.length === 1);
    const got = receiver.received[0]!;
    const body = new WebhookEventVerifier(token).readPayload(got.body, String(got.headers['x-sha2-signature'])) as { payload: { object: { id: string } } };
    expect(body.payload.object.id).toBe(runId);
  });

  it('builds the workflow_task payload from the stored task', async () => {
    const runId = await endedRun('sandbox');
    await putTaskOnce({
      id: 'document_photo', workflow_run_id: runId, workflow_task_id: 'document_photo', task_type: 'document_capture', kind: 'interactive',
      task_def_id: 'upload_document_photo', task_def_version: null, status: 'completed', config: {}, input: {}, output: [{ id: 'doc-1' }],
      announced: true, created_at: '2025-01-02T03:04:05.000Z', updated_at: '2025-01-02T03:04:30.000Z',
    });
    const event = { ...runCompleted(runId), 'detail-type': 'workflow_task.completed', time: '2025-01-02T03:04:31Z',
      detail: { workflow_run_id: runId, task_id: 'document_photo', task_def_id: 'upload_document_photo', task_def_version: null, status: 'completed' } };
    const delivery = await buildDelivery(event);
    expect(delivery).toMatchObject({ action: 'workflow_task.completed', environment: 'sandbox' });
    expect(JSON.parse(delivery!.body)).toEqual({
      payload: {
        resource_type: 'workflow_task', action: 'workflow_task.completed',
        object: { id: 'document_photo', status: 'completed', completed_at_iso8601: '2025-01-02T03:04:31Z', href: `${stack.url}/v3.6/workflow_runs/${runId}/tasks/document_photo` },
        resource: {
          id: 'document_photo', workflow_run_id: runId, task_def_id: 'upload_document_photo', task_def_version: null,
          created_at: '2025-01-02T03:04:05Z', updated_at: '2025-01-02T03:04:30Z', input: {}, output: [{ id: 'doc-1' }],
          // Extensions of the task view (Onfido's clients ignore them): lambdas/tasks/view.ts.
          status: 'completed', task_type: 'document_capture', name: 'Document Capture', completed_at: '2025-01-02T03:04:30Z',
        },
      },
    });
  });
});

describe('dead letters and purges (their bodies hold the run\'s personal data)', () => {
  const legacyLetter = async (webhookId: string, eventId: string) =>
    (await clients().doc.send(new GetCommand({ TableName: stack.env.TABLE_NAME, Key: keys.legacyDeadLetter(webhookId, eventId), ConsistentRead: true }))).Item;

  it('keeps no dead letter when the run is purged while its last attempt is under way', async () => {
    const { id } = await hook([200]);
    const runId = await endedRun('sandbox');
    const event = runCompleted(runId);
    // The last attempt's receiver fails after the purge has run (the purge finds no dead letter yet).
    const handle = createHandler((): HandlerDeps => ({
      ...defaultDeps(), settings: { ...webhookSettings(), WEBHOOK_MAX_ATTEMPTS: 1 }, setDelay: async () => undefined, log: (msg) => { logs.push(msg); },
      send: async () => { await purgeRun(runId, new Date().toISOString()); return { ok: false, error: 'HTTP 500' }; },
    }));
    expect((await handle(sqsBatch(event, 1))).batchItemFailures).toEqual([]);
    expect(await getDeadLetter(keys.event(runId, ''), id, event.id)).toBeUndefined();
    expect(await legacyLetter(id, event.id)).toBeUndefined();
    expect(logs).toContainEqual(expect.stringContaining(`${event.id} failed its last attempt after its run was purged; no dead letter kept`));
  });

  it('a purge removes the dead letters of every event of the run, also of an earlier event of the same record', async () => {
    const { id } = await hook([500, 500]);
    const runId = await endedRun('sandbox');
    const first = runCompleted(runId);
    const second = runCompleted(runId); // the same record (the run's completion), recorded again with a new event id
    for (const event of [first, second]) await worker(1)(sqsBatch(event, 1));
    expect(await getDeadLetter(keys.event(runId, ''), id, first.id)).toBeDefined();
    expect(await getDeadLetter(keys.event(runId, ''), id, second.id)).toBeDefined();
    // One kept where dead letters were before they moved into the run's partition (found by the record's deliveries).
    await clients().doc.send(new PutCommand({ TableName: stack.env.TABLE_NAME, Item: { ...keys.legacyDeadLetter(id, second.id), payload: 'an older dead letter' } }));
    expect(await legacyLetter(id, second.id)).toBeDefined();
    expect(await purgeRun(runId, new Date().toISOString())).toMatchObject({ dead_letters: 2 });
    for (const event of [first, second]) {
      expect(await getDeadLetter(keys.event(runId, ''), id, event.id)).toBeUndefined();
      expect(await legacyLetter(id, event.id)).toBeUndefined();
    }
  });
});
