/**
 * Interactive capture tasks and Send/Receive tasks: a Lambda announces the task with its task
 * token (`.waitForTaskToken`); the run waits until the capture page or the integrator completes
 * it. The result (capture output, or received data) is kept in `$t_<id>`.
 */
import type { TaskOf } from '../model';
import { LAMBDA_CRASH_ERRORS, LAMBDA_TRANSIENT_ERRORS } from '../runtime-contract';
import { latestVersion } from '../tasks/registry';
import type { Catcher, State } from './asl';
import { configOf } from './config';
import { failureCatchers, route, type Env } from './env';
import { EXECUTION_INPUT, expr, literal, objectExpr, pathExpr, retryReason, sortedEntries, taskVar } from './jsonata';


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
    payload.send = expr(objectExpr(sortedEntries(task.send).map(([k, f]) => [k, pathExpr(f.source)])));
  }
  if (isRetryTarget) payload.retry = expr(`$${retryReason(task.id)}`);
  const timeout = task.timeout_seconds ?? (interactive ? env.ctx.interactiveTimeoutSeconds : env.ctx.sendReceiveTimeoutSeconds);
  return {
    Type: 'Task',
    Resource: `arn:${env.ctx.partition}:states:::lambda:invoke.waitForTaskToken`,
    Arguments: { FunctionName: env.ctx.taskFunction, Payload: payload },
    TimeoutSeconds: timeout,
    Assign: { [taskVar(task.id)]: expr('$states.result') },
    // Only the announcing Lambda's failures: States.Timeout here is the end user's (or integrator's) absence.
    Retry: [{ ErrorEquals: [...LAMBDA_TRANSIENT_ERRORS, ...LAMBDA_CRASH_ERRORS], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }],
    ...catchers(failureCatchers(env, task.id, interactive)),
    ...route(env, task.next, { id: task.id, value: '$states.result' }),
  };
}

export const catchers = (list: Catcher[]) => (list.length > 0 ? { Catch: list } : {});
