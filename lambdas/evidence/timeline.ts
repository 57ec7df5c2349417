/**
 * A run's timeline from what the store holds: the run created, each task started and ended
 * (reports, captures and Send/Receive tasks: the ones with a task record), every event put on
 * the bus for the run with each webhook delivery's answer (delivered, failed and retried, dead;
 * its attempts and error), the run's end, its review decision, and any `extra` events (the console
 * adds the logic, retry and result tasks of the run's route: lambdas/results/inspect.ts).
 */
import { EVENTS } from '../events/contract';
import type { RunItem } from '../store/runs';
import { partition } from '../lifecycle/items';
import { DEAD_LETTER_PREFIX, keys } from '../store/table';
import type { TaskItem } from '../store/tasks';

export interface TimelineEvent { at: string; kind: string; description: string }

interface Delivery { status?: string; at?: string; attempts?: number; error?: string }
interface Recorded { sk: string; time?: string; detail_type?: string; deliveries?: Record<string, Delivery> }

const ENDED: Record<string, string> = { completed: 'completed', failed: 'failed', timed_out: 'timed out' };

/** The recorded bus events of the run (events/record.ts: the latest of each name), with their deliveries. */
async function recordedEvents(runId: string): Promise<Recorded[]> {
  // Every page (the partition also holds dead letters, whose bodies may be large); the webhooks' dead letters of
  // those events (webhooks/dead-letters.ts) are skipped: their deliveries are on the events.
  return ((await partition(keys.event(runId, '').pk)) as unknown as Recorded[]).filter((r) => !r.sk.startsWith(DEAD_LETTER_PREFIX));
}

const answer = (d: Delivery) =>
  `${d.status ?? 'unknown'}${d.attempts ? ` after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}` : ''}${d.error ? ` (${d.error})` : ''}`;

export function timelineOf(run: RunItem, tasks: TaskItem[], recorded: Recorded[], extra: readonly TimelineEvent[] = []): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: run.created_at, kind: 'run_created', description: `Workflow run created (workflow ${run.workflow_id}, version ${run.workflow_version_id})` }];
  for (const t of tasks) {
    events.push({ at: t.created_at, kind: 'task_started', description: `Task ${t.workflow_task_id} (${t.task_type}) started` });
    const ended = ENDED[t.status];
    if (ended) events.push({ at: t.updated_at, kind: `task_${t.status}`, description: `Task ${t.workflow_task_id} (${t.task_type}) ${ended}` });
  }
  events.push(...extra);
  const afterReview = new Set<TimelineEvent>();
  for (const r of recorded) {
    const at = r.time ?? run.updated_at;
    const name = r.detail_type ?? r.sk.split('#')[0] ?? r.sk;
    const task = r.sk.includes('#') ? ` for task ${r.sk.slice(r.sk.indexOf('#') + 1)}` : '';
    const published: TimelineEvent[] = [{ at, kind: 'event', description: `Event ${name}${task} published` }];
    for (const [key, state] of Object.entries(r.deliveries ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      published.push({ at: state.at ?? at, kind: 'webhook_delivery', description: `Webhook ${key.split('#')[0]}: ${name} ${answer(state)}` });
    }
    // The review decision's event follows the decision, which follows the end.
    if (name === EVENTS.reviewCompleted) for (const e of published) afterReview.add(e);
    events.push(...published);
  }
  if (run.completed_at) events.push({ at: run.completed_at, kind: 'run_ended', description: `Workflow run ended: ${run.status}` });
  if (run.review) events.push({ at: run.review.at, kind: 'review_decided', description: `Review decided: ${run.review.decision} by ${run.review.by}: ${run.review.note}` });
  const order = (e: TimelineEvent) => (e.kind === 'run_created' ? 0 : e.kind === 'run_ended' ? 2 : e.kind === 'review_decided' ? 3 : afterReview.has(e) ? 4 : 1);
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.localeCompare(b.e.at) || order(a.e) - order(b.e) || a.i - b.i).map(({ e }) => e);
}

export async function runTimeline(run: RunItem, tasks: TaskItem[], extra: readonly TimelineEvent[] = []): Promise<TimelineEvent[]> {
  return timelineOf(run, tasks, await recordedEvents(run.id), extra);
}
