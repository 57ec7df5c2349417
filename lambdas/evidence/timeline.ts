/**
 * A run's timeline from what the store holds: the run created, each task started and ended
 * (reports, captures and Send/Receive tasks: the ones with a task record; a Motion task completed
 * with no upload with what the device lacked), every event put on
 * the bus for the run with the answer of each delivery to a webhook of the run's environment
 * (delivered, failed and retried, dead; its attempts and error), the run's end, its review
 * decision, and any `extra` events (the console adds the logic, retry and result tasks of the
 * run's route: lambdas/results/inspect.ts).
 */
import { EVENTS } from '../events/contract';
import type { RunItem } from '../store/runs';
import { partition } from '../lifecycle/items';
import { DEAD_LETTER_PREFIX, keys } from '../store/table';
import type { TaskItem } from '../store/tasks';
import { listWebhooks, type Environment } from '../store/webhooks';

export interface TimelineEvent { at: string; kind: string; description: string }

/** `owner`: the environment of the webhook it went to (webhooks/state.ts; absent on states written before it was kept). */
interface Delivery { status?: string; at?: string; attempts?: number; error?: string; owner?: Environment }
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

/**
 * The webhook of a delivery state (its key is `<webhook id>#<delivery id>`), when it is one of
 * the run's environment's: a live webhook also receives sandbox events (without `environments`,
 * or with both), but its id, answers and errors (its host, its address) are not the sandbox's to
 * see. `owners`: the owner of each webhook that still exists, for states that do not name theirs;
 * a state naming none, of a webhook since deleted, is not shown.
 */
function ownWebhook(key: string, state: Delivery, environment: Environment, owners: ReadonlyMap<string, Environment>): string | undefined {
  const id = key.split('#')[0]!;
  return (state.owner ?? owners.get(id)) === environment ? id : undefined;
}

export function timelineOf(run: RunItem, tasks: TaskItem[], recorded: Recorded[], extra: readonly TimelineEvent[] = [],
  owners: ReadonlyMap<string, Environment> = new Map()): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: run.created_at, kind: 'run_created', description: `Workflow run created (workflow ${run.workflow_id}, version ${run.workflow_version_id})` }];
  for (const t of tasks) {
    events.push({ at: t.created_at, kind: 'task_started', description: `Task ${t.workflow_task_id} (${t.task_type}) started` });
    const ended = ENDED[t.status];
    // A Motion task completed with no upload names what the device lacked (its output is []).
    const lacked = t.motion_unsupported ? ` with no upload: the device cannot run Motion (${t.motion_unsupported.reasons.join(', ')})` : '';
    if (ended) events.push({ at: t.updated_at, kind: `task_${t.status}`, description: `Task ${t.workflow_task_id} (${t.task_type}) ${ended}${lacked}` });
  }
  events.push(...extra);
  const afterReview = new Set<TimelineEvent>();
  for (const r of recorded) {
    const at = r.time ?? run.updated_at;
    const name = r.detail_type ?? r.sk.split('#')[0] ?? r.sk;
    const task = r.sk.includes('#') ? ` for task ${r.sk.slice(r.sk.indexOf('#') + 1)}` : '';
    const published: TimelineEvent[] = [{ at, kind: 'event', description: `Event ${name}${task} published` }];
    for (const [key, state] of Object.entries(r.deliveries ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const webhook = ownWebhook(key, state, run.environment, owners);
      if (webhook !== undefined) published.push({ at: state.at ?? at, kind: 'webhook_delivery', description: `Webhook ${webhook}: ${name} ${answer(state)}` });
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
  const recorded = await recordedEvents(run.id);
  // The webhooks are read only for delivery states that do not name their owner.
  const unnamed = recorded.some((r) => Object.values(r.deliveries ?? {}).some((d) => d.owner === undefined));
  const owners = new Map(unnamed ? (await listWebhooks()).map((w) => [w.id, w.owner] as const) : []);
  return timelineOf(run, tasks, recorded, extra, owners);
}
