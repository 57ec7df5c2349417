/**
 * The route a run took (the console's run page): every task of its workflow version the
 * execution entered, in order (logic, retry and result tasks included: each is a state named by
 * its task id, compiler/lower), from the execution's history, with its status, start, end,
 * input and output; a task entered again (a retry) is a second step. Tasks with a task record
 * (reports, captures, Send/Receive) take their status from it. Once the run has ended, the
 * version's tasks it never entered are `skipped`. Without a history (none started, or expired),
 * and for a purged run (`purged_at`: its history, which AWS keeps 90 days after the execution
 * ended, still holds each state's input and output, the applicant's data), the steps are the task
 * records alone (a purged run's are emptied: lifecycle/runs.ts), and none is `skipped`.
 */
import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { TASK_DISPLAY_NAMES } from '../../compiler';
import { clients } from '../shared/aws';
import { isEnded, type RunItem } from '../store/runs';
import type { TaskItem } from '../store/tasks';
import { taskName } from '../tasks/view';

export type StepStatus = 'started' | 'completed' | 'failed' | 'skipped';
export interface Step {
  task_id: string; task_type: string; name: string; status: StepStatus;
  started_at: string | null; ended_at: string | null; duration_ms: number | null;
  /** The task record's id (tasks with one), else null. */
  record_id: string | null; input: unknown; output: unknown;
}

/** The version's tasks as far as the route needs them (the definition is validated when saved). */
const Definition = z.object({ tasks: z.array(z.looseObject({ id: z.string(), type: z.string(), name: z.string().optional() })) });
export type DefinedTask = z.infer<typeof Definition>['tasks'][number];
export const definedTasks = (definition: unknown): DefinedTask[] => Definition.safeParse(definition).data?.tasks ?? [];

const typeNames: Record<string, string> = TASK_DISPLAY_NAMES;
const nameOf = (t: DefinedTask) => t.name || typeNames[t.type] || t.type;
const RECORD_STATUS = { waiting: 'started', completed: 'completed', failed: 'failed', timed_out: 'failed' } as const;
const json = (s: string | undefined): unknown => { try { return s === undefined ? undefined : JSON.parse(s) as unknown; } catch { return s; } };
const duration = (a: string | null, b: string | null) => (a && b ? Math.max(0, Date.parse(b) - Date.parse(a)) : null);

/** Every event of the execution's history, oldest first (empty when there is none). */
export async function executionHistory(executionArn: string | undefined): Promise<HistoryEvent[]> {
  if (!executionArn) return [];
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await clients().sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (e) {
    if (e instanceof Error && (e.name === 'ExecutionDoesNotExist' || e.name === 'ResourceNotFound')) return [];
    throw e;
  }
  return events;
}

const FAILED_END = new Set(['ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/** The steps of a run: pure, from its history, its task records and its version's tasks. */
export function routeSteps(run: RunItem, defined: readonly DefinedTask[], fullHistory: readonly HistoryEvent[], records: readonly TaskItem[]): Step[] {
  const history = run.purged_at ? [] : fullHistory;
  const byId = new Map(defined.map((t) => [t.id, t]));
  const steps: Step[] = [];
  const open = new Map<string, Step>();
  let failedEnd = false;
  for (const e of history) {
    const at = e.timestamp ? new Date(e.timestamp).toISOString() : null;
    const entered = e.stateEnteredEventDetails;
    const exited = e.stateExitedEventDetails;
    if (entered && byId.has(entered.name ?? '')) {
      const t = byId.get(entered.name ?? '')!;
      const step: Step = { task_id: t.id, task_type: t.type, name: nameOf(t), status: 'started', started_at: at, ended_at: null, duration_ms: null, record_id: null, input: json(entered.input), output: undefined };
      steps.push(step);
      open.set(t.id, step);
    } else if (exited && open.has(exited.name ?? '')) {
      const step = open.get(exited.name ?? '')!;
      Object.assign(step, { status: 'completed', ended_at: at, duration_ms: duration(step.started_at, at), output: json(exited.output) });
      open.delete(step.task_id);
    } else if (e.type && FAILED_END.has(e.type)) {
      failedEnd = true;
      for (const step of open.values()) Object.assign(step, { status: 'failed', ended_at: at, duration_ms: duration(step.started_at, at) });
    }
  }
  if (!failedEnd && isEnded(run.status)) for (const step of open.values()) step.status = 'failed';
  const merged = history.length > 0 ? withRecords(steps, records) : records.map((r) => fromRecord(r, byId.get(r.workflow_task_id)));
  // A purged run's route is not known: none of its tasks is said to be skipped.
  if (!isEnded(run.status) || run.purged_at) return merged;
  const seen = new Set(merged.map((s) => s.task_id));
  const skipped = defined.filter((t) => !seen.has(t.id)).map((t): Step => ({
    task_id: t.id, task_type: t.type, name: nameOf(t), status: 'skipped', started_at: null, ended_at: null, duration_ms: null, record_id: null, input: undefined, output: undefined,
  }));
  return [...merged, ...skipped];
}

/** The n-th step of a task takes the n-th record of that task (status, times, input, output); records without a step are added. */
function withRecords(steps: Step[], records: readonly TaskItem[]): Step[] {
  const pending = new Map<string, TaskItem[]>();
  for (const r of records) pending.set(r.workflow_task_id, [...(pending.get(r.workflow_task_id) ?? []), r]);
  const out = steps.map((s) => {
    const r = pending.get(s.task_id)?.shift();
    return r ? { ...fromRecord(r, undefined), name: s.name, started_at: s.started_at ?? r.created_at, duration_ms: duration(s.started_at ?? r.created_at, r.status === 'waiting' ? null : r.updated_at) } : s;
  });
  return [...out, ...[...pending.values()].flat().map((r) => fromRecord(r, undefined))];
}

function fromRecord(r: TaskItem, t: DefinedTask | undefined): Step {
  const ended = r.status === 'waiting' ? null : r.updated_at;
  return {
    task_id: r.workflow_task_id, task_type: r.task_type, name: t ? nameOf(t) : taskName(r), status: RECORD_STATUS[r.status],
    started_at: r.created_at, ended_at: ended, duration_ms: duration(r.created_at, ended), record_id: r.id,
    input: r.input ?? {}, output: r.status === 'completed' ? r.output ?? null : null,
  };
}
