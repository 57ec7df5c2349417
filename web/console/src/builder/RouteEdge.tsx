/**
 * A canvas edge: its route's name, and (+) to insert a task on it (also a drop target for the palette).
 * The name sits halfway along the edge, but for one of several routes leaving a task (a logic task's
 * branches), where it sits 70% of the way down: their halfway points are only half as far apart as
 * their targets, and the names would overlap. Routes between the same two tasks (twins) have the same
 * line: their names are stacked upwards from there.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnzoom } from './TaskNode';

export type RouteEdgeData = {
  label?: string | undefined; from: string; to: string; onInsert?: (() => void) | undefined;
  fan?: boolean; twin?: { index: number; count: number };
};

/** The point at `t` (0..1) of the cubic Bézier curve getBezierPath draws between two handles (bottom to top, target below). */
function pointAt(t: number, sx: number, sy: number, tx: number, ty: number): [number, number] {
  const c = 0.5 * (ty - sy); // xyflow's control offset when the target is below the source
  const u = 1 - t;
  const [a, b, d, e] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return [(a + b) * sx + (d + e) * tx, a * sy + b * (sy + c) + d * (ty - c) + e * ty];
}
/** Height of one stacked route name, before the canvas's zoom (the (+) grows as the zoom falls). */
const TWIN_STEP = 30;
export type RouteFlowEdge = Edge<RouteEdgeData, 'route'>;

export function RouteEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style }: EdgeProps<RouteFlowEdge>) {
  const { t } = useTranslation();
  const unzoom = useUnzoom();
  const [path, midX, midY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const [x, baseY] = data?.fan && targetY > sourceY ? pointAt(0.7, sourceX, sourceY, targetX, targetY) : [midX, midY];
  const y = baseY + (data?.twin && data.twin.count > 1 ? -data.twin.index * TWIN_STEP * unzoom : 0);
  const name = data?.label
    ? t('builder.insertOnRoute', { route: data.label, from: data?.from, to: data?.to })
    : t('builder.insertBetween', { from: data?.from, to: data?.to });
  return (
    <>
      <BaseEdge id={id} path={path} interactionWidth={24} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} />
      <EdgeLabelRenderer>
        <div className="edge-label nodrag nopan" data-edge-id={id} style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}>
          {data?.label && <span title={data.label}>{data.label}</span>}
          {data?.onInsert && <button type="button" className="edge-add" aria-label={name} style={{ '--unzoom': unzoom } as CSSProperties} onClick={data.onInsert}>+</button>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
