/**
 * Report tasks: a Lambda report handler gets the run's input and the outputs of the earlier
 * tasks it may use (media ids, never bytes) and returns the report, kept in `$t_<id>`.
 * Transient errors (the Lambda service's, and the handler's `TRANSIENT_ERRORS`) are retried with
 * the context's back-off; anything else ends the run `error` at once.
 */
import type { Task } from '../model';
import { latestVersion, REGISTRY } from '../tasks/registry';
import type { State } from './asl';
import { configOf } from './config';
import { failureCatchers, route, type Env } from './env';
import { EXECUTION_INPUT, expr, lit, literal, objectExpr, taskVar } from './jsonata';
import { catchers } from './waiting';
import { LAMBDA_TRANSIENT_ERRORS, TRANSIENT_ERRORS } from '../runtime-contract';

export function lowerReport(task: Task, env: Env): State {
  if (REGISTRY[task.type].kind !== 'report' || !('next' in task)) throw new Error(`${task.id} is not a report task`);
  const before = env.an.nearestByType(task.id);
  const earlier = (REGISTRY[task.type].uses ?? []).flatMap((type): Array<[string, string]> => {
    const id = before.get(type);
    return id ? [[type, objectExpr([['task_id', lit(id)], ['output', `$${taskVar(id)}`]])]] : [];
  });
  const r = env.ctx.reportRetry;
  return {
    Type: 'Task',
    Resource: `arn:${env.ctx.partition}:states:::lambda:invoke`,
    Arguments: {
      FunctionName: env.ctx.reportFunctions?.[task.type as keyof typeof env.ctx.reportFunctions] ?? env.ctx.reportFunction,
      Payload: {
        kind: 'report',
        report: task.type,
        task_id: task.id,
        task_version: task.version ?? latestVersion(task.type),
        config: literal(configOf(task)),
        run: expr(EXECUTION_INPUT),
        tasks: expr(objectExpr(earlier)),
      },
    },
    TimeoutSeconds: ('timeout_seconds' in task ? task.timeout_seconds : undefined) ?? env.ctx.reportTimeoutSeconds,
    Assign: { [taskVar(task.id)]: expr('$states.result.Payload') },
    Retry: [{
      ErrorEquals: [...LAMBDA_TRANSIENT_ERRORS, ...TRANSIENT_ERRORS], IntervalSeconds: r.intervalSeconds, MaxAttempts: r.maxAttempts,
      BackoffRate: r.backoffRate, MaxDelaySeconds: r.maxDelaySeconds, JitterStrategy: 'FULL',
    }],
    ...catchers(failureCatchers(env, task.id, false, true)),
    ...route(env, task.next, { id: task.id, value: '$states.result.Payload' }),
  };
}
