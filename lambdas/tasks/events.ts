/**
 * `workflow_task.started` / `workflow_task.completed`, published through events/ (schema
 * checked, recorded for resend); the webhook function turns them into webhooks. A completion that
 * follows a side effect (a task token sent) is written as a pending event with the change
 * (`completedEvent`, events/pending.ts): its detail is read from the task when the sweep puts it on the bus.
 */
import { EVENTS, publish, type TaskDetails, type TaskEventDetail } from '../events';
import { pendingEvent, type PendingEvent } from '../store/pending-events';
import { getTask, type TaskItem } from '../store/tasks';
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

/**
 * The pending `workflow_task.completed` of a task completed at `at` (ISO). `by` tells apart a second completion of one
 * task (`review`: an analyst's decision on a report that completed on its own first); `after`: held while that item exists.
 */
export function completedEvent(task: Pick<TaskItem, 'id' | 'workflow_run_id'>, applicantId: string, at: string,
  o: { by?: string; after?: PendingEvent['key'] } = {}): PendingEvent {
  const by = o.by ? `:${o.by}` : '';
  return pendingEvent(at, `${task.workflow_run_id}#${task.id}#${EVENTS.taskCompleted}${by}`, {
    detail_type: EVENTS.taskCompleted, task: { run_id: task.workflow_run_id, task_id: task.id, applicant_id: applicantId },
    dedupe_id: `${EVENTS.taskCompleted}:${task.id}${by}`, ...(o.after ? { after: o.after } : {}),
  });
}

/** The stored task a pending event announces, if it still stands as the event says (not gone, not purged, still
 *  completed for a completion: not handed back). */
export async function standing(ref: Parameters<TaskDetails>[0], detailType: string): Promise<TaskItem | undefined> {
  const task = await getTask(ref.run_id, ref.task_id);
  if (!task || task.purged_at !== undefined || (detailType === EVENTS.taskCompleted && task.status !== 'completed')) return undefined;
  return task;
}

/** A pending task event's detail from the stored task (events/pending.ts): none when the task no longer stands so. */
export const storedTaskEvent: TaskDetails = async (ref, detailType) => {
  const task = await standing(ref, detailType);
  return task && taskEventDetail(task, ref.applicant_id);
};
