/**
 * The task graph, built leniently from raw task objects (a task that failed its schema still
 * routes), flattened for dominance: node 0 is the entry; each parallel task gets a virtual exit
 * per branch and a join, so that "precedes on every route" sees that all branches run.
 */
export interface RawTask { index: number; id: string; type: string; raw: Record<string, unknown> }

export type EdgeKind = 'next' | 'branch' | 'else' | 'retry' | 'limit' | 'start';
export interface Edge { from: string; to: string | null; kind: EdgeKind; path: string; label?: string }

/** Where a task lives: the main route, or branch `branch` of parallel task `parallel`. */
export interface Scope { parallel: string; branch: number; parent: Scope | null }

export interface GraphProblem { code: string; task: string | null; message: string; path: string }

export interface TaskGraph {
  tasks: Map<string, RawTask>;
  edges: Map<string, Edge[]>;
  /** Dominance graph: successors by node number. */
  succ: number[][];
  /** The same without retry edges (acyclic in a valid workflow): what runs after what within one pass. */
  forward: number[][];
  node: Map<string, number>;
  nameOf: string[];            // node number → task id, or '' for virtual nodes
  joins: Map<string, { join: number; exits: number[] }>;
  scope: Map<string, Scope | null>;
  problems: GraphProblem[];
}

export function routesOf(task: RawTask): Edge[] {
  const r = task.raw;
  const at = (p: string) => `tasks[${task.index}].${p}`;
  const out: Edge[] = [];
  const push = (to: unknown, kind: EdgeKind, path: string, label?: string) => {
    if (typeof to === 'string' || to === null) out.push({ from: task.id, to, kind, path: at(path), ...(label ? { label } : {}) });
  };
  switch (task.type) {
    case 'logic':
      (Array.isArray(r.branches) ? r.branches : []).forEach((b: unknown, i) => {
        const branch = (b ?? {}) as Record<string, unknown>;
        push(branch.next, 'branch', `branches[${i}].next`, typeof branch.name === 'string' ? branch.name : `branch ${i + 1}`);
      });
      push(r.else, 'else', 'else', 'else');
      break;
    case 'retry':
      push(r.target, 'retry', 'target', 'retry');
      push(r.limit_reached, 'limit', 'limit_reached', 'limit reached');
      break;
    case 'parallel':
      (Array.isArray(r.branches) ? r.branches : []).forEach((b: unknown, i) => push(((b ?? {}) as Record<string, unknown>).start, 'start', `branches[${i}].start`));
      push(r.next, 'next', 'next');
      break;
    case 'result':
      break;
    default:
      push(r.next, 'next', 'next');
  }
  return out;
}
