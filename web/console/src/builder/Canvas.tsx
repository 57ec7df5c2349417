/** The canvas: nodes laid out by ELK from Start; selecting a node (click, or Enter when focused) selects its task. */
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Edge, type NodeChange } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EdgeInfo, NodeInfo } from './graph';
import { layout } from './layout';
import { TaskNode, type TaskFlowNode } from './TaskNode';

const NODE_TYPES = { task: TaskNode };
const MINIMAP: Record<string, string> = { start: '#111827', capture: '#1d4ed8', verification: '#6d28d9', logic: '#b45309', action: '#0f766e', result: '#15803d' };

interface Props { nodes: NodeInfo[]; edges: EdgeInfo[]; selected: string | null; onSelect: (id: string) => void }

export function Canvas({ nodes, edges, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const [positions, setPositions] = useState<Map<string, { x: number; y: number }>>(new Map());
  // The layout depends on the graph's shape only (ids and edges), not on labels or problems.
  const shape = JSON.stringify([nodes.map((n) => n.id), edges.map((e) => [e.id, e.source, e.target])]);
  useEffect(() => {
    let live = true;
    const [ids, links] = JSON.parse(shape) as [string[], Array<[string, string, string]>];
    void layout(ids, links.map(([id, source, target]) => ({ id, source, target }))).then((p) => { if (live) setPositions(p); });
    return () => { live = false; };
  }, [shape]);
  const flowNodes: TaskFlowNode[] = nodes.map((n) => ({
    id: n.id, type: 'task', position: positions.get(n.id) ?? { x: 0, y: 0 }, selected: n.id === selected,
    data: { label: n.label, cls: n.cls, problems: n.problems }, ariaLabel: n.label, draggable: false, deletable: false,
    ...(n.problems > 0 ? { domAttributes: { 'aria-description': t('builder.invalidNode', { name: n.label }) } } : {}),
  }));
  const flowEdges: Edge[] = edges.map((e) => ({
    id: e.id, source: e.source, target: e.target, focusable: false, deletable: false, className: `edge-${e.kind}`,
    ...(e.label ? { label: e.label, ariaLabel: `${e.label}` } : {}),
  }));
  const onNodesChange = (changes: NodeChange<TaskFlowNode>[]) => {
    for (const c of changes) if (c.type === 'select' && c.selected) onSelect(c.id);
  };
  return (
    <div className="canvas" role="region" aria-label={t('builder.canvas')}>
      <ReactFlow nodes={flowNodes} edges={flowEdges} nodeTypes={NODE_TYPES} onNodesChange={onNodesChange}
        onNodeClick={(_, n) => onSelect(n.id)} nodesConnectable={false} nodesDraggable={false} edgesFocusable={false}
        fitView minZoom={0.2} proOptions={{ hideAttribution: true }}>
        <Background />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel={null} nodeStrokeWidth={3} nodeColor={(n) => MINIMAP[(n.data as { cls: string }).cls] ?? '#8a94a3'} />
        <FitOnLayout positions={positions} />
      </ReactFlow>
    </div>
  );
}

/** Fits the view to the graph whenever a new layout arrives. */
function FitOnLayout({ positions }: { positions: Map<string, unknown> }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (positions.size === 0) return undefined;
    // After the canvas has taken the new positions (its store updates in an effect of its own).
    const frame = requestAnimationFrame(() => void flow.fitView({ maxZoom: 1 }));
    return () => cancelAnimationFrame(frame);
  }, [positions, flow]);
  return null;
}
