/** Task updates: tasks pinned to an older version of their type than the latest. */
import type { Workflow } from './model';
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
