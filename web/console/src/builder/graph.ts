/** The draft as canvas nodes and edges (Start first, routes in evaluation order). */
import type { Problem } from '../../../../compiler';
import { REGISTRY } from '../../../../compiler';
import { routesOf, START, taskLabel, type Draft } from './model';

export type TaskClass = 'start' | 'capture' | 'verification' | 'logic' | 'action' | 'result';
export interface NodeInfo { id: string; label: string; cls: TaskClass; problems: number }
export interface EdgeInfo { id: string; source: string; target: string; label?: string; kind: string }

const CLASS: Record<string, TaskClass> = {
  capture: 'capture', report: 'verification', logic: 'logic', parallel: 'logic', retry: 'action', send_receive: 'action', result: 'result',
};

export function toGraph(draft: Draft, problems: readonly Problem[], startLabel: string): { nodes: NodeInfo[]; edges: EdgeInfo[] } {
  const ids = new Set(draft.tasks.map((t) => t.id));
  const count = (id: string) => problems.filter((p) => p.task === id).length;
  const nodes: NodeInfo[] = [
    { id: START, label: startLabel, cls: 'start', problems: problems.filter((p) => p.task === null).length },
    ...draft.tasks.map((t): NodeInfo => ({ id: t.id, label: taskLabel(t), cls: CLASS[REGISTRY[t.type]?.kind ?? 'result'] ?? 'action', problems: count(t.id) })),
  ];
  const edges: EdgeInfo[] = [];
  if (ids.has(draft.start)) edges.push({ id: `${START}->${draft.start}`, source: START, target: draft.start, kind: 'next' });
  for (const t of draft.tasks) {
    for (const r of routesOf(t)) {
      if (r.target && ids.has(r.target)) edges.push({ id: `${t.id}:${r.key}`, source: t.id, target: r.target, kind: r.kind, ...(r.label ? { label: r.label } : {}) });
    }
  }
  return { nodes, edges };
}
