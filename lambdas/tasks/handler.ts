/**
 * The state machines' task function (`lambda:invoke.waitForTaskToken`): records an interactive
 * or Send/Receive task with its token, updates the run status and announces the task; a report
 * that waits for an analyst's decision is recorded by report-review.ts.
 * Safe to run again. A retried invoke (the same token) finds its own task: the task id is derived from the token. A
 * retried state (Step Functions' Retry: a new token, the same `entered_at`, a higher `attempt`) takes over the task an
 * earlier attempt of that entry stored and still waits, with the new token, rather than storing a second one; a late
 * earlier attempt leaves a newer one's token alone. A task an earlier attempt stored and the end user completed between
 * that attempt's failure and this retry (Step Functions refused the earlier token; tasks/complete.ts kept the completion)
 * is taken over the same way, and its stored data handed over with the new token: nothing is captured twice. A transient failure of its storage or event bus (throttling, a
 * server fault, no answer, an event the bus refused with a retryable entry code after its own tries:
 * `isTransientAwsError`, as the report function's) is `StorageUnavailable`, which the waits
 * retry with back-off (compiler/lower/waiting.ts); any other error (a bug) is thrown unchanged and ends the run.
 * What a Send/Receive task sends is read here by its paths (store/sources.ts), not carried by
 * the execution; `keep` is stored with the task for its completion (tasks/complete.ts).
 * The run and its tasks are one query (which also gives the custom data a Send/Receive task
 * sends), the task and the run's status one transaction
 * (store/task-completion.ts), then the announcement: four DynamoDB round trips. A trial run's
 * capture task is then completed with a sample capture (runs/trial-captures.ts).
 */
import { createHash } from 'node:crypto';
import { TaskRequest } from '../../compiler';
import { systemRuntime, type Runtime } from '../shared/ids';
import { liveStatus, refreshRunStatus } from '../runs/status';
import { completeTrialCapture } from '../runs/trial-captures';
import { getRun, isEnded, type RunItem } from '../store/runs';
import { getRunWithTasks, putTaskWithRun } from '../store/task-completion';
import { getTask, putTaskOnce, repointTask, setAnnounced, type TaskItem } from '../store/tasks';
import { StorageUnavailableError, transientAs } from '../shared/errors';
import { dataReader, readEach } from '../store/sources';
import { emitTaskEvent } from './events';
import { handOverAgain } from './hand-over';
import { isReportReview, recordReportReview } from './report-review';
import { lambdaHandler } from '../shared/lambda';

export class InvalidTaskRequestError extends Error {
  override readonly name = 'InvalidTaskRequest';
}
export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFound';
}

/** `<task id>_<10 hex of the token's hash>`: new for every attempt (a new token), stable across invoke retries. */
export const taskInstanceId = (taskId: string, token: string) => `${taskId}_${createHash('sha256').update(token).digest('hex').slice(0, 10)}`;

/** What a Send/Receive task sends: read by its paths (store/sources.ts; the run's custom data from `run`, read
 *  already), or as machines compiled before them sent it. */
async function sentData(req: TaskRequest, run: RunItem | undefined): Promise<Record<string, unknown>> {
  if (!req.send_sources) return req.send ?? {};
  return readEach(req.send_sources, dataReader(req.run, req.outputs, run?.custom_data));
}

/** The wait's end: `seconds` after the state was entered (`now` when the time is missing or unreadable). */
const deadline = (entered: string, now: string, seconds: number) =>
  new Date((Number.isFinite(Date.parse(entered)) ? Date.parse(entered) : Date.parse(now)) + seconds * 1000).toISOString();

export function taskItemOf(req: TaskRequest, now: string, sent: Record<string, unknown> = {}): TaskItem {
  const sendReceive = req.kind === 'send_receive';
  // Integrators tell a document capture from a selfie by `task_def_id`: the task's type (Send/Receive: its configured id).
  const defId = sendReceive && typeof req.config.task_def_id === 'string' ? req.config.task_def_id : req.task_type;
  const defVersion = sendReceive && typeof req.config.task_def_version === 'string' ? req.config.task_def_version : String(req.task_version);
  const input = sendReceive
    ? sent
    : { task_type: req.task_type, ...(req.name ? { name: req.name } : {}), config: req.config, retry: req.retry ?? null };
  return {
    id: taskInstanceId(req.task_id, req.token), workflow_run_id: req.run.workflow_run_id, workflow_task_id: req.task_id,
    task_type: req.task_type, kind: req.kind, task_def_id: defId, task_def_version: defVersion, status: 'waiting',
    token: req.token, config: req.config, input, ...(req.keep ? { keep: req.keep } : {}), announced: false, created_at: now, updated_at: now,
    ...(req.timeout_seconds ? { deadline_at: deadline(req.entered_at ?? now, now, req.timeout_seconds) } : {}),
    ...(req.entered_at !== undefined ? { entered_at: req.entered_at } : {}), ...(req.attempt !== undefined ? { attempt: req.attempt } : {}),
  };
}

export function createTaskHandler(runtime: Runtime = systemRuntime) {
  return async function taskHandler(event: unknown): Promise<{ task_id: string }> {
    return transientAs((e) => new StorageUnavailableError(`recording the task failed: ${e instanceof Error ? e.name : 'unknown error'}`, { cause: e }),
      recordTask(event, runtime));
  };
}

async function recordTask(event: unknown, runtime: Runtime): Promise<{ task_id: string }> {
  if (isReportReview(event)) return recordReportReview(event, runtime);
  const parsed = TaskRequest.safeParse(event);
  if (!parsed.success) throw new InvalidTaskRequestError(`The task request is not valid: ${parsed.error.message}`);
  const req = parsed.data;
  const now = () => runtime.now().toISOString();
  const first = await getRunWithTasks(req.run.workflow_run_id);
  const sent = req.kind === 'send_receive' ? await sentData(req, first.run) : {};
  const { task, run } = await record(taskItemOf(req, now(), sent), now, first);
  if (!task.announced) {
    await emitTaskEvent('workflow_task.started', task, req.run.applicant_id);
    await setAnnounced(task.workflow_run_id, task.id);
  }
  // A trial run has no end user: its captures are samples (runs/trial-captures.ts).
  if (run?.trial && task.kind === 'interactive' && task.status === 'waiting') await completeTrialCapture(task, run, runtime);
  return { task_id: task.id };
}

/** A task an earlier attempt of this state entry stored, waiting, or completed while this retry was coming (machines
 *  compiled before `entered_at` and `attempt`: none). */
const sameEntry = (t: TaskItem, item: TaskItem) => item.entered_at !== undefined && item.attempt !== undefined && t.entered_at === item.entered_at
  && t.workflow_task_id === item.workflow_task_id && t.kind === item.kind && (t.status === 'waiting' || t.status === 'completed') && t.token !== undefined;

/** Attempts of the transaction when the run changes between its read and the write (parallel branches). */
const ATTEMPTS = 5;

/** The task as stored: new (with the run's status in the same transaction), or the one a previous invoke (the same token) or
 *  attempt (the same state entry) stored; and its run. */
async function record(item: TaskItem, now: () => string, first: Awaited<ReturnType<typeof getRunWithTasks>>): Promise<{ task: TaskItem; run: RunItem | undefined }> {
  if (!first.run) throw new RunNotFoundError(`No workflow run ${item.workflow_run_id}`);
  const { environment } = first.run;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { run, tasks } = attempt === 1 ? first : await getRunWithTasks(item.workflow_run_id);
    if (!run) throw new RunNotFoundError(`No workflow run ${item.workflow_run_id}`);
    const existing = tasks.find((t) => t.id === item.id);
    if (existing) {
      // A retried invoke: its status write may not have happened.
      await refreshRunStatus(run, now);
      return { task: existing, run };
    }
    const earlier = tasks.find((t) => sameEntry(t, item));
    // A late earlier attempt: the state waits on the newer token the task holds. This attempt's invoke again (its token):
    // a hand-over below may not have happened.
    if (earlier && (earlier.attempt ?? 0) >= (item.attempt ?? 0)) {
      if (earlier.status === 'completed' && earlier.token === item.token) await handOverAgain(earlier);
      return { task: earlier, run };
    }
    if (earlier) {
      // The state was retried after an earlier attempt stored the task: the task now waits on this attempt's token.
      const status = earlier.status === 'completed' ? 'completed' : 'waiting';
      if (!(await repointTask({ runId: run.id, taskId: earlier.id, from: earlier.token ?? '', to: item.token ?? '', attempt: item.attempt, status }))) continue;
      const taken = { ...earlier, token: item.token, ...(item.attempt !== undefined ? { attempt: item.attempt } : {}) };
      // Completed while this retry was coming: the state now waits on this token for that data.
      if (status === 'completed') await handOverAgain(taken);
      await refreshRunStatus(run, now);
      return { task: taken, run };
    }
    const status = isEnded(run.status) ? undefined : liveStatus([...tasks, item]);
    if ((await putTaskWithRun({ run, task: item, now: now(), status })) === 'created') return { task: item, run };
  }
  // The run kept changing (many parallel branches): record the task alone, then the status as any task change does.
  const task = (await putTaskOnce(item)) ? item : await getTask(item.workflow_run_id, item.id);
  if (!task) throw new RunNotFoundError(`Task ${item.id} vanished while being recorded`);
  await refreshRunStatus({ id: item.workflow_run_id, environment }, now);
  return { task, run: await getRun(item.workflow_run_id) };
}

export const handler = lambdaHandler(createTaskHandler());
