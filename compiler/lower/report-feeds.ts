/**
 * What a report task gets of the earlier tasks of each type it uses (registry `uses`): the task
 * of that type that ran on this run's route. With one task of the type that precedes the report
 * on every route, that task; with several candidates (one capture per route, or a later one on
 * some routes), the last in route order that ran: their variables start `null` (`unsetVariables`)
 * and the payload picks at run time. A type none of whose tasks ran is left out.
 */
import type { Analysis } from '../graph';
import type { Task } from '../model';
import { REGISTRY } from '../tasks/registry';
import { objectExpr, taskVar } from './jsonata';

export interface Feed { type: string; ids: string[]; picked: boolean }

export function feedsOf(task: Task, an: Analysis): Feed[] {
  return (REGISTRY[task.type].uses ?? []).flatMap((type): Feed[] => {
    const ids = an.candidates(task.id, type);
    if (ids.length === 0) return [];
    return [{ type, ids, picked: !(ids.length === 1 && an.precedes(ids[0]!, task.id)) }];
  });
}

/** The `tasks` expression: an object by type; `entry` gives one task's `{ task_id, output, config? }`. */
export function feedsExpr(feeds: readonly Feed[], entry: (id: string) => string): string {
  const fixed = objectExpr(feeds.filter((f) => !f.picked).map((f) => [f.type, entry(f.ids[0]!)]));
  const picked = feeds.filter((f) => f.picked).map((f) => f.ids.reduce(
    (rest, id) => `(${ran(id)} ? ${objectExpr([[f.type, entry(id)]])} : ${rest})`, '{}'));
  return picked.length === 0 ? fixed : `$merge([${[fixed, ...picked].join(', ')}])`;
}

const ran = (id: string) => `($exists($${taskVar(id)}) and $type($${taskVar(id)}) != "null")`;

/**
 * Per scope (routes.ts `scopeKey`), the picked candidates whose variables are set to `null` when the scope starts, and
 * by a retry of that scope for those after its target (a capture of an earlier pass is not one of this pass's route).
 */
export function unsetVariables(tasks: Iterable<Task>, an: Analysis): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const task of tasks) {
    if (REGISTRY[task.type].kind !== 'report' || !an.reachable(task.id)) continue;
    for (const f of feedsOf(task, an)) {
      if (!f.picked) continue;
      for (const id of f.ids) {
        const key = an.homeScope(id, task.id);
        const set = out.get(key) ?? new Set<string>();
        out.set(key, set.add(id));
      }
    }
  }
  return out;
}

