/**
 * Tasks as the API shows them (Onfido's Task and TaskItem objects). The integrator sees every
 * task with its input and output; the end user (SDK token) only the waiting interactive tasks,
 * with what the capture page needs to show them (`captureTaskView`).
 */
import { z } from 'zod';
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

/** Whether an SDK token may see the task: an interactive task that waits for the end user. */
export const visibleToEndUser = (t: TaskItem) => t.kind === 'interactive' && t.status === 'waiting';

export interface CaptureTaskView extends TaskSummary {
  input: {
    task_type: string;
    name?: string;
    config: Record<string, unknown>;
    retry: { reasons: unknown[]; attempt: number; max_retries: number } | null;
  };
}

const Retry = z.object({ reasons: z.array(z.unknown()), attempt: z.number(), max_retries: z.number() });
const NamedInput = z.object({ name: z.string().optional(), retry: z.unknown().optional() });

/** A waiting interactive task as the capture page sees it: its type, name, configuration and retry reasons. */
export function captureTaskView(t: TaskItem): CaptureTaskView {
  const input = NamedInput.safeParse(t.input ?? {});
  const name = input.success ? input.data.name : undefined;
  const retry = Retry.safeParse(input.success ? input.data.retry : undefined);
  return {
    ...taskSummary(t),
    input: {
      task_type: t.task_type, ...(name ? { name } : {}), config: t.config,
      retry: retry.success ? { reasons: retry.data.reasons, attempt: retry.data.attempt, max_retries: retry.data.max_retries } : null,
    },
  };
}
