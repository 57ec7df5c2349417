/** Task updates: tasks pinned to an older version of their type than the latest. */
import type { TaskType, Workflow } from './model';
import { latestVersion, REGISTRY } from './tasks/registry';

export interface TaskUpdate { task: string; type: string; from: number; to: number; notes: string[] }

export function availableUpdates(workflow: Workflow): TaskUpdate[] {
  return workflow.tasks.flatMap((t) => {
    const latest = latestVersion(t.type);
    if (t.version === undefined || t.version >= latest) return [];
    const notes = REGISTRY[t.type].versions.filter((v) => v.version > t.version!).map((v) => `@${v.version}: ${v.notes}`);
    return [{ task: t.id, type: t.type, from: t.version, to: latest, notes }];
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A definition as it is saved: every task of a known type that names no `version` gets its type's
 * latest version (the contract: "a version of a workflow pins the task versions it was saved with";
 * a task's version defaults to the latest *when saved*, so a later task version is an update the
 * workflow shows, not a silent change at its next activation). Everything else is kept as it came,
 * also in a definition that is not valid (its problems are the validator's to report).
 */
export function pinTaskVersions(definition: unknown): unknown {
  if (!isRecord(definition) || !Array.isArray(definition.tasks)) return definition;
  const tasks = definition.tasks.map((t: unknown) => {
    if (!isRecord(t) || t.version !== undefined || typeof t.type !== 'string' || !Object.hasOwn(REGISTRY, t.type)) return t;
    return { ...t, version: latestVersion(t.type as TaskType) };
  });
  return { ...definition, tasks };
}
