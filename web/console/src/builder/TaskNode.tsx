/** A canvas node: class colour and icon, the task's name, a mark when it has problems. */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { TaskClass } from './graph';

export type TaskNodeData = { label: string; cls: TaskClass; problems: number };
export type TaskFlowNode = Node<TaskNodeData, 'task'>;

const ICON: Record<TaskClass, string> = { start: '▶', capture: '◉', verification: '✔', logic: '◇', action: '↻', result: '⚑' };

export function TaskNode({ data, selected }: NodeProps<TaskFlowNode>) {
  return (
    <div className={`task-node cls-${data.cls}${selected ? ' selected' : ''}${data.problems > 0 ? ' invalid' : ''}`}>
      {data.cls !== 'start' && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <span className="icon" aria-hidden="true">{ICON[data.cls]}</span>
      <span className="label">{data.label}</span>
      {data.problems > 0 && <span className="badge" aria-hidden="true">{data.problems}</span>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}
