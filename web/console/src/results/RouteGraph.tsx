/**
 * The route a run took, drawn on its workflow version's graph: the builder's canvas read-only
 * (builder/Canvas.tsx), the tasks it went through marked "Visited" with the time spent in each,
 * the edges between consecutive steps drawn as taken.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from '../builder/Canvas';
import { toGraph } from '../builder/graph';
import { START, type Draft } from '../builder/model';
import type { Step } from './api';

/** Seconds, one decimal under 10 s. */
export const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(0));

/** Edges between consecutive steps (and from Start to the first), and the time spent per task. */
export function routeOnGraph(steps: readonly Step[]): { pairs: Set<string>; spent: Map<string, number>; visited: Set<string> } {
  const taken = steps.filter((s) => s.status !== 'skipped' && s.started_at)
    .map((s, i) => ({ s, i })).sort((a, b) => a.s.started_at!.localeCompare(b.s.started_at!) || a.i - b.i).map(({ s }) => s);
  const pairs = new Set<string>();
  taken.forEach((s, i) => pairs.add(`${i === 0 ? START : taken[i - 1]!.task_id}>${s.task_id}`));
  const spent = new Map<string, number>();
  for (const s of taken) spent.set(s.task_id, (spent.get(s.task_id) ?? 0) + (s.duration_ms ?? 0));
  return { pairs, spent, visited: new Set(taken.map((s) => s.task_id)) };
}

export function RouteGraph({ definition, steps }: { definition: unknown; steps: Step[] }) {
  const { t } = useTranslation();
  const shown = useMemo(() => {
    const draft = definition as Draft | null;
    if (!draft || !Array.isArray(draft.tasks)) return undefined;
    const graph = toGraph(draft, [], t('builder.start'));
    const { pairs, spent, visited } = routeOnGraph(steps);
    const nodes = graph.nodes.map((n) => (spent.has(n.id) ? { ...n, label: t('results.route.node', { label: n.label, s: seconds(spent.get(n.id)!) }) } : n));
    const marks = new Map([...visited].map((id) => [id, 'visited']));
    const taken = new Set(graph.edges.filter((e) => pairs.has(`${e.source}>${e.target}`)).map((e) => e.id));
    return { nodes, edges: graph.edges, marks, taken };
  }, [definition, steps, t]);
  if (!shown) return <p>{t('results.route.none')}</p>;
  return (
    <section className="run-route" aria-labelledby="route-h">
      <h2 id="route-h">{t('results.route.heading')}</h2>
      <ReactFlowProvider>
        <Canvas nodes={shown.nodes} edges={shown.edges} selected={null} onSelect={() => undefined} marks={shown.marks} taken={shown.taken} />
      </ReactFlowProvider>
    </section>
  );
}
