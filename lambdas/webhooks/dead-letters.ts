/**
 * The dead-letter store: a delivery that failed every attempt, per webhook and event
 * (`keys.deadLetter`), with the exact body that was sent and the last error. A later
 * successful delivery of the same event to the webhook (a resend) removes it.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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

export async function putDeadLetter(d: DeadLetter): Promise<void> {
  await clients().doc.send(new PutCommand({ TableName: config().TABLE_NAME, Item: { ...keys.deadLetter(d.webhook_id, d.event_id), ...d } }));
}

export async function getDeadLetter(webhookId: string, eventId: string): Promise<DeadLetter | undefined> {
  const res = await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: keys.deadLetter(webhookId, eventId), ConsistentRead: true }));
  return res.Item ? DeadLetter.parse(res.Item) : undefined;
}

export async function deleteDeadLetter(webhookId: string, eventId: string): Promise<void> {
  await clients().doc.send(new DeleteCommand({ TableName: config().TABLE_NAME, Key: keys.deadLetter(webhookId, eventId) }));
}
