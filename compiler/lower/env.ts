/**
 * What lowering a task needs to know: the context, the analysis, and where its routes go
 * (a task id, or the end of the parallel branch it is in).
 */
import type { Analysis, Scope } from '../graph';
import type { Task } from '../model';
import type { CompileContext } from './context';
import type { Route, State, States } from './asl';
import { END_VAR, expr, objectExpr, taskVar } from './jsonata';
import { REGISTRY } from '../tasks/registry';

export const FAIL_STATE = 'studio.fail';
export const EMIT_STATE = 'studio.emit';
export const ENDED_STATE = 'studio.ended';
export const ABANDONED_ERROR = 'Studio.Abandoned';

export interface Env {
  ctx: CompileContext;
  an: Analysis;
  tasks: Map<string, Task>;
  scope: Scope | null;
  /** Exported variables at the end of this branch (empty on the main route). */
  exports: string[];
  /** Extra states this scope needs (branch ends, abandon markers), keyed by name. */
  extra: States;
  /** Shared end states that some state routes to. */
  used: { fail: boolean };
}

/** Does a task keep an output in a variable? */
export const hasOutput = (task: Task | undefined): boolean =>
  task !== undefined && ['capture', 'report', 'send_receive'].includes(REGISTRY[task.type].kind);

/** The state-level routing for a task-like state: Next, or End with the branch's exports. */
export function route(env: Env, to: string | null, own?: { id: string; value: string }): Route & { Output?: string } {
  if (to !== null) return { Next: to };
  return { End: true, Output: exportsExpr(env, own) };
}

/** For Choice states, a null target in a branch goes to the branch's end state. */
export function choiceTarget(env: Env, to: string | null): string {
  if (to !== null) return to;
  const name = `${env.scope!.parallel}.branch${env.scope!.branch + 1}.end`;
  env.extra[name] = { Type: 'Pass', Output: exportsExpr(env), End: true } satisfies State;
  return name;
}

function exportsExpr(env: Env, own?: { id: string; value: string }): string {
  const entries = env.exports.map((id): [string, string] => [taskVar(id), own?.id === id ? own.value : `$${taskVar(id)}`]);
  return expr(objectExpr(entries));
}

/** Catchers that end the run: `abandoned` on an interactive timeout, `error` on anything else. */
export function failureCatchers(env: Env, taskId: string, interactive: boolean) {
  const errorEnd = expr(objectExpr([
    ['status', '"error"'], ['task_id', JSON.stringify(taskId)],
    ['error', '{"type": $states.errorOutput.Error, "message": $states.errorOutput.Cause}'],
  ]));
  const abandoned = expr(objectExpr([['status', '"abandoned"'], ['task_id', JSON.stringify(taskId)]]));
  if (env.scope) {
    if (!interactive) return [];
    const name = `${taskId}.abandoned`;
    env.extra[name] = { Type: 'Fail', Error: ABANDONED_ERROR, Cause: `The end user did not complete task ${taskId} in time.` };
    return [{ ErrorEquals: ['States.Timeout'], Next: name }];
  }
  env.used.fail = true;
  return [
    ...(interactive ? [{ ErrorEquals: ['States.Timeout'], Assign: { [END_VAR]: abandoned }, Next: FAIL_STATE }] : []),
    { ErrorEquals: ['States.ALL'], Assign: { [END_VAR]: errorEnd }, Next: FAIL_STATE },
  ];
}
