/**
 * ELK layered layout, top to bottom; the model order of edges keeps branches left to right.
 * ELK runs in a Web Worker (web/build.js copies it), started on the first layout: the pages
 * without a canvas never load it, and a layout never blocks the page.
 */
import ElkApi, { type ELK } from 'elkjs/lib/elk-api.js';

let elk: ELK | undefined;
export const NODE_W = 200;
export const NODE_H = 56;

export interface Link { id: string; source: string; target: string }

export async function layout(nodes: string[], edges: Link[]): Promise<Map<string, { x: number; y: number }>> {
  elk ??= new ElkApi({ workerUrl: __ELK_WORKER__ });
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true', 'elk.spacing.nodeNode': '40', 'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes.map((id) => ({ id, width: NODE_W, height: NODE_H })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
