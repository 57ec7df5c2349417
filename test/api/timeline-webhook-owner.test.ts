/**
 * A run's timeline (the console's run page, `GET /v3.6/studio/runs/{id}`, and the timeline PDF)
 * shows the deliveries to the webhooks of the run's environment only: a live webhook registered
 * without `environments` also receives sandbox events, but a sandbox token never learns its id,
 * its answers or its errors (which name its host) from a sandbox run's timeline. A delivery state
 * written before states named their webhook's owner is shown by the webhook's owner, and not at all
 * once that webhook is gone.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createApiToken } from '../../lambdas/api/auth';
import { runTimeline } from '../../lambdas/evidence/timeline';
import { partition } from '../../lambdas/lifecycle/items';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { getRun } from '../../lambdas/store/runs';
import { keys } from '../../lambdas/store/table';
import { startTestStack, type TestStack } from '../helpers/stack';
import { startReceiver, type Receiver } from '../webhooks/helpers';
import { e2e, type E2e } from '../e2e/helpers';

const DECIDE = {
  name: 'Decide', start: 'gate',
  tasks: [
    { id: 'gate', type: 'logic', name: 'Gate', branches: [{ name: 'Doe', when: { path: 'input.applicant.last_name', op: 'eq', value: 'Doe' }, next: 'approve' }], else: 'decline' },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['ok'] },
    { id: 'decline', type: 'result', outcome: 'decline', reasons: ['no'] },
  ],
  input: { applicant: ['last_name'] },
};

interface Delivery { status: string; owner?: string }
interface Inspection { timeline: Array<{ kind: string; description: string }> }

let stack: TestStack;
let t: E2e;
let live: string;
const receivers: Receiver[] = [];
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  live = await createApiToken('live');
}, 120_000);
afterAll(async () => {
  for (const r of receivers) await r.close();
  await stack.stop();
});

/** The recorded `workflow_run.completed` of the run, once both webhooks' deliveries are settled (bounded polling). */
async function settledDeliveries(runId: string, webhookIds: string[]): Promise<{ sk: string; deliveries: Record<string, Delivery> }> {
  for (let i = 0; i < 400; i++) {
    await stack.engine.idle();
    const record = (await partition(keys.event(runId, '').pk)).find((r) => r.sk === 'workflow_run.completed') as { sk: string; deliveries?: Record<string, Delivery> } | undefined;
    const states = Object.entries(record?.deliveries ?? {});
    if (webhookIds.every((id) => states.some(([k, d]) => k.startsWith(`${id}#`) && d.status === 'delivered'))) return { sk: record!.sk, deliveries: record!.deliveries! };
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`the deliveries of run ${runId} did not settle`);
}

it('shows a sandbox run the sandbox webhook\'s delivery, never the live webhook\'s that also received it', async () => {
  const sandboxReceiver = await startReceiver([200]);
  const liveReceiver = await startReceiver([200]);
  receivers.push(sandboxReceiver, liveReceiver);
  const sandboxHook = await t.call<{ id: string }>('POST', '/v3.6/webhooks', { url: sandboxReceiver.url, events: ['workflow_run.completed'] });
  const liveHook = await stack.apiJson<{ id: string; environments: string[] }>('/v3.6/webhooks', { method: 'POST', token: live, json: { url: liveReceiver.url, events: ['workflow_run.completed'] } });
  expect([sandboxHook.status, liveHook.status, liveHook.body.environments]).toEqual([201, 201, ['sandbox', 'live']]);

  const wf = await t.workflow(DECIDE);
  const run = await t.startRun(wf, await t.applicant());
  await t.until(run.id, ['approved']);
  // Both webhooks received the sandbox run's end (the live one subscribes to sandbox events too).
  const record = await settledDeliveries(run.id, [sandboxHook.body.id, liveHook.body.id]);
  expect(liveReceiver.received.length).toBeGreaterThan(0);

  const inspection = await t.call<Inspection>('GET', `/v3.6/studio/runs/${run.id}`);
  expect(inspection.status).toBe(200);
  const deliveries = (timeline: Inspection['timeline']) => timeline.filter((e) => e.kind === 'webhook_delivery').map((e) => e.description);
  expect(deliveries(inspection.body.timeline)).toEqual([`Webhook ${sandboxHook.body.id}: workflow_run.completed delivered after 1 attempt`]);
  expect(JSON.stringify(inspection.body)).not.toContain(liveHook.body.id);
  // The timeline PDF prints the same timeline.
  const item = (await getRun(run.id))!;
  expect(deliveries(await runTimeline(item, []))).toEqual([`Webhook ${sandboxHook.body.id}: workflow_run.completed delivered after 1 attempt`]);

  // States written before they named their webhook's owner: told by the webhook's owner; a deleted webhook's are not shown.
  const legacy = { status: 'failed', at: '2030-01-01T00:00:00Z', attempts: 1, error: 'HTTP 500 from 10.1.2.3' };
  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: keys.event(run.id, record.sk),
    UpdateExpression: 'SET deliveries.#live = :legacy, deliveries.#sandbox = :legacy, deliveries.#gone = :legacy',
    ExpressionAttributeNames: { '#live': `${liveHook.body.id}#old`, '#sandbox': `${sandboxHook.body.id}#old`, '#gone': 'deleted-webhook#old' },
    ExpressionAttributeValues: { ':legacy': legacy },
  }));
  const again = await t.call<Inspection>('GET', `/v3.6/studio/runs/${run.id}`);
  expect(deliveries(again.body.timeline)).toEqual([
    `Webhook ${sandboxHook.body.id}: workflow_run.completed delivered after 1 attempt`,
    `Webhook ${sandboxHook.body.id}: workflow_run.completed failed after 1 attempt (HTTP 500 from 10.1.2.3)`,
  ]);
  expect(JSON.stringify(again.body)).not.toContain(liveHook.body.id);
  expect(JSON.stringify(again.body)).not.toContain('deleted-webhook');
}, 120_000);
