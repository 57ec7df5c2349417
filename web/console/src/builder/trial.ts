/**
 * A trial run's route on the canvas: the tasks it entered (GET …/route, in order) as visited
 * nodes, and the edges it took. After a task, the route took the edge to whichever of its targets
 * was entered first after it (every branch of a parallel split); Start's edge once it began.
 */
import type { EdgeInfo } from './graph';
import { START } from './model';

export interface Drawn { marks: Map<string, string>; taken: Set<string> }

export function drawRoute(route: readonly string[], edges: readonly EdgeInfo[]): Drawn {
  const marks = new Map<string, string>(route.map((id) => [id, 'visited']));
  const taken = new Set<string>();
  if (route.length === 0) return { marks, taken };
  marks.set(START, 'visited');
  for (const e of edges) if (e.source === START && e.target === route[0]) taken.add(e.id);
  route.forEach((source, i) => {
    const out = edges.filter((e) => e.source === source);
    const after = (e: EdgeInfo) => { const j = route.indexOf(e.target, i + 1); return j < 0 ? Infinity : j; };
    for (const e of out) if (e.kind === 'split' && after(e) < Infinity) taken.add(e.id);
    const next = out.filter((e) => e.kind !== 'split' && after(e) < Infinity).sort((a, b) => after(a) - after(b))[0];
    if (next) taken.add(next.id);
  });
  return { marks, taken };
}
