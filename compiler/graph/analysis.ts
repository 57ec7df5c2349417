/**
 * Questions the validator and the lowering ask of a workflow's graph: is a task reachable,
 * does task A precede task B on every route to B (parallel branches all run, so a task that
 * precedes the end of its branch precedes everything after the join), which tasks precede B;
 * and (routes.ts) whether every route to B passes a task of some types, which may have run before it.
 */
import type { TaskGraph } from './build';
import { dominators, type Dominance } from './dominators';
import { routes, type Routes } from './routes';

export interface Analysis extends Routes {
  graph: TaskGraph;
  dom: Dominance;
  reachable(id: string): boolean;
  precedes(a: string, b: string): boolean;
  /** Visits the tasks that precede `b` on every route, nearest first, until `visit` returns true. */
  eachPreceding(b: string, visit: (id: string) => boolean | void): void;
  /** Tasks of branch `branch` of `parallel` that precede the end of that branch on every route. */
  branchExports(parallel: string, branch: number): string[];
}

export function analyse(graph: TaskGraph): Analysis {
  const dom = dominators(graph.succ);
  const joinOf = new Map<number, string>();
  for (const [p, j] of graph.joins) joinOf.set(j.join, p);

  const precedesNode = (a: number, aTask: string | null, b: number): boolean => {
    if (a !== b && dom.dominates(a, b)) return true;
    const scope = aTask === null ? null : graph.scope.get(aTask);
    if (!scope) return false;
    const p = graph.joins.get(scope.parallel)!;
    const exit = p.exits[scope.branch]!;
    if (!dom.dominates(a, exit)) return false;
    // The join follows every branch: does it (or, nested, its own branch end) precede b?
    return precedesNode(p.join, scope.parallel, b);
  };

  const walk = (from: number, stopAt: number, visit: (id: string) => boolean | void): boolean => {
    for (let cur = dom.idom[from]!; cur > 0 && cur !== stopAt; cur = dom.idom[cur]!) {
      const id = graph.nameOf[cur]!;
      if (id !== '') { if (visit(id)) return true; continue; }
      const parallel = joinOf.get(cur);
      if (parallel === undefined) continue;
      const stop = graph.node.get(parallel)!;
      for (const exit of graph.joins.get(parallel)!.exits) if (dom.reachable(exit) && walk(exit, stop, visit)) return true;
    }
    return false;
  };

  const branchExports = (parallel: string, branch: number): string[] => {
    const exit = graph.joins.get(parallel)?.exits[branch];
    const out: string[] = [];
    if (exit !== undefined && dom.reachable(exit)) walk(exit, graph.node.get(parallel)!, (id) => { out.push(id); });
    return out;
  };
  return {
    graph, dom, branchExports, ...routes(graph, branchExports, (n) => dom.reachable(n)),
    reachable: (id) => { const n = graph.node.get(id); return n !== undefined && dom.reachable(n); },
    precedes: (a, b) => {
      const na = graph.node.get(a), nb = graph.node.get(b);
      if (na === undefined || nb === undefined || !dom.reachable(nb)) return false;
      // A task that precedes a join through its branch is "joined" as the parallel task itself.
      return precedesNode(na, a, nb);
    },
    eachPreceding: (b, visit) => { const nb = graph.node.get(b); if (nb !== undefined && dom.reachable(nb)) walk(nb, -1, visit); },
  };
}
