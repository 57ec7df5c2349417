/**
 * Purging a run's personal data. What stays, for accounting: the run item with its ids
 * (run, applicant, workflow, version, execution), status, error type and dates, and each task's
 * ids, type, status and dates. What goes: the run's custom data, tags, customer user id, link,
 * result (reasons, outputs) and review (decision and note, assignee; the run leaves the review
 * queue for good), every task's input, output, token and report review, the recorded events that
 * resend replays and the webhooks' dead letters of those events, and the Idempotency-Key answers
 * holding the run or an upload its tasks name (store/idempotency.ts). A run still running is
 * stopped first and ends `error` (`execution_aborted`). Purging a purged run changes no data; each purge
 * (also a repeated one) schedules a second look for what functions still running then write (recheck.ts).
 */
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runError } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { publishLifecycle } from '../events/publish';
import { getItems } from '../store/batch';
import { eraseIdempotencyOf } from '../store/idempotency';
import { getRun, isEnded, markRunError, type RunItem } from '../store/runs';
import { PURGE_STOP_ERROR } from '../runs/announce-error';
import { indexKey } from '../store/run-index';
import { DEAD_LETTER_PREFIX, keys } from '../store/table';
import { deleteItems, keyOf, partition, type Item, type Key } from './items';
import { scheduleRecheck } from './recheck';

export const RUN_PURGED = 'workflow_run.purged';

export interface RunPurge { tasks: number; events: number; dead_letters: number; executions_stopped: number; media_ids: string[] }
const EMPTY: RunPurge = { tasks: 0, events: 0, dead_letters: 0, executions_stopped: 0, media_ids: [] };

export async function purgeRun(runId: string, now: string): Promise<RunPurge> {
  const run = await getRun(runId);
  if (!run) return EMPTY;
  const stopped = await stopIfRunning(run, now);
  const tasks = await partition(keys.run(runId).pk, keys.taskPrefix);
  const named = namedIds(tasks.map((t) => [t.input, t.output]));
  const mediaIds = await mediaOf(named);
  // Before the tasks are emptied: retention has removed their uploads' items already, not the ids the tasks name.
  await eraseIdempotencyOf(run.applicant_id, new Set([runId, ...named]));
  for (const t of tasks) {
    await clients().doc.send(new UpdateCommand({
      TableName: config().TABLE_NAME, Key: keyOf(t), UpdateExpression: 'SET purged_at = if_not_exists(purged_at, :now), #input = :empty REMOVE #output, #token, review, review_queue',
      ExpressionAttributeNames: { '#input': 'input', '#output': 'output', '#token': 'token' }, ExpressionAttributeValues: { ':now': now, ':empty': {} },
    }));
  }
  const eventPartition = keys.event(runId, '').pk;
  const [deadLetters, events] = splitDeadLetters(await partition(eventPartition));
  // Dead letters kept before they moved into the run's partition: by webhook and event. Delivery
  // states are keyed `<webhook id>#<delivery id>` (webhooks/state.ts).
  const legacy: Key[] = events.flatMap((e) => [...new Set(Object.keys((e.deliveries ?? {}) as object).map((k) => k.split('#')[0]!))]
    .map((webhook) => keys.legacyDeadLetter(webhook, String(e.event_id))));
  await deleteItems([...legacy, ...deadLetters.map(keyOf)]);
  await deleteItems(events.map(keyOf));
  // The results search index of the run holds the applicant's names and email (store/run-index.ts).
  await deleteItems((await partition(indexKey(runId))).map(keyOf));
  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: keys.run(runId),
    UpdateExpression: 'SET custom_data = :empty, tags = :none, customer_user_id = :null, link = :link, purged_at = if_not_exists(purged_at, :now) REMOVE #result, review, assigned_to, review_queue',
    ExpressionAttributeNames: { '#result': 'result' },
    ExpressionAttributeValues: {
      ':empty': {}, ':none': [], ':null': null, ':now': now,
      ':link': { completed_redirect_url: null, expired_redirect_url: null, expires_at: null, language: null },
    },
  }));
  // A dead letter is written only while the run is unpurged (webhooks/dead-letters.ts): one written
  // before the mark above, after this purge read the partition, is found now.
  const [lateLetters, lateEvents] = splitDeadLetters(await partition(eventPartition));
  await deleteItems([...lateLetters, ...lateEvents].map(keyOf));
  await announce(run);
  await scheduleRecheck(run, now);
  return { tasks: tasks.length, events: events.length + lateEvents.length, dead_letters: deadLetters.length + lateLetters.length, executions_stopped: stopped ? 1 : 0, media_ids: mediaIds };
}

/** A run's event partition: its dead letters, then its recorded events. */
const splitDeadLetters = (items: Item[]): [Item[], Item[]] =>
  [items.filter((i) => String(i.sk).startsWith(DEAD_LETTER_PREFIX)), items.filter((i) => !String(i.sk).startsWith(DEAD_LETTER_PREFIX))];

async function stopIfRunning(run: RunItem, now: string): Promise<boolean> {
  if (isEnded(run.status) || !run.execution_arn) return false;
  let stopped = true;
  try {
    await clients().sfn.send(new StopExecutionCommand({ executionArn: run.execution_arn, error: PURGE_STOP_ERROR, cause: 'The applicant\'s personal data was purged' }));
  } catch (e) {
    if (!(e instanceof Error && e.name === 'ExecutionDoesNotExist')) throw e;
    stopped = false;
  }
  // The execution-events function may mark the stopped run first (its ABORTED event): either way it ends error.
  const marked = await markRunError(run.id, runError('execution_aborted'), now);
  return stopped || marked;
}

/**
 * Ids of the media items the run's tasks name. Retention purges them before `purgeRun` empties
 * the tasks, so that a purge cut short finds them again.
 */
export async function mediaOfRun(runId: string): Promise<string[]> {
  const tasks = await partition(keys.run(runId).pk, keys.taskPrefix);
  return mediaOf(namedIds(tasks.map((t) => [t.input, t.output])));
}

/** Every string anywhere in these task inputs and outputs short enough to be an id (capture outputs are media ids). */
function namedIds(values: unknown[]): string[] {
  const strings = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length <= 100) strings.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(values);
  return [...strings];
}

/** Those of `ids` that name a media item. */
async function mediaOf(ids: string[]): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const items = await getItems(ids.slice(i, i + 100).map((id) => keys.media(id)));
    items.forEach((item, j) => { if (item) found.push(ids[i + j]!); });
  }
  return found;
}

/**
 * `workflow_run.purged` (source `studio.lifecycle`) with ids only: in AWS for whoever keeps
 * copies of runs (a rule of the customer's); the local stack forgets the execution's journal
 * and the events it still holds on it (local/stack/lifecycle.ts).
 */
async function announce(run: RunItem): Promise<void> {
  const detail = { workflow_run_id: run.id, applicant_id: run.applicant_id, execution_arn: run.execution_arn ?? null };
  await publishLifecycle(RUN_PURGED, detail);
}
