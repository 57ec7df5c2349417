/**
 * The review queue on the run items: runs that ended `review` and carry no `review` decision
 * yet. Such a run gets the sparse key `review_queue` (`REVIEW#<env>`, index `review_queue`,
 * sort key `<created_at>#<id>`) when its end is announced (enqueueReview), and the write that
 * records its decision removes it, so the queue reads only undecided runs. Assigning and
 * deciding are conditional writes of the run item, so of two concurrent decisions exactly one
 * is written; the status stays `review`. The decision is written together with the event that
 * announces it (a pending event, store/pending-events.ts), so the event cannot be lost.
 * Reports waiting for an analyst share the queue (their task items carry the key: store/report-reviews.ts).
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { pendingEventPut, type PendingEvent } from './pending-events';
import { isConditionFailure, RunItem, type Environment, type RunReview } from './runs';
import { keys } from './table';
import { TaskItem } from './tasks';

const table = () => config().TABLE_NAME;
/** The run is of the caller's environment, ended `review` and has no decision. */
/** An undecided review run of the environment whose data is still there (a purged run leaves the queue for good). */
const OPEN = 'attribute_exists(pk) AND environment = :env AND #status = :review AND attribute_not_exists(review) AND attribute_not_exists(purged_at)';
const openValues = (env: Environment) => ({ ':env': env, ':review': 'review' });

/** `entries`: in queue order, runs that ended `review` and reports waiting for an analyst (store/report-reviews.ts); `runs`: the runs among them. */
export interface QueuePage { runs: RunItem[]; entries: Array<{ run: RunItem } | { report: TaskItem }>; next: string | null }

/** Undecided review runs and waiting reports of an environment, oldest first, `limit` at most, after the key `after` (`<created_at>#<id>`). */
export async function reviewQueue(env: Environment, limit: number, after?: string): Promise<QueuePage> {
  const res = await clients().doc.send(new QueryCommand({
    TableName: table(), IndexName: 'review_queue', Limit: limit + 1,
    KeyConditionExpression: `review_queue = :queue${after ? ' AND gsi1sk > :after' : ''}`,
    ExpressionAttributeValues: { ':queue': keys.reviewQueue(env), ...(after ? { ':after': after } : {}) },
  }));
  const items = res.Items ?? [];
  const page = items.slice(0, limit);
  const entries = page.map((i): { run: RunItem } | { report: TaskItem } =>
    (String(i.sk).startsWith(keys.taskPrefix) ? { report: TaskItem.parse(i) } : { run: RunItem.parse(i) }));
  return {
    runs: entries.flatMap((e) => ('run' in e ? [e.run] : [])), entries,
    next: items.length > limit ? String(page[page.length - 1]!.gsi1sk) : null,
  };
}

/** Puts a run that ended `review` without a decision in its environment's queue; false when it is not such a run (any more). */
export async function enqueueReview(id: string): Promise<boolean> {
  const item = (await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.run(id), ConsistentRead: true }))).Item;
  if (!item) return false;
  const run = RunItem.parse(item);
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: table(), Key: keys.run(id), ConditionExpression: OPEN,
      UpdateExpression: 'SET review_queue = :queue', ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...openValues(run.environment), ':queue': keys.reviewQueue(run.environment) },
    }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Assigns an undecided review run to `email`; undefined when the run is not such a run of `env`. */
export async function assignReview(id: string, env: Environment, email: string, now: string): Promise<RunItem | undefined> {
  try {
    const res = await clients().doc.send(new UpdateCommand({
      TableName: table(), ReturnValues: 'ALL_NEW', Key: keys.run(id), ConditionExpression: OPEN,
      UpdateExpression: 'SET assigned_to = :to, updated_at = :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...openValues(env), ':to': email, ':now': now },
    }));
    return RunItem.parse(res.Attributes);
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

/**
 * Records the decision on an undecided review run of `env` (leaving the queue) and, in the same
 * transaction, the event announcing it; undefined when it is not such a run (or another decision won).
 */
export async function decideReview(id: string, env: Environment, review: RunReview, event: PendingEvent): Promise<RunItem | undefined> {
  try {
    await clients().doc.send(new TransactWriteCommand({ TransactItems: [
      { Update: {
        TableName: table(), Key: keys.run(id), ConditionExpression: OPEN,
        UpdateExpression: 'SET review = :decision, updated_at = :now REMOVE review_queue',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...openValues(env), ':decision': review, ':now': review.at },
      } },
      pendingEventPut(event),
    ] }));
  } catch (e) {
    if (e instanceof Error && e.name === 'TransactionCanceledException') return undefined;
    throw e;
  }
  const item = (await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.run(id), ConsistentRead: true }))).Item;
  return RunItem.parse(item);
}
