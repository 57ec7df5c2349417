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
