/**
 * Route questions that dominance cannot answer: does every route to a task pass a task of some
 * types (one on each route, not one task on all of them), and which tasks of a type may have run
 * before it on this run's route, in route order. Parallel branches all run: a join is passed
 * once every branch was. A task counts for `b` only where `b` can read what it kept: in `b`'s
 * branch or an enclosing one, or exported to one by the join of a branch it precedes the end of.
 */
import type { Scope, TaskGraph } from './build';

export const scopeKey = (s: Scope | null | undefined): string => (s ? `${s.parallel}#${s.branch}` : '');

export interface Routes {
  /** Every route from start to `b` passes a task of one of `types` that `b` can read. */
  covered(b: string, types: readonly string[]): boolean;
  /** The tasks of `type` that `b` can read and that may run before it on a route to it, in route order. */
  candidates(b: string, type: string): string[];
  /** `b` may run after `a` within one pass (retries aside). */
  reaches(a: string, b: string): boolean;
  /** The outermost of `b`'s scopes (its branch and those enclosing it) where `b` reads the variable of `x`. */
  homeScope(x: string, b: string): string;
}

export function routes(graph: TaskGraph, exportsOf: (parallel: string, branch: number) => string[], reachable: (n: number) => boolean): Routes {
  const visible = new Map<string, string[]>();
  for (const id of graph.tasks.keys()) visible.set(id, [scopeKey(graph.scope.get(id))]);
  for (const [p, { exits }] of graph.joins) {
    exits.forEach((_, i) => { for (const x of exportsOf(p, i)) visible.get(x)?.push(scopeKey(graph.scope.get(p))); });
  }
  const chain = (b: string): string[] => {
    const out: string[] = [];
    for (let s = graph.scope.get(b) ?? null; s; s = s.parent) out.push(scopeKey(s));
    return [...out, ''];
  };
  const readable = (x: string, b: string) => { const c = chain(b); return (visible.get(x) ?? []).some((k) => c.includes(k)); };
  const exitsOfJoin = new Map<number, number[]>();
  for (const { join, exits } of graph.joins.values()) exitsOfJoin.set(join, exits);

  // Route order: reverse post-order of the forward (retry-free) graph.
  const rank = new Int32Array(graph.nameOf.length).fill(-1);
  const post: number[] = [];
  const seen = new Uint8Array(graph.nameOf.length);
  const stack: Array<[number, number]> = [[0, 0]];
  seen[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = graph.forward[top[0]]![top[1]++];
    if (next === undefined) { post.push(top[0]); stack.pop(); } else if (!seen[next]) { seen[next] = 1; stack.push([next, 0]); }
  }
  post.reverse().forEach((n, i) => { rank[n] = i; });

  /** Nodes reached from `from` avoiding `removed`; a join only once all its (reachable) branch ends are. */
  const reach = (from: number, removed: ReadonlySet<number>): Uint8Array => {
    const hit = new Uint8Array(graph.nameOf.length);
    hit[from] = 1;
    const todo = [from];
    while (todo.length > 0) {
      for (const s of graph.forward[todo.pop()!]!) {
        if (hit[s] || removed.has(s)) continue;
        const exits = exitsOfJoin.get(s);
        if (from === 0 && exits && !exits.every((x) => hit[x] || !reachable(x))) continue;
        hit[s] = 1;
        todo.push(s);
      }
    }
    return hit;
  };
  const none = new Set<number>();

  return {
    covered: (b, types) => {
      const nb = graph.node.get(b);
      if (nb === undefined) return false;
      const removed = new Set<number>();
      for (const [id, t] of graph.tasks) if (id !== b && types.includes(t.type) && readable(id, b)) removed.add(graph.node.get(id)!);
      return !reach(0, removed)[nb];
    },
    candidates: (b, type) => {
      const nb = graph.node.get(b);
      if (nb === undefined) return [];
      return [...graph.tasks.values()].flatMap((t) => {
        const n = graph.node.get(t.id)!;
        return t.type === type && t.id !== b && reachable(n) && readable(t.id, b) && reach(n, none)[nb] ? [t.id] : [];
      }).sort((x, y) => rank[graph.node.get(x)!]! - rank[graph.node.get(y)!]!);
    },
    reaches: (a, b) => {
      const na = graph.node.get(a), nb = graph.node.get(b);
      return na !== undefined && nb !== undefined && na !== nb && reach(na, none)[nb] === 1;
    },
    homeScope: (x, b) => {
      const v = visible.get(x) ?? [];
      return chain(b).filter((k) => v.includes(k)).pop() ?? '';
    },
  };
}
