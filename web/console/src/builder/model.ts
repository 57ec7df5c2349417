/**
 * Pure edits of a draft definition (the builder's state): every function returns a new draft.
 * A draft is a workflow definition that may be invalid; the compiler's validator judges it.
 */
import type { Task, TaskType, Workflow } from '../../../../compiler';
import { displayName } from '../../../../compiler';

export type Draft = Workflow;
export const START = '__start';
type Outcome = 'approve' | 'review' | 'decline';

/** A type to add: a task type, or a result with its outcome. */
export type NewTask = { type: Exclude<TaskType, 'result'> } | { type: 'result'; outcome: Outcome };

export const blankDraft = (name: string): Draft => ({ name, start: '', tasks: [] });

export function newId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

function freshTask(spec: NewTask, id: string): Task {
  switch (spec.type) {
    case 'result': return { id, type: 'result', outcome: spec.outcome };
    case 'logic': return { id, type: 'logic', branches: [{ name: 'Branch 1', when: { all: [] }, next: null }], else: null };
    case 'retry': return { id, type: 'retry', reasons: ['generic_document_issue'], target: '', max_retries: 1, limit_reached: null };
    case 'parallel': return { id, type: 'parallel', branches: [], next: null };
    case 'send_receive': return { id, type: 'send_receive', task_def_id: '', task_def_version: '1', next: null };
    case 'facial_similarity_report': return { id, type: spec.type, variant: 'photo', next: null };
    case 'profile_data_capture': return { id, type: spec.type, fields: ['first_name', 'last_name'], next: null };
    default: return { id, type: spec.type, next: null } as Task;
  }
}

/** The label of a task on the canvas: its name, else its type's display name. */
export const taskLabel = (t: Task): string => (typeof t.name === 'string' && t.name) || displayName(t);

/** Routes out of a task, in evaluation order: the label and the target (null = open slot). */
export interface Route { key: string; label?: string; target: string | null; kind: 'next' | 'branch' | 'else' | 'retry' | 'limit' | 'split' }
export function routesOf(t: Task): Route[] {
  switch (t.type) {
    case 'result': return [];
    case 'logic': return [
      ...t.branches.map((b, i): Route => ({ key: `b${i}`, label: b.name || `Branch ${i + 1}`, target: b.next, kind: 'branch' })),
      { key: 'else', label: 'Else', target: t.else, kind: 'else' }];
    case 'retry': return [{ key: 'retry', label: 'Retry', target: t.target || null, kind: 'retry' },
      { key: 'limit', label: 'Limit reached', target: t.limit_reached, kind: 'limit' }];
    case 'parallel': return [...t.branches.map((b, i): Route => ({ key: `p${i}`, label: `Branch ${i + 1}`, target: b.start, kind: 'split' })),
      { key: 'next', label: 'Then', target: t.next, kind: 'next' }];
    default: return [{ key: 'next', target: t.next, kind: 'next' }];
  }
}

/** The first open route of `anchor` (where "Add task after" puts the new task), or undefined. */
export function openSlot(draft: Draft, anchor: string): Route | undefined {
  if (anchor === START) return { key: 'start', target: draft.start || null, kind: 'next' };
  const t = draft.tasks.find((x) => x.id === anchor);
  if (!t) return undefined;
  const routes = routesOf(t).filter((r) => r.kind !== 'retry' && r.kind !== 'split');
  if (t.type === 'logic') return routes.find((r) => r.target === null);
  return routes[0];
}

function setRoute(t: Task, key: string, target: string | null): Task {
  if (t.type === 'logic') {
    if (key === 'else') return { ...t, else: target };
    return { ...t, branches: t.branches.map((b, i) => (`b${i}` === key ? { ...b, next: target } : b)) };
  }
  if (t.type === 'retry') return key === 'limit' ? { ...t, limit_reached: target } : { ...t, target: target ?? '' };
  if (t.type === 'result') return t;
  if (t.type === 'parallel' && key !== 'next') return { ...t, branches: t.branches.map((b, i) => (`p${i}` === key ? { start: target ?? '' } : b)) };
  return { ...t, next: target } as Task;
}

/** Inserts a new task on the open route of `anchor`; what followed there now follows the new task. */
export function addAfter(draft: Draft, anchor: string, spec: NewTask): { draft: Draft; id: string } | undefined {
  const slot = openSlot(draft, anchor);
  return slot ? insertOn(draft, anchor, slot.key, spec) : undefined;
}

/** The route `key` of `source` (`start` for Start), or undefined. */
export function routeOf(draft: Draft, source: string, key: string): Route | undefined {
  if (source === START) return key === 'start' ? { key, target: draft.start || null, kind: 'next' } : undefined;
  const t = draft.tasks.find((x) => x.id === source);
  return t ? routesOf(t).find((r) => r.key === key) : undefined;
}

/** Inserts a new task on route `key` of `source` (an edge, or an open route): the new task leads where the route led. */
export function insertOn(draft: Draft, source: string, key: string, spec: NewTask): { draft: Draft; id: string } | undefined {
  const route = routeOf(draft, source, key);
  if (!route) return undefined;
  const id = newId(spec.type === 'result' ? spec.outcome : spec.type, new Set(draft.tasks.map((t) => t.id)));
  const follow = route.target;
  let task = freshTask(spec, id);
  if (follow) task = task.type === 'logic' ? setRoute(task, 'b0', follow) : setRoute(task, 'next', follow);
  const tasks = draft.tasks.map((t) => (t.id === source ? setRoute(t, key, id) : t));
  return { draft: { ...draft, ...(source === START ? { start: id } : {}), tasks: [...tasks, task] }, id };
}

/** Points route `key` of `source` at `target` (reconnecting an edge, or connecting an open route). */
export function connect(draft: Draft, source: string, key: string, target: string | null): Draft {
  if (source === START) return key === 'start' ? { ...draft, start: target ?? '' } : draft;
  if (target === source || !routeOf(draft, source, key)) return draft;
  return { ...draft, tasks: draft.tasks.map((t) => (t.id === source ? setRoute(t, key, target) : t)) };
}

/** The key of an edge id made by graph.ts (`__start->x` or `<source>:<key>`). */
export function edgeRoute(edgeId: string): { source: string; key: string } {
  if (edgeId.startsWith(`${START}->`)) return { source: START, key: 'start' };
  const i = edgeId.lastIndexOf(':');
  return { source: edgeId.slice(0, i), key: edgeId.slice(i + 1) };
}

export const updateTask = (draft: Draft, id: string, next: Task): Draft =>
  ({ ...draft, tasks: draft.tasks.map((t) => (t.id === id ? next : t)) });

/** Removes a task; routes that led to it now lead where it led (its first route), or stay open. */
export function removeTask(draft: Draft, id: string): Draft {
  const gone = draft.tasks.find((t) => t.id === id);
  if (!gone) return draft;
  const follow = routesOf(gone).find((r) => r.kind === 'next' || r.kind === 'branch')?.target ?? null;
  const tasks = draft.tasks.filter((t) => t.id !== id).map((t) =>
    routesOf(t).reduce((acc, r) => (r.target === id ? setRoute(acc, r.key, follow) : acc), t));
  return { ...draft, start: draft.start === id ? follow ?? '' : draft.start, tasks };
}
