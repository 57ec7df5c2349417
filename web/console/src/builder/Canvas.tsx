/**
 * The canvas: nodes laid out by ELK from Start; selecting a node (click, or Enter when focused)
 * selects its task. When editable: (+) under a node and on every edge, palette items dropped on
 * an edge or a node, edges reconnected by dragging their end, and new routes drawn from a node.
 */
import { Background, ControlButton, Controls, MiniMap, Position, ReactFlow, useReactFlow, type Connection, type Edge, type FitViewOptions, type NodeChange, type NodeHandle } from '@xyflow/react';
import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EdgeInfo, NodeInfo } from './graph';
import { layout, NODE_H, NODE_W } from './layout';
import { edgeRoute, type NewTask } from './model';
import { PALETTE_MIME } from './Palette';
import { RouteEdge, type RouteFlowEdge } from './RouteEdge';
import { TaskNode, type TaskFlowNode } from './TaskNode';

const NODE_TYPES = { task: TaskNode };
const EDGE_TYPES = { route: RouteEdge };
/**
 * How the view fits the graph: clear of the controls (left) and of the minimap (bottom right, 200 px
 * wide; styles.css hides it at 800 px and below), so that no task is drawn under them.
 */
const fitOptions = (): FitViewOptions => ({
  maxZoom: 1,
  padding: window.matchMedia('(min-width: 801px)').matches ? { top: '24px', bottom: '24px', left: '64px', right: '232px' } : { x: '56px', y: '24px' },
});
const MINIMAP: Record<string, string> = { start: '#111827', capture: '#1d4ed8', verification: '#6d28d9', logic: '#b45309', action: '#0f766e', result: '#15803d' };

/** What the canvas may change (absent: read-only). Routes are named by their source task and key (model.ts `routesOf`). */
export interface CanvasEdits {
  canAdd: (id: string) => boolean;
  onAddAfter: (id: string) => void;
  onInsert: (source: string, key: string, label: string) => void;
  onDrop: (spec: NewTask, on: { edge: string } | { node: string }) => void;
  onReconnect: (source: string, key: string, target: string) => void;
  onConnect: (source: string, target: string) => void;
}

/** Where TaskNode draws its handles (6 px squares centred on the top and bottom edges). */
const HANDLE = 6;
const SOURCE_HANDLE: NodeHandle = { type: 'source', position: Position.Bottom, x: NODE_W / 2 - HANDLE / 2, y: NODE_H - HANDLE / 2, width: HANDLE, height: HANDLE };
const TARGET_HANDLE: NodeHandle = { type: 'target', position: Position.Top, x: NODE_W / 2 - HANDLE / 2, y: -HANDLE / 2, width: HANDLE, height: HANDLE };

interface Props {
  nodes: NodeInfo[]; edges: EdgeInfo[]; selected: string | null; onSelect: (id: string) => void;
  edits?: CanvasEdits | undefined;
  /** Nodes marked (compare: added / changed / removed; a trial: visited) and edges drawn as a taken route. */
  marks?: ReadonlyMap<string, string> | undefined; taken?: ReadonlySet<string> | undefined;
}

export function Canvas({ nodes, edges, selected, onSelect, edits, marks, taken }: Props) {
  const { t } = useTranslation();
  const [positions, setPositions] = useState<Map<string, { x: number; y: number }>>(new Map());
  // The shape whose layout the view has been fitted to: until it is the current one the canvas is busy.
  const [fitted, setFitted] = useState<string | null>(null);
  // The layout depends on the graph's shape only (ids and edges), not on labels or problems.
  const shape = JSON.stringify([nodes.map((n) => n.id), edges.map((e) => [e.id, e.source, e.target])]);
  useEffect(() => {
    let live = true;
    const [ids, links] = JSON.parse(shape) as [string[], Array<[string, string, string]>];
    void layout(ids, links.map(([id, source, target]) => ({ id, source, target }))).then((p) => {
      if (live) setPositions(Object.assign(p, { shape }));
    });
    return () => { live = false; };
  }, [shape]);
  const labels = new Map(nodes.map((n) => [n.id, n.label]));
  const flowNodes: TaskFlowNode[] = nodes.map((n) => ({
    id: n.id, type: 'task', position: positions.get(n.id) ?? { x: 0, y: 0 }, selected: n.id === selected,
    // Fixed dimensions (the layout's) and handles, given rather than measured: the nodes are rebuilt on
    // every change, and a rebuilt node without them loses its measured handles, so its edges vanish
    // until a re-measure that may never come (and fitView waits for it).
    width: NODE_W, height: NODE_H, measured: { width: NODE_W, height: NODE_H },
    handles: n.cls === 'start' ? [SOURCE_HANDLE] : [TARGET_HANDLE, SOURCE_HANDLE],
    data: { label: n.label, cls: n.cls, problems: n.problems, mark: marks?.get(n.id), onAdd: edits?.canAdd(n.id) ? () => edits.onAddAfter(n.id) : undefined },
    ariaLabel: n.label, draggable: false, deletable: false, connectable: edits !== undefined,
    ...(n.problems > 0 ? { domAttributes: { 'aria-description': t('builder.invalidNode', { name: n.label }) } } : {}),
  }));
  // A route's place among the routes that leave its task (fan-out: its name sits near its target)
  // and among those that also reach the same task (twins: their names are stacked).
  const fanOut = new Map<string, number>();
  for (const e of edges) fanOut.set(e.source, (fanOut.get(e.source) ?? 0) + 1);
  const twinsOf = (e: { source: string; target: string }) => edges.filter((o) => o.source === e.source && o.target === e.target);
  const flowEdges: RouteFlowEdge[] = edges.map((e) => {
    const { source, key } = edgeRoute(e.id);
    const twins = twinsOf(e);
    return {
      id: e.id, source: e.source, target: e.target, type: 'route', focusable: false, deletable: false, reconnectable: edits ? 'target' : false,
      className: `edge-${e.kind}${taken?.has(e.id) ? ' taken' : ''}`, ariaLabel: t('builder.edge', { from: labels.get(e.source), to: labels.get(e.target) }),
      data: { label: e.label, from: labels.get(e.source) ?? e.source, to: labels.get(e.target) ?? e.target,
        fan: (fanOut.get(e.source) ?? 0) > 1, twin: { index: twins.indexOf(e), count: twins.length },
        onInsert: edits ? () => edits.onInsert(source, key, t('builder.insertBetween', { from: labels.get(e.source), to: labels.get(e.target) })) : undefined },
    };
  });
  const onNodesChange = (changes: NodeChange<TaskFlowNode>[]) => {
    for (const c of changes) if (c.type === 'select' && c.selected) onSelect(c.id);
  };
  const onDragOver = (e: DragEvent) => {
    if (edits && e.dataTransfer.types.includes(PALETTE_MIME)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }
  };
  const onDrop = (e: DragEvent) => {
    const raw = e.dataTransfer.getData(PALETTE_MIME);
    if (!edits || !raw) return;
    e.preventDefault();
    const on = dropTarget(e.clientX, e.clientY);
    if (on) edits.onDrop(JSON.parse(raw) as NewTask, on);
  };
  return (
    <div className="canvas" role="region" aria-label={t('builder.canvas')} aria-busy={fitted !== shape} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow nodes={flowNodes} edges={flowEdges} nodeTypes={NODE_TYPES} edgeTypes={EDGE_TYPES} onNodesChange={onNodesChange}
        onNodeClick={(_, n) => onSelect(n.id)} nodesConnectable={edits !== undefined} nodesDraggable={false} edgesFocusable={false}
        onReconnect={(old: Edge, c: Connection) => { const r = edgeRoute(old.id); if (c.target) edits?.onReconnect(r.source, r.key, c.target); }}
        onConnect={(c: Connection) => { if (c.source && c.target) edits?.onConnect(c.source, c.target); }}
        fitView fitViewOptions={fitOptions()} minZoom={0.2} proOptions={{ hideAttribution: true }}>
        <Background />
        <Controls showInteractive={false} fitViewOptions={fitOptions()}><PanButtons /></Controls>
        <MiniMap pannable zoomable ariaLabel={t('builder.minimap')} nodeStrokeWidth={3} nodeColor={(n) => MINIMAP[(n.data as { cls: string }).cls] ?? '#8a94a3'} />
        <FitOnLayout positions={positions} onFitted={setFitted} />
      </ReactFlow>
    </div>
  );
}

/** The edge (its (+) or its line) or the node under a drop point. */
function dropTarget(x: number, y: number): { edge: string } | { node: string } | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    const edge = el.closest('[data-edge-id]')?.getAttribute('data-edge-id') ?? el.closest('.react-flow__edge')?.getAttribute('data-id');
    if (edge) return { edge };
    const node = el.closest('.react-flow__node')?.getAttribute('data-id');
    if (node) return { node };
  }
  return undefined;
}

/** Pan without a pointer: the view moves by a quarter of its size. */
function PanButtons() {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const pan = (dx: number, dy: number) => () => {
    const v = flow.getViewport();
    void flow.setViewport({ ...v, x: v.x + dx, y: v.y + dy });
  };
  return (
    <>
      <ControlButton onClick={pan(0, 120)} aria-label={t('builder.panUp')} title={t('builder.panUp')}>↑</ControlButton>
      <ControlButton onClick={pan(0, -120)} aria-label={t('builder.panDown')} title={t('builder.panDown')}>↓</ControlButton>
      <ControlButton onClick={pan(120, 0)} aria-label={t('builder.panLeft')} title={t('builder.panLeft')}>←</ControlButton>
      <ControlButton onClick={pan(-120, 0)} aria-label={t('builder.panRight')} title={t('builder.panRight')}>→</ControlButton>
    </>
  );
}

/** Fits the view to the graph whenever a new layout arrives. */
function FitOnLayout({ positions, onFitted }: { positions: Map<string, unknown> & { shape?: string }; onFitted: (shape: string) => void }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (positions.size === 0) return undefined;
    // After the canvas has taken the new positions (its store updates in an effect of its own).
    const frame = requestAnimationFrame(() => {
      void flow.fitView(fitOptions()).then(() => { if (positions.shape !== undefined) onFitted(positions.shape); });
    });
    return () => cancelAnimationFrame(frame);
  }, [positions, flow, onFitted]);
  return null;
}
