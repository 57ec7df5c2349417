/** Tasks as the API shows them (Onfido's Task and TaskItem objects). */
import { isoSeconds } from '../shared/ids';
import type { TaskItem } from '../store/tasks';

const iso = (t: string) => isoSeconds(new Date(t));

export interface TaskSummary {
  id: string;
  workflow_run_id: string;
  task_def_id: string;
  task_def_version: string | null;
  created_at: string;
  updated_at: string;
}
export interface TaskView extends TaskSummary { input: unknown; output: unknown }

export function taskSummary(t: TaskItem): TaskSummary {
  return {
    id: t.id, workflow_run_id: t.workflow_run_id, task_def_id: t.task_def_id, task_def_version: t.task_def_version,
    created_at: iso(t.created_at), updated_at: iso(t.updated_at),
  };
}

export const taskView = (t: TaskItem): TaskView => ({ ...taskSummary(t), input: t.input ?? {}, output: t.status === 'completed' ? t.output ?? null : null });
