/**
 * A completion that lands between a failed attempt of the task function and the state's retry (local stack, virtual
 * clock: the retry fires when the test moves it on). The attempt stored the task, then its announcement failed; Step
 * Functions refuses that attempt's token from then on. The completion is kept (200), and the retry takes the completed
 * task over with its new token and hands the stored data over: one task, captured once, announced before its completion,
 * the run finishes. A refused
 * token with no retry coming (the execution stopped) is still a 422 with the task `timed_out`.
 *
 * The engine's clock starts at the wall clock's time: the completion (the API function, on the system clock) compares
 * the task's deadline, which the engine's clock dated, with its own.
 */
import { PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { WAIT_STORAGE_RETRY } from '../../compiler';
import { findEvents } from '../../lambdas/events';
import { clients } from '../../lambdas/shared/aws';
import { getRun } from '../../lambdas/store/runs';
import { listTasks } from '../../lambdas/store/tasks';
import type { Clock } from '../../local/sfn/contract';
import { startTestStack, type TestStack } from '../helpers/stack';
import { e2e, type E2e } from '../e2e/helpers';
import { CAPTURE } from '../e2e/workflows';

let now = Date.now();
const clock: Clock = { now: () => now };
let stack: TestStack;
let t: E2e;
let capture: string;
beforeAll(async () => {
  stack = await startTestStack({ clock });
  t = e2e(stack);
  capture = await t.workflow(CAPTURE());
}, 120_000);
afterAll(() => stack.stop());
afterEach(() => jest.restoreAllMocks());

/** The bus throttles the first `workflow_task.started` (after the SDK's own retries): the attempt that stored the task fails. */
function announcementThrottledOnce(): void {
  const send = clients().events.send.bind(clients().events) as (command: unknown) => Promise<PutEventsCommandOutput>;
  let failed = false;
  jest.spyOn(clients().events, 'send').mockImplementation(((command: unknown) => {
    if (failed || !(command instanceof PutEventsCommand) || command.input.Entries?.[0]?.DetailType !== 'workflow_task.started') return send(command);
    failed = true;
    return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $retryable: { throttling: true }, $metadata: {} }));
  }) as never);
}

async function failedAttempt() {
  announcementThrottledOnce();
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(capture, applicant);
  await stack.engine.idle();
  const [stored] = await listTasks(run.id);
  expect(stored).toMatchObject({ workflow_task_id: 'doc', status: 'waiting', announced: false, attempt: 0 });
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front' });
  return { run, sdk, stored: stored!, doc };
}

it('keeps a completion sent before the retry, which hands it over with its new token: one task, the run approved', async () => {
  const { run, sdk, stored, doc } = await failedAttempt();
  expect((await t.complete(run.id, stored.id, [{ id: doc }], sdk)).status).toBe(200);
  expect((await listTasks(run.id)).map((x) => [x.id, x.status, x.token === stored.token])).toEqual([[stored.id, 'completed', true]]);

  now += (WAIT_STORAGE_RETRY.maxDelaySeconds + 1) * 1000;
  await stack.engine.fireDueTimers();
  expect(await t.until(run.id, ['approved', 'error'])).toMatchObject({ status: 'approved', error: null });
  const tasks = await listTasks(run.id);
  expect(tasks.map((x) => [x.id, x.status, x.attempt, x.token === stored.token])).toEqual([[stored.id, 'completed', 1, false]]);
  expect((tasks[0]!.output as Array<{ id: string }>).map((o) => o.id)).toEqual([doc]);
  expect((await findEvents(run.id, 'workflow_task.completed')).length).toBe(1);
  // Announced once, by the completion before its own event (as waiting), not by the retry after it (as completed).
  expect((await findEvents(run.id, 'workflow_task.started')).map((e) => (e.event.detail as { status: string }).status)).toEqual(['waiting']);
}, 60_000);

it('still refuses (422, timed_out) a completion whose refused token has no retry coming: the execution was stopped', async () => {
  const { run, sdk, stored, doc } = await failedAttempt();
  await clients().sfn.send(new StopExecutionCommand({ executionArn: (await getRun(run.id))!.execution_arn }));
  expect((await t.complete(run.id, stored.id, [{ id: doc }], sdk)).status).toBe(422);
  expect((await listTasks(run.id)).map((x) => [x.id, x.status])).toEqual([[stored.id, 'timed_out']]);
}, 60_000);
