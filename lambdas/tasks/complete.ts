/**
 * Complete Task: checks who may complete it and the data, accepts it exactly once (stored on the
 * task) and sets the run's live status in the same transaction (store/task-completion.ts; the
 * run and its tasks are one query before), with the pending `workflow_task.completed` that
 * announces it (store/pending-events.ts); hands the data to Step Functions (with `keep`, only
 * the fields the workflow reads: `handedOver`), then puts the event on the bus, recording it as
 * its pending item goes (side by side): four DynamoDB round trips. Once Step Functions took the
 * data the answer is 200 whatever the bus does: an event it refused goes later, with the lifecycle
 * sweep (events/pending.ts). A token Step Functions no longer knows (the task timed out, the run
 * ended) answers 422 and leaves the task marked `timed_out`; any other failure to hand it over
 * puts the task back to waiting (500); either way the pending event goes. One exception: a task
 * whose announcing attempt failed (`retryComing`) keeps its completion, which the state's retry
 * hands over with its new token (tasks/handler.ts), and answers 200.
 */
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { clients } from '../shared/aws';
import type { Caller } from '../shared/tokens';
import { jsonDepth, storableNumbers, UNSTORABLE_NUMBER } from '../shared/json-depth';
import { MAX_CUSTOM_DATA_BYTES, MAX_CUSTOM_DATA_DEPTH } from '../runs/create';
import { liveStatus, refreshRunStatus } from '../runs/status';
import { ApiError, conflict, forbidden, internal, notFound, payloadTooLarge, validationError } from '../shared/errors';
import { systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { isEnded, type RunItem } from '../store/runs';
import { publishPending } from '../events';
import { removePendingEvent, type PendingEvent } from '../store/pending-events';
import { completeWithRun, getRunWithTasks } from '../store/task-completion';
import { getTask, markTask, setAnnounced, type TaskItem } from '../store/tasks';
import { checkCapture } from './capture';
import type { MotionUnsupported } from './motion';
import { completedEvent, emitTaskEvent, taskEventDetail } from './events';
import { checkReceived } from './receive';
import { handOverTask, isDeadToken } from './hand-over';

/** The data is stored on the task item and handed to Step Functions: the limits of custom_data apply. */
export const CompleteTaskBody = z.object({
  data: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
    .refine((d) => jsonDepth(d, MAX_CUSTOM_DATA_DEPTH) <= MAX_CUSTOM_DATA_DEPTH, `must not nest deeper than ${MAX_CUSTOM_DATA_DEPTH} levels`)
    .refine(storableNumbers, UNSTORABLE_NUMBER),
});


/** The task's output, and a Motion task's device reasons when it ran on a device that cannot run Motion (capture.ts). */
async function checkedOutput(caller: Caller, task: TaskItem, run: RunItem, data: unknown): Promise<{ output: unknown; motionUnsupported?: MotionUnsupported }> {
  if (task.kind === 'send_receive') {
    const fields = checkReceived(task.config.receive, data);
    if (Object.keys(fields).length) throw validationError('The data does not match the task\'s receive schema', fields);
    return { output: data };
  }
  const check = await checkCapture({ taskType: task.task_type, config: task.config, applicantId: run.applicant_id, environment: run.environment, ...(caller.kind === 'sdk' && caller.runId ? { runId: caller.runId } : {}) }, data);
  if (!check.ok) throw validationError('The captured data is not valid for this task', check.fields);
  return check;
}

function authorise(caller: Caller, task: TaskItem): void {
  if (task.kind === 'report') throw validationError(`Task ${task.id} is a report; reports complete themselves`);
  if (task.kind === 'send_receive' && caller.kind !== 'api') throw forbidden('Send/Receive tasks are completed with an API token');
  if (task.kind === 'interactive' && caller.kind !== 'sdk') throw forbidden('Interactive tasks are completed by the capture client with an SDK token');
}

/** Attempts of the transaction when the run changes between its read and the write (parallel branches). */
const ATTEMPTS = 5;

/**
 * Completes task `taskId` of run `runId` for `caller`; `access` checks the run is the caller's
 * (404 otherwise) before anything else, `parseData` reads the body after that.
 */
export async function completeTask(caller: Caller, runId: string, taskId: string, access: (run: RunItem | undefined) => RunItem,
  parseData: () => unknown, rt: Runtime = systemRuntime, log = logError): Promise<void> {
  const now = () => rt.now().toISOString();
  let data: unknown;
  for (let attempt = 1; ; attempt++) {
    const read = await getRunWithTasks(runId);
    const run = access(read.run);
    if (attempt === 1) {
      data = parseData();
      const bytes = Buffer.byteLength(JSON.stringify(data) ?? '');
      if (bytes > MAX_CUSTOM_DATA_BYTES) throw payloadTooLarge(`data is ${bytes} bytes; at most ${MAX_CUSTOM_DATA_BYTES} (64 KiB) fit a task`);
    }
    const task = read.tasks.find((t) => t.id === taskId);
    if (!task) throw notFound('Task', taskId);
    authorise(caller, task);
    if (task.status !== 'waiting') throw taskOver(taskId, task.status);
    const { output, motionUnsupported } = await checkedOutput(caller, task, run, data);
    const after = read.tasks.map((t) => (t.id === task.id ? { ...t, status: 'completed' as const } : t));
    const at = now();
    const event = completedEvent(task, run.applicant_id, at);
    const done = await completeWithRun({ run, taskId, output, ...(motionUnsupported ? { motionUnsupported } : {}), now: at, status: isEnded(run.status) ? undefined : liveStatus(after), event, token: task.token });
    if (done === 'completed') return handOver(run, { ...task, status: 'completed', output, updated_at: at }, event, now, rt, log);
    // not_waiting: another completion took it, or a retried state took it over with a new token since the read (the next
    // read tells which: a 409 naming its status, or a completion with the token the state now waits on).
    if (attempt === ATTEMPTS) throw done === 'not_waiting' ? taskOver(taskId, 'completed') : conflict(`Task ${taskId}: its run kept changing; try again`);
  }
}

/** A 409 for a task that no longer waits, naming its status (`fields.status`): a client that sent the completion
 *  again (its first answer lost) knows it was taken; a 409 without it (the run kept changing) is worth retrying. */
function taskOver(taskId: string, status: string): ApiError {
  const message = status === 'completed' ? `Task ${taskId} has already been completed` : `Task ${taskId} is not waiting (it is ${status})`;
  return new ApiError(409, 'conflict', message, { status: [status] });
}

export { handedOver } from './hand-over';

/** `done`: the task as completed. Its completion goes to Step Functions, then its event on the bus (or later: `publishPending`). */
async function handOver(run: RunItem, done: TaskItem, event: PendingEvent, now: () => string, rt: Runtime, log: (msg: string, e: unknown) => void): Promise<void> {
  try {
    await handOverTask(done);
  } catch (e) {
    const dead = isDeadToken(e);
    // Not marked: a retried state took the task over since, with this data (tasks/handler.ts): the completion stands.
    if ((!dead || !await retryComing(run, done, now())) && await markTask(run.id, done.id, dead ? 'timed_out' : 'waiting', now(), done.token)) {
      if (!dead) log(`task ${done.id}: SendTaskSuccess failed; the task waits again`, e);
      await Promise.all([removePendingEvent(event.key), refreshRunStatus(run, now)]);
      if (dead) throw validationError(`Task ${done.id} can no longer be completed: it timed out or its run has ended`);
      throw internal();
    }
    await announceFirst(run, done, log);
  }
  await publishPending(event, rt, taskEventDetail(done, run.applicant_id));
}

/**
 * Whether a completion whose token Step Functions refused stands: the attempt of the task function that stored the task
 * failed before announcing it (`announced` false), so the state's retry is coming (compiler/lower/waiting.ts: seconds of
 * back-off), and will take the task over with a new token and this data (tasks/handler.ts) — while the run's execution
 * still runs and the task's deadline has not passed. Otherwise (the run ended, the task timed out) it does not.
 */
async function retryComing(run: RunItem, task: TaskItem, at: string): Promise<boolean> {
  if (task.announced || task.attempt === undefined || !run.execution_arn) return false;
  if (task.deadline_at !== undefined && Date.parse(task.deadline_at) <= Date.parse(at)) return false;
  const res = await clients().sfn.send(new DescribeExecutionCommand({ executionArn: run.execution_arn })).catch(() => undefined);
  return res?.status === 'RUNNING';
}

/** A completion kept for the coming retry, of a task its failed attempt never announced: its `workflow_task.started`
 *  goes first (as waiting), so that integrators hear of the start before the completion; the retry then finds it
 *  announced. A bus failure here is left to the retry, which announces it then. */
async function announceFirst(run: RunItem, done: TaskItem, log: (msg: string, e: unknown) => void): Promise<void> {
  const current = await getTask(run.id, done.id);
  if (!current || current.announced) return;
  try {
    await emitTaskEvent('workflow_task.started', { ...current, status: 'waiting', output: undefined }, run.applicant_id);
    await setAnnounced(run.id, done.id);
  } catch (e) {
    log(`task ${done.id}: its started event could not go before the completion; the state's retry sends it`, e);
  }
}
