/**
 * The dead-letter store: a delivery that failed every attempt, per webhook and event, in the
 * event's run partition (`keys.deadLetter`), with the exact body that was sent and the last
 * error. A later successful delivery of the same event to the webhook (a resend) removes it.
 * The body holds personal data: a dead letter is written only while its run is not purged (one
 * transaction), and a purge deletes the run's dead letters again once it has marked the run
 * (lifecycle/runs.ts), so none outlives the purge.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { keys } from '../store/table';

export const DeadLetter = z.object({
  webhook_id: z.string(),
  event_id: z.string(),
  delivery_id: z.string(),
  action: z.string(),
  record: z.object({ pk: z.string(), sk: z.string() }),
  payload: z.string(),
  last_error: z.string(),
  attempts: z.number().int(),
  created_at: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

/** The run whose event partition (`EVENT#<run id>`) holds the record. */
const runOf = (record: { pk: string }) => keys.run(record.pk.slice(record.pk.indexOf('#') + 1));

/** Writes the dead letter unless its run has been purged since (then nothing is kept); returns whether it was written. */
export async function putDeadLetter(d: DeadLetter): Promise<boolean> {
  const TableName = config().TABLE_NAME;
  try {
    await clients().doc.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName, Item: { ...keys.deadLetter(d.record, d.webhook_id, d.event_id), ...d } } },
      { ConditionCheck: { TableName, Key: runOf(d.record), ConditionExpression: 'attribute_not_exists(purged_at)' } },
    ] }));
    return true;
  } catch (e) {
    if (e instanceof TransactionCanceledException && e.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') return false;
    throw e;
  }
}

export async function getDeadLetter(record: { pk: string }, webhookId: string, eventId: string): Promise<DeadLetter | undefined> {
  const res = await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: keys.deadLetter(record, webhookId, eventId), ConsistentRead: true }));
  return res.Item ? DeadLetter.parse(res.Item) : undefined;
}

export async function deleteDeadLetter(record: { pk: string }, webhookId: string, eventId: string): Promise<void> {
  await clients().doc.send(new DeleteCommand({ TableName: config().TABLE_NAME, Key: keys.deadLetter(record, webhookId, eventId) }));
}
