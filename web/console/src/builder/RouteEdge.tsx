/** A canvas edge: its route's name, and (+) to insert a task on it (also a drop target for the palette). */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnzoom } from './TaskNode';

export type RouteEdgeData = { label?: string | undefined; from: string; to: string; onInsert?: (() => void) | undefined };
export type RouteFlowEdge = Edge<RouteEdgeData, 'route'>;

export function RouteEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style }: EdgeProps<RouteFlowEdge>) {
  const { t } = useTranslation();
  const unzoom = useUnzoom();
  const [path, x, y] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const name = data?.label
    ? t('builder.insertOnRoute', { route: data.label, from: data?.from, to: data?.to })
    : t('builder.insertBetween', { from: data?.from, to: data?.to });
  return (
    <>
      <BaseEdge id={id} path={path} interactionWidth={24} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} />
      <EdgeLabelRenderer>
        <div className="edge-label nodrag nopan" data-edge-id={id} style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}>
          {data?.label && <span>{data.label}</span>}
          {data?.onInsert && <button type="button" className="edge-add" aria-label={name} style={{ '--unzoom': unzoom } as CSSProperties} onClick={data.onInsert}>+</button>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
