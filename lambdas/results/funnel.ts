/**
 * The funnel of one workflow version (the console's, beyond Onfido): runs started, how far they
 * got (per task: reached, completed, where they stopped or wait), the completion rate, the
 * median time per task and the split of outcomes. No Scan: the workflow's runs come from the
 * results index (`RESULTS#<env>#WORKFLOW#<id>` on gsi1, store/run-index.ts), newest first, at
 * most `FUNNEL_MAX_RUNS` of them (the answer says when it stopped there, and the date of the
 * oldest run counted); the runs by BatchGet. An ended run carries the summary of its tasks
 * (`task_summary`: id in the definition, status, start and end of each, written once the run has
 * ended by the evidence function, recordTaskSummary), so only runs still going (or ended before
 * summaries were written) cost a Query of their partition for their task records.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { getMany } from '../store/paging';
import { resultsKey } from '../store/run-index';
import { isEnded, RunItem, type Environment } from '../store/runs';
import { keys } from '../store/table';
import { listTasks, type TaskItem } from '../store/tasks';
import { definedTasks, type DefinedTask } from './route';
import { TASK_DISPLAY_NAMES } from '../../compiler';

export const FUNNEL_MAX_RUNS = 2000;
const COMPLETED = new Set(['approved', 'declined', 'review']);
const STOPPED = new Set(['abandoned', 'error']);
const WAITING = new Set(['awaiting_input', 'awaiting_client_input']);

export interface FunnelTask { task_id: string; name: string; task_type: string; reached: number; completed: number; stopped: number; waiting: number; median_ms: number | null }
export interface Funnel {
  workflow_id: string; version: number; started: number; completed: number; completion_rate: number | null;
  outcomes: Record<string, number>; tasks: FunnelTask[]; truncated: boolean; oldest: string | null; trials_excluded: number;
}

/**
 * Whether a run is a trial of the builder (not the product's traffic). The marker (`trial: true`
 * on the run item) is written by the builder's trial runs; runs without it are real.
 */
export const isTrialRun = (item: Record<string, unknown>) => item.trial === true;

/** What the funnel needs of a task record. */
const TaskSummary = z.array(z.object({ workflow_task_id: z.string(), status: z.string(), created_at: z.string(), updated_at: z.string() }));
type TaskSummary = z.infer<typeof TaskSummary>;

/** Writes the summary of an ended run's tasks on its item (in listTasks' order), for the funnel. */
export async function recordTaskSummary(runId: string, tasks: readonly TaskItem[]): Promise<void> {
  const summary: TaskSummary = tasks.map((t) => ({ workflow_task_id: t.workflow_task_id, status: t.status, created_at: t.created_at, updated_at: t.updated_at }));
  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: keys.run(runId), ConditionExpression: 'attribute_exists(pk)',
    UpdateExpression: 'SET task_summary = :summary', ExpressionAttributeValues: { ':summary': summary },
  })).catch((e: unknown) => { if (!(e instanceof Error && e.name === 'ConditionalCheckFailedException')) throw e; });
}

/** The ids of the workflow's runs, newest first, at most `max` (and whether there were more). */
async function runIdsOf(env: Environment, workflowId: string, max: number): Promise<{ ids: string[]; truncated: boolean }> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ScanIndexForward: false,
      ExpressionAttributeValues: { ':pk': resultsKey(env, `WORKFLOW#${workflowId}`) }, ProjectionExpression: 'run_id',
      Limit: Math.min(1000, max + 1 - ids.length), ExclusiveStartKey: start,
    }));
    ids.push(...(out.Items ?? []).map((i) => String(i.run_id)));
    start = out.LastEvaluatedKey;
  } while (start && ids.length <= max);
  return { ids: ids.slice(0, max), truncated: ids.length > max };
}

async function mapLimited<T, R>(xs: readonly T[], limit: number, f: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(xs.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, async () => {
    while (next < xs.length) { const i = next++; out[i] = await f(xs[i]!, i); }
  }));
  return out;
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The funnel from the runs and their task records (pure). Tasks in the definition's order, those no run reached left out. */
export function funnelOf(workflowId: string, version: number, defined: readonly DefinedTask[], runs: ReadonlyArray<{ run: RunItem; tasks: TaskSummary }>): Omit<Funnel, 'truncated' | 'oldest' | 'trials_excluded'> {
  const outcomes: Record<string, number> = {};
  const per = new Map<string, { reached: Set<string>; completed: Set<string>; stopped: number; waiting: number; times: number[] }>();
  const entry = (id: string) => per.get(id) ?? per.set(id, { reached: new Set(), completed: new Set(), stopped: 0, waiting: 0, times: [] }).get(id)!;
  for (const { run, tasks } of runs) {
    outcomes[run.status] = (outcomes[run.status] ?? 0) + 1;
    for (const t of tasks) {
      const e = entry(t.workflow_task_id);
      e.reached.add(run.id);
      if (t.status === 'completed') { e.completed.add(run.id); e.times.push(Math.max(0, Date.parse(t.updated_at) - Date.parse(t.created_at))); }
    }
    const last = tasks.at(-1);
    if (last && last.status !== 'completed' && STOPPED.has(run.status)) entry(last.workflow_task_id).stopped++;
    if (last && last.status === 'waiting' && WAITING.has(run.status)) entry(last.workflow_task_id).waiting++;
  }
  const names: Record<string, string> = TASK_DISPLAY_NAMES;
  const tasks = defined.filter((t) => per.has(t.id)).map((t): FunnelTask => {
    const e = per.get(t.id)!;
    return { task_id: t.id, name: t.name || names[t.type] || t.type, task_type: t.type, reached: e.reached.size, completed: e.completed.size, stopped: e.stopped, waiting: e.waiting, median_ms: median(e.times) };
  });
  const completed = runs.filter(({ run }) => COMPLETED.has(run.status)).length;
  return { workflow_id: workflowId, version, started: runs.length, completed, completion_rate: runs.length ? completed / runs.length : null, outcomes, tasks };
}

export async function versionFunnel(env: Environment, workflowId: string, version: number, definition: unknown, opts: { includeTrials: boolean; max?: number }): Promise<Funnel> {
  const { ids, truncated } = await runIdsOf(env, workflowId, opts.max ?? FUNNEL_MAX_RUNS);
  const items = (await getMany(ids.map((id) => keys.run(id)))).filter((i) => i.workflow_version_id === version);
  const kept = items.filter((i) => opts.includeTrials || !isTrialRun(i));
  const runs = kept.map((i) => RunItem.parse(i));
  const withTasks = await mapLimited(kept, 8, async (item, i) => {
    const run = runs[i]!;
    const summary = TaskSummary.safeParse(item.task_summary);
    return { run, tasks: isEnded(run.status) && summary.success ? summary.data : await listTasks(run.id) };
  });
  const oldest = runs.reduce<string | null>((o, r) => (o === null || r.created_at < o ? r.created_at : o), null);
  return { ...funnelOf(workflowId, version, definedTasks(definition), withTasks), truncated, oldest, trials_excluded: items.length - kept.length };
}
