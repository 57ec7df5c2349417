/**
 * What lowering a task needs to know: the context, the analysis, and where its routes go
 * (a task id, or the end of the parallel branch it is in).
 */
import type { Analysis, Scope } from '../graph';
import type { Task, WorkflowInput } from '../model';
import type { CompileContext } from './context';
import { runError, TASK_FAILED_ERRORS, TIMEOUT_ERRORS, TRANSIENT_ERRORS, type RunErrorType } from '../runtime-contract';
import type { Catcher, Route, State, States } from './asl';
import { END_VAR, expr, objectExpr, taskVar } from './jsonata';
import { REGISTRY } from '../tasks/registry';
import type { References } from '../references';

export const FAIL_STATE = 'studio.fail';
export const EMIT_STATE = 'studio.emit';
export const ENDED_STATE = 'studio.ended';
export const ABANDONED_ERROR = 'Studio.Abandoned';

export interface Env {
  ctx: CompileContext;
  an: Analysis;
  tasks: Map<string, Task>;
  /** The workflow's configured inputs. */
  input: WorkflowInput | undefined;
  scope: Scope | null;
  /** Exported variables at the end of this branch (empty on the main route). */
  exports: string[];
  /** Extra states this scope needs (branch ends, abandon markers), keyed by name. */
  extra: States;
  /** What the workflow reads of each task's output (compiler/references.ts). */
  refs: References;
  /** Tasks whose variables start `null` in this scope: candidates a report picks among (report-feeds.ts). */
  unset: readonly string[];
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

/**
 * Catchers that end the run `error`: the handler's error name picks one of the runtime
 * contract's run error types, shown with its fixed message. The error's cause (a Lambda's
 * message and stack trace) never enters the run's result; the execution history keeps it.
 */
export function errorCatchers(taskId: string, on: { timeout: boolean; transient: boolean }): Catcher[] {
  const to = (errors: readonly string[], type: RunErrorType): Catcher =>
    ({ ErrorEquals: [...errors], Assign: { [END_VAR]: { status: 'error', task_id: taskId, error: runError(type) } }, Next: FAIL_STATE });
  return [
    ...(on.timeout ? [to(TIMEOUT_ERRORS, 'task_timeout')] : []),
    ...(on.transient ? [to(TRANSIENT_ERRORS, 'report_unavailable')] : []),
    to(TASK_FAILED_ERRORS, 'task_failed'),
    to(['States.ALL'], 'internal_error'),
  ];
}

/** Catchers that end the run: `abandoned` on an interactive timeout, `error` on anything else
 *  (report tasks also name the transient errors their retries gave up on). */
export function failureCatchers(env: Env, taskId: string, interactive: boolean, report = false): Catcher[] {
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
    ...errorCatchers(taskId, { timeout: !interactive, transient: report }),
  ];
}
