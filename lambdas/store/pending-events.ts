/**
 * Pending events (`keys.pendingEvent`: one partition, oldest first): an event written with the change it announces, in
 * the same transaction where there is one, before the side effect it follows (a task token sent, a request put on the
 * bus), and removed once the event is on the bus (events/pending.ts puts it there at once, or the lifecycle sweep
 * later). A task event holds only the task's ids: its detail (the task's input and output, personal data) is read from
 * the task when it is put on the bus, so nothing of it outlives the task here. An item with `after` waits while that
 * item exists (a report decision whose token has not reached Step Functions yet: store/report-reviews.ts).
 */
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { keys } from './table';

const table = () => config().TABLE_NAME;
const Key = z.object({ pk: z.string(), sk: z.string() });

/** The task a task event is about (its detail is built from the stored task). */
export const PendingTask = z.object({ run_id: z.string(), task_id: z.string(), applicant_id: z.string() });
export type PendingTask = z.infer<typeof PendingTask>;

export const PendingEvent = z.object({
  key: Key,
  detail_type: z.string(),
  /** The detail itself, for events that carry no more than ids and the decision (a review decision, a timeline request). */
  detail: z.unknown().optional(),
  task: PendingTask.optional(),
  /** The same on every copy of the event put on the bus (`dedupe_id` in its detail): the webhook worker sends one. */
  dedupe_id: z.string().optional(),
  /** When the change happened: the event's time on the bus, however late it is put there. */
  time: z.string(),
  after: Key.optional(),
});
export type PendingEvent = z.infer<typeof PendingEvent>;

/** An event pending from `at` (ISO); `ref` makes its key unique (`<at>#<ref>`). */
export const pendingEvent = (at: string, ref: string, e: Omit<PendingEvent, 'key' | 'time'>): PendingEvent =>
  PendingEvent.parse({ ...e, key: keys.pendingEvent(at, ref), time: at });

/** The Put of a pending event, for the transaction of the change it announces (never over an existing one). */
export function pendingEventPut(e: PendingEvent) {
  const { key, ...rest } = e;
  return { Put: { TableName: table(), Item: { ...key, ...rest, attempts: 0, created_at: e.time }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** Items written before events had `time` (review decisions) are read with their `created_at`. */
const Item = z.object({ pk: z.string(), sk: z.string(), time: z.string().optional(), created_at: z.string() }).loose();
function fromItem(raw: unknown): PendingEvent {
  const { pk, sk, time, created_at, ...rest } = Item.parse(raw);
  return PendingEvent.parse({ ...rest, key: { pk, sk }, time: time ?? created_at });
}

/** Pending events written before `bound` (ISO), oldest first, at most `limit`. */
export async function duePendingEvents(bound: string, limit: number): Promise<PendingEvent[]> {
  const res = await clients().doc.send(new QueryCommand({
    TableName: table(), ConsistentRead: true, Limit: limit,
    KeyConditionExpression: 'pk = :pk AND sk < :bound', ExpressionAttributeValues: { ':pk': keys.pendingEvent('', '').pk, ':bound': bound },
  }));
  return (res.Items ?? []).map(fromItem);
}

export async function removePendingEvent(key: PendingEvent['key']): Promise<void> {
  await clients().doc.send(new DeleteCommand({ TableName: table(), Key: key }));
}

/** Whether an item exists (what a pending event waits `after`). */
export async function itemExists(key: PendingEvent['key']): Promise<boolean> {
  return (await clients().doc.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }))).Item !== undefined;
}

/** Notes a failed try on a pending event still there. */
export async function notePendingFailure(key: PendingEvent['key'], error: string, at: string): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: table(), Key: key, ConditionExpression: 'attribute_exists(pk)',
    UpdateExpression: 'ADD attempts :one SET last_error = :error, last_attempt_at = :at',
    ExpressionAttributeValues: { ':one': 1, ':error': error, ':at': at },
  }));
}
