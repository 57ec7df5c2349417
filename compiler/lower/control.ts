/** Logic, retry and parallel tasks: Choice states and a Parallel state. */
import type { TaskOf } from '../model';
import type { State } from './asl';
import { conditionExpr } from './conditions';
import { ABANDONED_ERROR, choiceTarget, errorCatchers, FAIL_STATE, route, type Env } from './env';
import { END_VAR, expr, lit, objectExpr, retryCounter, retryReason, taskVar } from './jsonata';

/** Logic → Choice: branches in order, first true wins, `Default` is else. */
export function lowerLogic(task: TaskOf<'logic'>, env: Env): State {
  return {
    Type: 'Choice',
    ...(task.name ? { Comment: task.name } : {}),
    Choices: task.branches.map((b) => ({
      ...(b.name ? { Comment: b.name } : {}),
      Condition: expr(conditionExpr(b.when)),
      Next: choiceTarget(env, b.next),
    })),
    Default: choiceTarget(env, task.else),
  };
}

/** Retry → Choice on the retry's counter: under the limit, count and go back to the target with
 *  the reasons; at the limit, follow limit_reached. Counters start at 0 in the scope's init. */
export function lowerRetry(task: TaskOf<'retry'>, env: Env): State {
  const counter = `$${retryCounter(task.id)}`;
  return {
    Type: 'Choice',
    Choices: [{
      Condition: expr(`${counter} < ${task.max_retries}`),
      Assign: {
        [retryCounter(task.id)]: expr(`${counter} + 1`),
        ...Object.fromEntries(env.unset.filter((id) => env.an.reaches(task.target, id)).map((id) => [taskVar(id), null])),
        [retryReason(task.target)]: expr(objectExpr([
          ['retry_task_id', lit(task.id)], ['reasons', lit(task.reasons)], ['attempt', `${counter} + 1`], ['max_retries', lit(task.max_retries)],
        ])),
      },
      Next: task.target,
    }],
    Default: choiceTarget(env, task.limit_reached),
  };
}

/** Parallel → Parallel: each branch returns the variables its tasks set; the join assigns them. */
export function lowerParallel(task: TaskOf<'parallel'>, env: Env, branches: Array<{ state: object; exports: string[] }>): State {
  const assign: Record<string, string> = {};
  branches.forEach((b, i) => { for (const id of b.exports) assign[taskVar(id)] = expr(`$states.result[${i}].${taskVar(id)}`); });
  const catchers = env.scope ? [] : [
    { ErrorEquals: [ABANDONED_ERROR], Next: FAIL_STATE,
      Assign: { [END_VAR]: expr(objectExpr([['status', '"abandoned"'], ['task_id', lit(task.id)], ['message', '$states.errorOutput.Cause']])) } },
    ...errorCatchers(task.id, { timeout: true, transient: true }),
  ];
  if (catchers.length > 0) env.used.fail = true;
  const own = Object.keys(assign).length > 0 ? { Assign: assign } : {};
  const next = route(env, task.next);
  if ('End' in next) {
    // The branch this parallel task ends must also pass on what the join assigned; those
    // variables are only visible from the next state, so read them from the result directly.
    const entries = env.exports.map((id): [string, string] => {
      const i = branches.findIndex((b) => b.exports.includes(id));
      return [taskVar(id), i >= 0 ? `$states.result[${i}].${taskVar(id)}` : `$${taskVar(id)}`];
    });
    next.Output = expr(objectExpr(entries));
  }
  return { Type: 'Parallel', Branches: branches.map((b) => b.state), ...own, ...(catchers.length ? { Catch: catchers } : {}), ...next };
}
