/**
 * Phase 3, lower: a validated workflow → an ASL state machine (JSONata). One state per task,
 * named by the task id, in the order of the definition; a parallel task's branches become its
 * Branches; `studio.*` states are the shared ends. Deterministic: same input, same output.
 */
import type { Scope } from '../graph';
import type { Task } from '../model';
import type { RuleContext } from '../validate/context';
import { REGISTRY } from '../tasks/registry';
import { references } from '../references';
import type { State, StateMachine, States } from './asl';
import { CompileContext, type CompileContextInput } from './context';
import { lowerLogic, lowerParallel, lowerRetry } from './control';
import { hasOutput, type Env } from './env';
import { retryCounter, retryReason, taskVar } from './jsonata';
import { lowerReport } from './report';
import { unsetVariables } from './report-feeds';
import { endStates, lowerResult } from './result';
import { lowerWaiting } from './waiting';

export { CompileContext, LOCAL_CONTEXT, type CompileContextInput } from './context';
export type { StateMachine } from './asl';

const INIT = 'studio.init';

export function lower(rc: RuleContext, name: string, contextInput: CompileContextInput): StateMachine {
  const ctx = CompileContext.parse(contextInput);
  const targets = new Set([...rc.tasks.values()].flatMap((t) => (t.type === 'retry' ? [t.target] : [])));
  const base = { ctx, an: rc.an, tasks: rc.tasks, input: rc.top.input, refs: references([...rc.tasks.values()]), used: { fail: false } };
  const unset = unsetVariables(rc.tasks.values(), rc.an);
  const byScope = new Map<string, Task[]>();
  const scopeKey = (s: Scope | null | undefined) => (s ? `${s.parallel}#${s.branch}` : '');
  for (const t of rc.tasks.values()) {
    if (!rc.an.reachable(t.id)) continue;
    const key = scopeKey(rc.graph.scope.get(t.id));
    const list = byScope.get(key);
    if (list) list.push(t); else byScope.set(key, [t]);
  }

  const lowerScope = (start: string, scope: Scope | null, exports: string[]): { StartAt: string; States: States } => {
    const nulls = [...(unset.get(scopeKey(scope)) ?? [])].sort();
    const env: Env = { ...base, scope, exports, extra: {}, unset: nulls };
    const members = byScope.get(scopeKey(scope)) ?? [];
    const states: States = {};
    const retries = members.filter((t) => t.type === 'retry');
    let startAt = start;
    if (retries.length > 0 || nulls.length > 0) {
      const assign: Record<string, unknown> = {};
      for (const r of retries) if (r.type === 'retry') { assign[retryCounter(r.id)] = 0; assign[retryReason(r.target)] = null; }
      for (const id of nulls) assign[taskVar(id)] = null;
      const init = scope ? `${scope.parallel}.branch${scope.branch + 1}.init` : INIT;
      const comment = [...(retries.length > 0 ? ['Retry counters start at 0.'] : []), ...(nulls.length > 0 ? ['Tasks a report picks among start unset.'] : [])];
      states[init] = { Type: 'Pass', Comment: comment.join(' '), Assign: assign, Next: start };
      startAt = init;
    }
    for (const task of members) states[task.id] = lowerTask(task, env);
    Object.assign(states, env.extra);
    return { StartAt: startAt, States: states };
  };

  const lowerTask = (task: Task, env: Env): State => {
    const named = (s: State): State => (task.name && !s.Comment ? { Comment: task.name, ...s } : s);
    switch (task.type) {
      case 'logic': return named(lowerLogic(task, env));
      case 'retry': return named(lowerRetry(task, env));
      case 'result': return named(lowerResult(task, env));
      case 'parallel': {
        const branches = task.branches.map((b, i) => {
          const scope: Scope = { parallel: task.id, branch: i, parent: env.scope };
          const exports = rc.an.branchExports(task.id, i).filter((id) => hasOutput(rc.tasks.get(id))).sort();
          return { state: lowerScope(b.start, scope, exports), exports };
        });
        return named(lowerParallel(task, env, branches));
      }
      default:
        if (REGISTRY[task.type].kind === 'report') return named(lowerReport(task, env));
        if (task.type === 'send_receive' || REGISTRY[task.type].kind === 'capture') {
          return named(lowerWaiting(task as Parameters<typeof lowerWaiting>[0], env, targets.has(task.id)));
        }
        throw new Error(`no lowering for task type ${task.type}`);
    }
  };

  const main = lowerScope(rc.top.start!, null, []);
  return {
    Comment: `${name} (compiled by Open Studio)`,
    QueryLanguage: 'JSONata',
    StartAt: main.StartAt,
    States: { ...main.States, ...endStates(ctx, base.used.fail) },
  };
}
