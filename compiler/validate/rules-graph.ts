/** Rules about ids and routes: duplicates, dangling routes, reachability, ends, cycles. */
import { pathOf, type Rule, type RuleContext } from './context';
import { problem, type Problem } from './problem';

export const duplicateIds: Rule = (ctx) => {
  const seen = new Set<string>();
  return ctx.raw.flatMap((t) => {
    if (!seen.has(t.id)) { seen.add(t.id); return []; }
    return [problem('duplicate_id', t.id, `tasks[${t.index}].id`, `task id ${t.id} is used by more than one task: give each task its own id`)];
  });
};

export const routes: Rule = (ctx) => {
  const out: Problem[] = [];
  const start = ctx.top.start;
  if (start !== undefined && !ctx.graph.tasks.has(start)) {
    out.push(problem('unknown_start', null, 'start', `start names ${start}, which is no task: set start to the id of the first task`));
  }
  for (const [id, edges] of ctx.graph.edges) {
    const inBranch = ctx.graph.scope.get(id) != null;
    for (const e of edges) {
      if (e.to === null) {
        if (e.kind === 'start') continue;
        if (!inBranch && ctx.an.reachable(id)) {
          out.push(problem('route_without_result', id, e.path,
            `the route through ${id} ends here without a result task: set ${e.path.replace(/^tasks\[\d+\]\./, '')} to a task that leads to a result`));
        }
      } else if (!ctx.graph.tasks.has(e.to)) {
        out.push(problem('dangling_next', id, e.path, `${id} routes to ${e.to}, which is no task: name an existing task id`));
      }
    }
    const task = ctx.graph.tasks.get(id)!;
    if (task.type === 'result' && inBranch) {
      out.push(problem('result_in_branch', id, pathOf(ctx, id, ''),
        `result task ${id} is inside a parallel branch: end the branch with "next": null and route the parallel task's next to the result`));
    }
  }
  return out;
};

export const reachability: Rule = (ctx) => {
  if (ctx.top.start === undefined || !ctx.graph.tasks.has(ctx.top.start)) return [];
  return [...ctx.graph.tasks.keys()].filter((id) => !ctx.an.reachable(id)).map((id) =>
    problem('unreachable_task', id, pathOf(ctx, id, ''), `no route from start reaches ${id}: route a task or branch to it, or delete it`));
};

/** Cycles are only allowed through retry tasks (which are bounded by max_retries). */
export const cycles: Rule = (ctx: RuleContext) => {
  const succ = ctx.graph.succ.map((s) => [...s]);
  for (const [id, edges] of ctx.graph.edges) {
    for (const e of edges) {
      if (e.kind !== 'retry' || e.to === null) continue;
      const from = ctx.graph.node.get(id)!, to = ctx.graph.node.get(e.to);
      const list = succ[from]!;
      const k = list.indexOf(to ?? -1);
      if (k >= 0) list.splice(k, 1);
    }
  }
  return stronglyConnected(succ)
    .filter((c) => c.length > 1 || succ[c[0]!]!.includes(c[0]!))
    .map((component) => {
      const ids = component.map((n) => ctx.graph.nameOf[n]!).filter((id) => id !== '');
      const sorted = ids.map((id) => ctx.graph.tasks.get(id)!).sort((a, b) => a.index - b.index);
      const first = sorted[0]!;
      return problem('cycle_without_retry', first.id, `tasks[${first.index}]`,
        `tasks ${sorted.map((t) => t.id).join(' → ')} form a loop without a retry task: loop back only through a retry task, which limits the attempts`);
    });
};

/** Tarjan's algorithm, iterative. */
function stronglyConnected(succ: number[][]): number[][] {
  const n = succ.length;
  const index = new Int32Array(n).fill(-1), low = new Int32Array(n), onStack = new Uint8Array(n);
  const stack: number[] = [], out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    index[root] = low[root] = counter++; stack.push(root); onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      if (i < succ[v]!.length) {
        top[1]++;
        const w = succ[v]![i]!;
        if (index[w] === -1) { index[w] = low[w] = counter++; stack.push(w); onStack[w] = 1; work.push([w, 0]); }
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) { const parent = work[work.length - 1]![0]; low[parent] = Math.min(low[parent]!, low[v]!); }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do { w = stack.pop()!; onStack[w] = 0; component.push(w); } while (w !== v);
        out.push(component);
      }
    }
  }
  return out;
}
