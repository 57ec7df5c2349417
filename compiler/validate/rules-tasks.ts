/** Rules about single tasks: prerequisites, retries, timeouts, versions, sources and outputs. */
import type { Scope } from '../graph';
import { MAX_TIMEOUT_SECONDS, type Task, type TaskOf } from '../model';
import { isInteractive, latestVersion, REGISTRY } from '../tasks/registry';
import { pathOf, typedTasks, type Rule, type RuleContext } from './context';
import { resolvePath } from './paths';
import { problem, type Problem } from './problem';

export const prerequisites: Rule = (ctx) => typedTasks(ctx).flatMap((task) => {
  const requires = REGISTRY[task.type].requires?.(task) ?? [];
  if (requires.length === 0 || !ctx.an.reachable(task.id)) return [];
  // Each route its own: a capture on every route, not one capture on all of them (routes.ts).
  return requires.filter((r) => !ctx.an.covered(task.id, r.anyOf)).map((r) => problem('missing_prerequisite', task.id, pathOf(ctx, task.id, 'type'),
    `${task.type} ${task.id} needs ${r.label} before it on every route: add one before ${task.id} on each route that reaches it`
    + ' (in its own parallel branch, or one that ends before it)'));
});

export const retries: Rule = (ctx) => {
  const into = new Map<string, Array<[string, string]>>();
  for (const [from, edges] of ctx.graph.edges) {
    for (const e of edges) {
      if (e.to === null) continue;
      const list = into.get(e.to);
      if (list) list.push([from, e.path]); else into.set(e.to, [[from, e.path]]);
    }
  }
  return typedTasks(ctx).flatMap((task) => (task.type === 'retry' ? retryProblems(ctx, task, into.get(task.id) ?? []) : []));
};

function retryProblems(ctx: RuleContext, task: TaskOf<'retry'>, into: Array<[string, string]>): Problem[] {
  const out: Problem[] = [];
  if (task.max_retries < 1 || task.max_retries > 3) {
    out.push(problem('retry_max_out_of_range', task.id, pathOf(ctx, task.id, 'max_retries'),
      `max_retries of ${task.id} is ${task.max_retries}: use 1, 2 or 3`));
  }
  for (const [from, path] of into) {
    if (ctx.graph.tasks.get(from)?.type !== 'logic') {
      out.push(problem('retry_not_from_logic', task.id, path,
        `retry ${task.id} is reached from ${from}, which is not a logic task: route to a retry only from a logic branch`));
    }
  }
  const target = ctx.graph.tasks.get(task.target);
  if (!target) return out; // dangling_next reports it
  const targetType = ctx.tasks.get(task.target)?.type;
  if (!targetType || !isInteractive(targetType)) {
    out.push(problem('retry_target_not_interactive', task.id, pathOf(ctx, task.id, 'target'),
      `retry target ${task.target} is a ${target.type} task: a retry sends the end user back to a capture task`));
  } else if (ctx.an.reachable(task.id) && !ctx.an.precedes(task.target, task.id)) {
    out.push(problem('retry_target_not_preceding', task.id, pathOf(ctx, task.id, 'target'),
      `retry target ${task.target} does not come before ${task.id} on every route: target a capture that every route to ${task.id} passes through`));
  } else if (ctx.an.reachable(task.id) && !sameScope(ctx.graph.scope.get(task.id), ctx.graph.scope.get(task.target))) {
    out.push(problem('retry_target_across_parallel', task.id, pathOf(ctx, task.id, 'target'),
      `retry ${task.id} is in ${scopeName(ctx.graph.scope.get(task.id))} and its target ${task.target} in ${scopeName(ctx.graph.scope.get(task.target))}: `
      + 'a retry cannot cross a parallel boundary; target a capture in the same branch (or, on the main route, one on the main route)'));
  }
  return out;
}

const sameScope = (a: Scope | null | undefined, b: Scope | null | undefined): boolean =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.parallel === b.parallel && a.branch === b.branch);
const scopeName = (s: Scope | null | undefined) => (s ? `branch ${s.branch + 1} of parallel task ${s.parallel}` : 'the main route');

const timeoutOf = (task: Task): number | undefined => ('timeout_seconds' in task ? task.timeout_seconds : undefined);
export const timeouts: Rule = (ctx) => typedTasks(ctx).flatMap((task) => {
  const t = timeoutOf(task);
  if (t === undefined || (t >= 1 && t <= MAX_TIMEOUT_SECONDS)) return [];
  return [problem('timeout_out_of_range', task.id, pathOf(ctx, task.id, 'timeout_seconds'),
    `timeout_seconds of ${task.id} is ${t}: use 1 to ${MAX_TIMEOUT_SECONDS} (365 days)`)];
});

export const versions: Rule = (ctx) => typedTasks(ctx).flatMap((task) => {
  const latest = latestVersion(task.type);
  if (task.version === undefined || task.version <= latest) return [];
  return [problem('unknown_task_version', task.id, pathOf(ctx, task.id, 'version'),
    `${task.type} has no version ${task.version}: the latest is ${latest}; omit version to use it`)];
});

export const sources: Rule = (ctx) => typedTasks(ctx).flatMap((task): Problem[] => {
  if (!ctx.an.reachable(task.id)) return [];
  if (task.type === 'send_receive') {
    return Object.entries(task.send ?? {}).flatMap(([key, f]) => {
      const r = resolvePath(ctx, f.source, task.id, `send.${key}.source`);
      return r.ok ? [] : [r.problem];
    });
  }
  if (task.type !== 'result') return [];
  return Object.entries(task.output ?? {}).flatMap(([key, source]) => {
    const out: Problem[] = [];
    if (!ctx.top.output?.[key]) {
      out.push(problem('undeclared_output', task.id, pathOf(ctx, task.id, `output.${key}`),
        `output property ${key} of ${task.id} is not declared: add "${key}": { "format": ... } to the workflow's output`));
    }
    const r = resolvePath(ctx, source, task.id, `output.${key}`);
    if (!r.ok) out.push(r.problem);
    return out;
  });
});
