/**
 * Interactive capture tasks and Send/Receive tasks: a Lambda announces the task with its task
 * token (`.waitForTaskToken`); the run waits until the capture page or the integrator completes
 * it. The result (capture output, or received data) is kept in `$t_<id>`. A profile data
 * capture's answers and received data are personal: the payload's `keep` names the fields the
 * workflow reads, and the completion hands over only these with the stored task's `id`. What a
 * Send/Receive task sends is named by path (`send_sources`, with the `outputs` of the tasks they
 * name); its handler reads the values from DynamoDB, so they never enter the execution.
 */
import type { TaskOf } from '../model';
import { LAMBDA_CRASH_ERRORS, LAMBDA_TRANSIENT_ERRORS, WAIT_STORAGE_RETRY, WAIT_TRANSIENT_ERRORS } from '../runtime-contract';
import { latestVersion } from '../tasks/registry';
import type { Catcher, Retrier, State } from './asl';
import { configOf } from './config';
import { failureCatchers, route, type Env } from './env';
import { EXECUTION_INPUT, expr, lit, literal, objectExpr, retryReason, sortedEntries, taskVar } from './jsonata';
import { sourceTaskIds } from '../references';


type Waiting = TaskOf<'document_capture' | 'face_capture_photo' | 'face_capture_video' | 'face_capture_motion'
  | 'profile_data_capture' | 'proof_of_address_capture' | 'send_receive'>;

export function lowerWaiting(task: Waiting, env: Env, isRetryTarget: boolean): State {
  const interactive = task.type !== 'send_receive';
  const payload: Record<string, unknown> = {
    kind: interactive ? 'interactive' : 'send_receive',
    task_id: task.id,
    task_type: task.type,
    task_version: task.version ?? latestVersion(task.type),
    ...(task.name ? { name: task.name } : {}),
    config: literal(configOf(task)),
    run: expr(EXECUTION_INPUT),
    token: expr('$states.context.Task.Token'),
  };
  if (task.type === 'send_receive') {
    payload.config = literal({ task_def_id: task.task_def_id, task_def_version: task.task_def_version, receive: task.receive ?? {} });
    const sources = sortedEntries(task.send).map(([k, f]): [string, string] => [k, f.source]);
    payload.send_sources = literal(Object.fromEntries(sources));
    Object.assign(payload, outputsOf(sources.map(([, s]) => s)));
  }
  Object.assign(payload, keptFields(task, env));
  if (isRetryTarget) payload.retry = expr(`$${retryReason(task.id)}`);
  const timeout = task.timeout_seconds ?? (interactive ? env.ctx.interactiveTimeoutSeconds : env.ctx.sendReceiveTimeoutSeconds);
  payload.timeout_seconds = timeout;
  // The timeout runs from the state's entry, not from the task function's start. The entry and the retry count also
  // tell the task function a retry of this entry (a new token) from a new entry of the state.
  payload.entered_at = expr('$states.context.State.EnteredTime');
  payload.attempt = expr('$states.context.State.RetryCount');
  return {
    Type: 'Task',
    Resource: `arn:${env.ctx.partition}:states:::lambda:invoke.waitForTaskToken`,
    Arguments: { FunctionName: env.ctx.taskFunction, Payload: payload },
    TimeoutSeconds: timeout,
    Assign: { [taskVar(task.id)]: expr('$states.result') },
    // Only the announcing Lambda's failures: States.Timeout here is the end user's (or integrator's) absence.
    Retry: taskFunctionRetry(),
    ...catchers(failureCatchers(env, task.id, interactive)),
    ...route(env, task.next, { id: task.id, value: '$states.result' }),
  };
}

/**
 * What a wait on the task function (capture, Send/Receive, review) retries: the Lambda service's transient errors and
 * crashes (3 more tries, 1, 2 and 4 seconds apart at most), and, with its own budget, the function's storage failing
 * transiently (`WAIT_TRANSIENT_ERRORS`, `WAIT_STORAGE_RETRY`). Never a handler's own error, never States.Timeout.
 */
export function taskFunctionRetry(): Retrier[] {
  const r = WAIT_STORAGE_RETRY;
  return [
    { ErrorEquals: [...LAMBDA_TRANSIENT_ERRORS, ...LAMBDA_CRASH_ERRORS], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' },
    { ErrorEquals: [...WAIT_TRANSIENT_ERRORS], IntervalSeconds: r.intervalSeconds, MaxAttempts: r.maxAttempts, BackoffRate: r.backoffRate,
      MaxDelaySeconds: r.maxDelaySeconds, JitterStrategy: 'FULL' },
  ];
}

/** Task types whose output is personal data: the state gets only what the workflow reads of it. */
const PERSONAL_OUTPUTS: ReadonlySet<string> = new Set(['profile_data_capture', 'send_receive']);

/** `keep` (an expression: ASL validators take no arrays of scalars in Arguments): the output's fields the workflow
 *  reads; nothing when it reads the whole output, or the output has its own `id` (a received property). */
function keptFields(task: Waiting, env: Env): { keep?: string } {
  if (!PERSONAL_OUTPUTS.has(task.type) || (task.type === 'send_receive' && task.receive && Object.hasOwn(task.receive, 'id'))) return {};
  const kept = env.refs.outputs.get(task.id) ?? [];
  return kept === 'all' ? {} : { keep: expr(lit(kept)) };
}

/** `outputs`: the outputs (as the states hold them) of the tasks these paths name, by task id; nothing when they name none. */
export function outputsOf(paths: Iterable<string>): { outputs?: string } {
  const ids = sourceTaskIds(paths);
  return ids.length === 0 ? {} : { outputs: expr(objectExpr(ids.map((id) => [id, `$${taskVar(id)}`]))) };
}

export const catchers = (list: Catcher[]) => (list.length > 0 ? { Catch: list } : {});
