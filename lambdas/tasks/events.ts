/**
 * `workflow_task.started` / `workflow_task.completed`, published through events/ (schema
 * checked, recorded for resend); the webhook function turns them into webhooks.
 */
import { EVENTS, publish, type TaskEventDetail } from '../events';
import type { TaskItem } from '../store/tasks';
import { taskView } from './view';

export type TaskEvent = typeof EVENTS.taskStarted | typeof EVENTS.taskCompleted;

export function taskEventDetail(task: TaskItem, applicantId: string): TaskEventDetail {
  const view = taskView(task);
  return {
    workflow_run_id: task.workflow_run_id, applicant_id: applicantId, task_id: task.id, task_def_id: task.task_def_id,
    task_def_version: task.task_def_version, status: task.status, input: view.input, output: view.output,
  };
}

export async function emitTaskEvent(event: TaskEvent, task: TaskItem, applicantId: string): Promise<void> {
  await publish(event, taskEventDetail(task, applicantId));
}
