/**
 * The task function's storage failing (local stack, virtual clock: the waits' retries fire when the test moves it on).
 * A transient AWS error (throttled, after the SDK's own retries) is `StorageUnavailable`, which capture and review waits
 * retry: the run still reaches its task and finishes. A retry after a partial write takes over the task the first
 * attempt stored, with the retry's token: one task, which completes the run. A bug is not retried; an outage that
 * outlasts the retries ends the run `error` after a bounded number of tries. EventBridge refusing an entry with a
 * retryable code (a 200 answer the SDK does not retry) is put again in-process, then retried as a throttled call.
 */
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { runError, WAIT_STORAGE_RETRY } from '../../compiler';
import { findEvents } from '../../lambdas/events';
import { ENTRY_RETRY, entryBackoff } from '../../lambdas/events/entry-retry';
import { clients } from '../../lambdas/shared/aws';
import { listTasks } from '../../lambdas/store/tasks';
import { createTaskHandler } from '../../lambdas/tasks/handler';
import type { Clock } from '../../local/sfn/contract';
import { startTestStack, type TestStack } from '../helpers/stack';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { CAPTURE } from '../e2e/workflows';

let now = Date.parse('2026-11-25T12:00:00.000Z');
const clock: Clock = { now: () => now };
let stack: TestStack;
let t: E2e;
let capture: string;
let manual: string;
beforeAll(async () => {
  stack = await startTestStack({ clock });
  t = e2e(stack);
  capture = await t.workflow(CAPTURE());
  manual = await t.workflow({
    name: 'Manual review', start: 'doc',
    tasks: [
      { id: 'doc', type: 'document_capture', next: 'report' },
      { id: 'report', type: 'document_report', processing: 'manual', next: 'approve' },
      { id: 'approve', type: 'result', outcome: 'approve' },
    ],
  });
}, 120_000);
afterAll(() => stack.stop());
afterEach(() => jest.restoreAllMocks());

/** An AWS SDK error as a throttled request gives it once the SDK's own retries are spent. */
const throttled = () => Object.assign(new Error('Rate of requests exceeds the allowed throughput.'),
  { name: 'ThrottlingException', $fault: 'client', $retryable: { throttling: true }, $metadata: {} });

/** Makes the calls `matches` picks fail with `error` (the first `times` of them); returns how many were picked. */
function failing(client: { send: (...a: never[]) => unknown }, matches: (command: unknown) => boolean, error: () => Error, times = Infinity) {
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const seen = { calls: 0 };
  jest.spyOn(client, 'send').mockImplementation(((command: unknown) => {
    if (!matches(command)) return send(command);
    return ++seen.calls <= times ? Promise.reject(error()) : send(command);
  }) as never);
  return seen;
}
/** The task function's transaction that stores a new task with its run's status. */
const storesTask = (command: unknown) => command instanceof TransactWriteCommand
  && (command.input.TransactItems ?? []).some((i) => String(i.Put?.Item?.sk ?? '').startsWith('TASK#'));

/** Moves the virtual clock past the waits' longest retry delay and runs the timers then due. */
async function later(): Promise<void> {
  now += (WAIT_STORAGE_RETRY.maxDelaySeconds + 1) * 1000;
  await stack.engine.fireDueTimers();
}

async function start(workflowId: string) {
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(workflowId, applicant);
  await stack.engine.idle();
  return { run, applicant, sdk };
}
/** Uploads a document and completes the run's waiting capture with it. */
async function captureDocument(runId: string, applicant: string, sdk: string) {
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front' });
  expect((await t.complete(runId, (await t.waitingTask(runId, 'doc')).id, [{ id: doc }], sdk)).status).toBe(200);
}

it('a throttled write of the task function is retried: the run reaches its capture task, then finishes approved', async () => {
  const fault = failing(clients().doc, storesTask, throttled, 1);
  const { run, applicant, sdk } = await start(capture);
  expect(fault.calls).toBe(1);
  expect((await t.run(run.id)).status).toBe('processing');
  await later();
  await t.until(run.id, ['awaiting_input']);
  expect(fault.calls).toBe(2);
  expect((await listTasks(run.id)).map((x) => [x.workflow_task_id, x.status])).toEqual([['doc', 'waiting']]);
  await captureDocument(run.id, applicant, sdk);
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved', error: null });
}, 60_000);

it('a retry after the task was stored (its announcement throttled) takes the task over with the new token: one task, which completes the run', async () => {
  const fault = failing(clients().events, (c) => c instanceof PutEventsCommand && c.input.Entries?.[0]?.DetailType === 'workflow_task.started', throttled, 1);
  const { run, applicant, sdk } = await start(capture);
  expect(fault.calls).toBe(1);
  const [stored] = await listTasks(run.id);
  expect(stored).toMatchObject({ workflow_task_id: 'doc', status: 'waiting', announced: false, attempt: 0 });
  await later();
  await t.until(run.id, ['awaiting_input']);
  const tasks = await listTasks(run.id);
  expect(tasks.map((x) => x.id)).toEqual([stored!.id]);
  expect(tasks[0]).toMatchObject({ status: 'waiting', announced: true, attempt: 1, entered_at: stored!.entered_at });
  expect(tasks[0]!.token).not.toBe(stored!.token);
  expect((await findEvents(run.id, 'workflow_task.started')).map((e) => (e.event.detail as Json).task_id)).toEqual([stored!.id]);
  // An earlier attempt that was still running (its token never stored) finds the task and leaves the newer token alone.
  const late = {
    kind: 'interactive', task_id: 'doc', task_type: 'document_capture', task_version: 1, config: stored!.config,
    run: { workflow_run_id: run.id, applicant_id: applicant, sandbox: true }, token: 'an-earlier-attempts-token', timeout_seconds: 3600,
    entered_at: stored!.entered_at, attempt: 0,
  };
  expect(await createTaskHandler()(late)).toEqual({ task_id: stored!.id });
  expect(await listTasks(run.id)).toEqual([tasks[0]]);
  // The task holds the token the state waits on: completing it hands the capture over.
  await captureDocument(run.id, applicant, sdk);
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved', error: null });
}, 60_000);

it('a completion that read the task just before a retry took it over completes it with the token the state now waits on', async () => {
  failing(clients().events, (c) => c instanceof PutEventsCommand && c.input.Entries?.[0]?.DetailType === 'workflow_task.started', throttled, 1);
  const { run, applicant, sdk } = await start(capture);
  const [stored] = await listTasks(run.id);
  expect(stored).toMatchObject({ workflow_task_id: 'doc', status: 'waiting', attempt: 0 });
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front' });
  // Between the completion's read of the task and its transaction, the state's retry takes the task over (a new token).
  const completes = (c: unknown) => c instanceof TransactWriteCommand
    && (c.input.TransactItems ?? []).some((i) => String(i.Update?.Key?.sk ?? '').startsWith('TASK#') && i.Update?.ExpressionAttributeValues?.[':completed'] === 'completed');
  const send = clients().doc.send.bind(clients().doc) as (command: unknown) => Promise<unknown>;
  const took = { over: false };
  jest.spyOn(clients().doc, 'send').mockImplementation((async (command: unknown) => {
    if (completes(command) && !took.over) {
      took.over = true;
      await later();
      await t.until(run.id, ['awaiting_input']);
      expect((await listTasks(run.id)).map((x) => [x.id, x.attempt, x.token === stored!.token])).toEqual([[stored!.id, 1, false]]);
    }
    return send(command);
  }) as never);
  expect((await t.complete(run.id, stored!.id, [{ id: doc }], sdk)).status).toBe(200);
  expect(took.over).toBe(true);
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved', error: null });
  expect((await listTasks(run.id)).map((x) => [x.id, x.status])).toEqual([[stored!.id, 'completed']]);
}, 60_000);

it('the bus refusing the announcement (ThrottlingException in a 200 answer) through every in-process try: retried like a throttled call, one task, the run finishes', async () => {
  jest.spyOn(entryBackoff, 'sleep').mockResolvedValue(undefined);
  const send = clients().events.send.bind(clients().events) as (command: unknown) => Promise<unknown>;
  const refused = { calls: 0 };
  jest.spyOn(clients().events, 'send').mockImplementation(((command: unknown) => {
    const started = command instanceof PutEventsCommand && command.input.Entries?.[0]?.DetailType === 'workflow_task.started';
    if (!started || ++refused.calls > ENTRY_RETRY.attempts) return send(command);
    return Promise.resolve({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] });
  }) as never);
  const { run, applicant, sdk } = await start(capture);
  expect(await t.run(run.id)).toMatchObject({ status: 'awaiting_input', error: null });
  expect(refused.calls).toBe(ENTRY_RETRY.attempts);
  const [stored] = await listTasks(run.id);
  expect(stored).toMatchObject({ workflow_task_id: 'doc', status: 'waiting', announced: false, attempt: 0 });
  expect(await findEvents(run.id, 'workflow_task.started')).toEqual([]);
  await later();
  await t.until(run.id, ['awaiting_input']);
  expect((await listTasks(run.id)).map((x) => [x.id, x.announced, x.attempt])).toEqual([[stored!.id, true, 1]]);
  expect(await findEvents(run.id, 'workflow_task.started')).toHaveLength(1);
  await captureDocument(run.id, applicant, sdk);
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved', error: null });
}, 60_000);

it('a throttled review record is retried: the report waits for the analyst, whose decision finishes the run', async () => {
  const fault = failing(clients().doc, (c) => c instanceof UpdateCommand && String(c.input.UpdateExpression).includes('review_queue = :queue'), throttled, 1);
  const { run, applicant, sdk } = await start(manual);
  await t.until(run.id, ['awaiting_input']);
  await captureDocument(run.id, applicant, sdk);
  await stack.engine.idle();
  expect(fault.calls).toBe(1);
  await later();
  expect(fault.calls).toBe(2);
  const report = (await listTasks(run.id)).find((x) => x.workflow_task_id === 'report');
  expect(report).toMatchObject({ status: 'waiting', review_queue: expect.any(String) });
  const decided = await stack.apiJson(`/v3.6/studio/review_queue/${run.id}/reports/${report!.id}/decision`, { method: 'POST', json: { decision: 'clear', note: 'Checked' } });
  expect(decided.status).toBe(200);
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved', error: null });
}, 60_000);

it('errors retries cannot cure end the run error: a bug after one try, a storage outage after 1 + 4 tries', async () => {
  const bug = failing(clients().doc, storesTask, () => new TypeError("Cannot read properties of undefined (reading 'Item')"));
  const broken = await start(capture);
  await later();
  expect(await t.until(broken.run.id, ['error', 'awaiting_input'])).toMatchObject({ status: 'error', error: runError('internal_error') });
  expect(bug.calls).toBe(1);
  expect(await listTasks(broken.run.id)).toEqual([]);
  jest.restoreAllMocks();

  const outage = failing(clients().doc, storesTask, throttled);
  const down = await start(capture);
  for (let i = 0; i < WAIT_STORAGE_RETRY.maxAttempts; i++) await later();
  expect(await t.until(down.run.id, ['error', 'awaiting_input'])).toMatchObject({ status: 'error', error: runError('internal_error') });
  expect(outage.calls).toBe(1 + WAIT_STORAGE_RETRY.maxAttempts);
  expect(await listTasks(down.run.id)).toEqual([]);
}, 60_000);
