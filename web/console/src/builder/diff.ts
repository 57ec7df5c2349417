/** Differences between two definitions: tasks added, removed and changed (by id), and top-level fields changed. */
import type { Task } from '../../../../compiler';
import { taskLabel, type Draft } from './model';

export interface FieldChange { field: string; before: string; after: string }
export interface TaskChange { id: string; label: string; fields: FieldChange[] }
export interface DefinitionDiff { added: TaskChange[]; removed: TaskChange[]; changed: TaskChange[]; workflow: FieldChange[] }

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>, skip: readonly string[] = []): FieldChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.includes(k));
  return keys.filter((k) => show(a[k]) !== show(b[k])).map((k) => ({ field: k, before: show(a[k]), after: show(b[k]) }));
}

export function diffDefinitions(before: Draft, after: Draft): DefinitionDiff {
  const tasksOf = (d: Draft) => new Map((Array.isArray(d.tasks) ? d.tasks : []).map((t) => [t.id, t] as [string, Task]));
  const a = tasksOf(before);
  const b = tasksOf(after);
  const entry = (t: Task, fields: FieldChange[] = []): TaskChange => ({ id: t.id, label: taskLabel(t), fields });
  return {
    added: [...b.values()].filter((t) => !a.has(t.id)).map((t) => entry(t)),
    removed: [...a.values()].filter((t) => !b.has(t.id)).map((t) => entry(t)),
    changed: [...b.values()].flatMap((t) => {
      const old = a.get(t.id);
      const fields = old ? fieldChanges(old, t) : [];
      return fields.length ? [entry(t, fields)] : [];
    }),
    workflow: fieldChanges(before, after, ['tasks']),
  };
}

export interface DiffLine { kind: 'same' | 'added' | 'removed'; text: string }

/** A line diff (longest common subsequence) of the two definitions as pretty-printed JSON. */
export function jsonDiff(before: unknown, after: unknown): DiffLine[] {
  const a = JSON.stringify(before, null, 2).split('\n');
  const b = JSON.stringify(after, null, 2).split('\n');
  // lcs[i][j]: the common subsequence length of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { out.push({ kind: 'same', text: a[i]! }); i += 1; j += 1; }
    else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) { out.push({ kind: 'removed', text: a[i]! }); i += 1; }
    else { out.push({ kind: 'added', text: b[j]! }); j += 1; }
  }
  return out;
}

/** The canvas of a comparison: the newer definition plus the tasks it removed, each task marked. */
export function compareCanvas(before: Draft, after: Draft, diff: DefinitionDiff): { draft: Draft; marks: Map<string, string> } {
  const removed = (Array.isArray(before.tasks) ? before.tasks : []).filter((t) => diff.removed.some((r) => r.id === t.id));
  const marks = new Map<string, string>([
    ...diff.added.map((c) => [c.id, 'added'] as [string, string]),
    ...diff.changed.map((c) => [c.id, 'changed'] as [string, string]),
    ...diff.removed.map((c) => [c.id, 'removed'] as [string, string]),
  ]);
  return { draft: { ...after, tasks: [...(Array.isArray(after.tasks) ? after.tasks : []), ...removed] }, marks };
}
