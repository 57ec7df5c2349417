/** A canvas node: class colour and icon, the task's name, a mark when it has problems, and (+) to add a task after it. */
import { Handle, Position, useStore, type Node, type NodeProps } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskClass } from './graph';

export type TaskNodeData = { label: string; cls: TaskClass; problems: number; mark?: string | undefined; onAdd?: (() => void) | undefined };
export type TaskFlowNode = Node<TaskNodeData, 'task'>;

/** 1 / the canvas's zoom when it is below 1 (else 1): the (+) buttons grow by it to stay ≥ 24 px on screen (styles.css `--unzoom`). */
export const useUnzoom = (): number => useStore((s) => Math.max(1, 1 / s.transform[2]));

const ICON: Record<TaskClass, string> = { start: '▶', capture: '◉', verification: '✔', logic: '◇', action: '↻', result: '⚑' };

export function TaskNode({ data, selected }: NodeProps<TaskFlowNode>) {
  const { t } = useTranslation();
  const mark = data.mark ? ` mark-${data.mark}` : '';
  const unzoom = useUnzoom();
  return (
    <div className={`task-node cls-${data.cls}${selected ? ' selected' : ''}${data.problems > 0 ? ' invalid' : ''}${mark}`}>
      {data.cls !== 'start' && <Handle type="target" position={Position.Top} isConnectableStart={false} />}
      <span className="icon" aria-hidden="true">{ICON[data.cls]}</span>
      <span className="label">{data.label}</span>
      {data.mark && <span className="mark">{t(`compare.mark.${data.mark}`)}</span>}
      {data.problems > 0 && <span className="badge" aria-hidden="true">{data.problems}</span>}
      <Handle type="source" position={Position.Bottom} isConnectableEnd={false} />
      {data.onAdd && (
        <button type="button" className="node-add nodrag nopan" aria-label={t('builder.addAfterNode', { name: data.label })}
          style={{ '--unzoom': unzoom } as CSSProperties}
          onClick={(e) => { e.stopPropagation(); data.onAdd?.(); }}>+</button>
      )}
    </div>
  );
}
