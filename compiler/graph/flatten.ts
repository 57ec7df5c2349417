/** Builds the TaskGraph: scopes (which parallel branch a task is in) and the dominance graph. */
import { routesOf, type Edge, type GraphProblem, type RawTask, type Scope, type TaskGraph } from './build';

const sameScope = (a: Scope | null, b: Scope | null): boolean =>
  a === b || (a !== null && b !== null && a.parallel === b.parallel && a.branch === b.branch);
const describe = (s: Scope | null) => (s ? `branch ${s.branch + 1} of parallel task ${s.parallel}` : 'the main route');

export function buildGraph(list: readonly RawTask[], start: string): TaskGraph {
  const tasks = new Map<string, RawTask>();
  for (const t of list) if (!tasks.has(t.id)) tasks.set(t.id, t);
  const edges = new Map<string, Edge[]>();
  for (const t of tasks.values()) edges.set(t.id, routesOf(t));
  const problems: GraphProblem[] = [];
  const scope = assignScopes(tasks, edges, start, problems);

  const node = new Map<string, number>();
  const nameOf: string[] = [''];
  for (const id of tasks.keys()) { node.set(id, nameOf.length); nameOf.push(id); }
  const joins = new Map<string, { join: number; exits: number[] }>();
  for (const t of tasks.values()) {
    if (t.type !== 'parallel') continue;
    const starts = (edges.get(t.id) ?? []).filter((e) => e.kind === 'start');
    const exits = starts.map(() => { nameOf.push(''); return nameOf.length - 1; });
    nameOf.push('');
    joins.set(t.id, { join: nameOf.length - 1, exits });
  }
  const succ: number[][] = nameOf.map(() => []);
  const forward: number[][] = nameOf.map(() => []);
  const startNode = node.get(start);
  if (startNode !== undefined) { succ[0]!.push(startNode); forward[0]!.push(startNode); }
  const exitOf = (s: Scope | null | undefined) => (s ? joins.get(s.parallel)?.exits[s.branch] : undefined);
  for (const [id, list] of edges) {
    const from = node.get(id)!;
    for (const e of list) {
      const origin = e.kind === 'next' && tasks.get(id)?.type === 'parallel' ? joins.get(id)!.join : from;
      const target = e.to === null ? exitOf(scope.get(id)) : node.get(e.to);
      if (target === undefined) continue;
      succ[origin]!.push(target);
      if (e.kind !== 'retry') forward[origin]!.push(target);
    }
  }
  for (const { join, exits } of joins.values()) for (const x of exits) { succ[x]!.push(join); forward[x]!.push(join); }
  return { tasks, edges, succ, forward, node, nameOf, joins, scope, problems };
}

function assignScopes(tasks: Map<string, RawTask>, edges: Map<string, Edge[]>, start: string, problems: GraphProblem[]) {
  const scope = new Map<string, Scope | null>();
  const reported = new Set<string>();
  const queue: Array<[string, Scope | null, string]> = [[start, null, 'start']];
  for (let head = 0; head < queue.length; head++) {
    const [id, s, via] = queue[head]!;
    const task = tasks.get(id);
    if (!task) continue;
    if (scope.has(id)) {
      const known = scope.get(id)!;
      if (!sameScope(known, s) && !reported.has(id)) {
        reported.add(id);
        problems.push({
          code: 'branch_escape', task: id, path: via,
          message: `task ${id} is reached from ${describe(known)} and from ${describe(s)}; a task belongs to one branch: give each branch its own tasks, and leave a branch only by ending it ("next": null)`,
        });
      }
      continue;
    }
    scope.set(id, s);
    let branch = 0;
    for (const e of edges.get(id) ?? []) {
      if (e.kind === 'retry' || e.to === null) { if (e.kind === 'start') branch++; continue; }
      if (e.kind === 'start') queue.push([e.to, { parallel: id, branch: branch++, parent: s }, e.path]);
      else queue.push([e.to, s, e.path]);
    }
  }
  return scope;
}
