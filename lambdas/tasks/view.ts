/**
 * Tasks as the API shows them (Onfido's Task and TaskItem objects). The integrator sees every
 * task with its input and output; the end user (SDK token) only the waiting interactive tasks,
 * with what the capture page needs to show them (`captureTaskView`).
 */
import type { z } from 'zod';
import { TASK_DISPLAY_NAMES } from '../../compiler';
import { TaskRequest } from '../../compiler';
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
  /** Extensions Onfido's clients ignore: where the task stands, its type, its name, when it ended. */
  status: 'started' | 'completed' | 'failed';
  task_type: string;
  name: string;
  completed_at: string | null;
}
/** `motion_unsupported` (Motion tasks): what the device lacked when it completed with no upload, else null. */
export interface TaskView extends TaskSummary { input: unknown; output: unknown; motion_unsupported?: { reasons: string[] } | null }

const STATUS = { waiting: 'started', completed: 'completed', failed: 'failed', timed_out: 'failed' } as const;
const NamedInput = TaskRequest.pick({ name: true });
const typeNames: Record<string, string> = TASK_DISPLAY_NAMES;

/** The task's name in the workflow (interactive tasks carry it), else its type's display name. */
export function taskName(t: TaskItem): string {
  const input = NamedInput.safeParse(t.input ?? {});
  return (input.success ? input.data.name : undefined) ?? typeNames[t.task_type] ?? t.task_type;
}

export function taskSummary(t: TaskItem): TaskSummary {
  return {
    id: t.id, workflow_run_id: t.workflow_run_id, task_def_id: t.task_def_id, task_def_version: t.task_def_version,
    created_at: iso(t.created_at), updated_at: iso(t.updated_at),
    status: STATUS[t.status], task_type: t.task_type, name: taskName(t), completed_at: t.status === 'completed' ? iso(t.updated_at) : null,
  };
}

export const taskView = (t: TaskItem): TaskView => ({
  ...taskSummary(t), input: t.input ?? {}, output: t.status === 'completed' ? t.output ?? null : null,
  ...(t.task_type === 'face_capture_motion' ? { motion_unsupported: t.motion_unsupported ?? null } : {}),
});

/** Whether an SDK token may see the task: an interactive task that waits for the end user. */
export const visibleToEndUser = (t: TaskItem) => t.kind === 'interactive' && t.status === 'waiting';

/** What the task function stores as an interactive task's input besides its type and configuration (see handler.ts). */
const InteractiveInput = TaskRequest.pick({ name: true, retry: true });
type Retry = NonNullable<z.infer<typeof InteractiveInput>['retry']>;

export interface CaptureTaskView extends TaskSummary {
  input: { task_type: string; name?: string; config: Record<string, unknown>; retry: Omit<Retry, 'retry_task_id'> | null };
  /** When the run stops waiting for the task (null: machines compiled before deadlines were stored). */
  deadline_at: string | null;
}

/** A waiting interactive task as the capture page sees it: its type, name, configuration and retry reasons. */
export function captureTaskView(t: TaskItem): CaptureTaskView {
  const input = InteractiveInput.safeParse(t.input ?? {});
  const { name, retry } = input.success ? input.data : {};
  return {
    ...taskSummary(t),
    input: {
      task_type: t.task_type, ...(name ? { name } : {}), config: t.config,
      retry: retry ? { reasons: retry.reasons, attempt: retry.attempt, max_retries: retry.max_retries } : null,
    },
    deadline_at: t.deadline_at ? iso(t.deadline_at) : null,
  };
}
