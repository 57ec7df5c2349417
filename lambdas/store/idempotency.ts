/**
 * Idempotency keys (`Idempotency-Key` on the create endpoints), one item per environment and
 * key, kept 24 hours (DynamoDB TTL on `expires_at_epoch`; an expired item not yet deleted counts
 * as absent). A request claims its key with a conditional put (`pending`): of concurrent
 * requests with one key exactly one runs, the others see it pending. The first one's answer is
 * then stored (`done`) and replayed to every retry; a failed attempt releases the key.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { keys } from './table';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** A pending claim older than this was abandoned (the API function times out after 29 s): another attempt may take it. */
export const PENDING_LEASE_MS = 60_000;

export const StoredResponse = z.object({ status: z.number().int(), body: z.string(), headers: z.record(z.string(), z.string()) });
export type StoredResponse = z.infer<typeof StoredResponse>;
const Item = z.object({
  request_hash: z.string(), state: z.enum(['pending', 'done']), lease_until: z.number(), expires_at_epoch: z.number(),
  response: StoredResponse.optional(),
});

export type Claim = { kind: 'claimed' } | { kind: 'pending' } | { kind: 'mismatch' } | { kind: 'done'; response: StoredResponse };

const table = () => config().TABLE_NAME;
const isConditionFailure = (e: unknown) => e instanceof Error && e.name === 'ConditionalCheckFailedException';

export async function claimKey(env: string, keyHash: string, requestHash: string, now: number): Promise<Claim> {
  const nowEpoch = Math.floor(now / 1000);
  try {
    await clients().doc.send(new PutCommand({
      TableName: table(),
      Item: { ...keys.idempotency(env, keyHash), request_hash: requestHash, state: 'pending', lease_until: now + PENDING_LEASE_MS, expires_at_epoch: nowEpoch + IDEMPOTENCY_TTL_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk) OR expires_at_epoch < :now OR (#state = :pending AND request_hash = :hash AND lease_until < :nowMs)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':now': nowEpoch, ':pending': 'pending', ':hash': requestHash, ':nowMs': now },
    }));
    return { kind: 'claimed' };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
  const res = await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.idempotency(env, keyHash), ConsistentRead: true }));
  const item = Item.safeParse(res.Item);
  if (!item.success) return { kind: 'pending' };
  if (item.data.request_hash !== requestHash) return { kind: 'mismatch' };
  if (item.data.state === 'done' && item.data.response) return { kind: 'done', response: item.data.response };
  return { kind: 'pending' };
}

export async function completeKey(env: string, keyHash: string, response: StoredResponse): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.idempotency(env, keyHash), UpdateExpression: 'SET #state = :done, #response = :response',
    ExpressionAttributeNames: { '#state': 'state', '#response': 'response' }, ExpressionAttributeValues: { ':done': 'done', ':response': response },
  }));
}

export async function releaseKey(env: string, keyHash: string): Promise<void> {
  await clients().doc.send(new DeleteCommand({
    TableName: table(), Key: keys.idempotency(env, keyHash), ConditionExpression: '#state = :pending',
    ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':pending': 'pending' },
  })).catch((e: unknown) => { if (!isConditionFailure(e)) throw e; });
}
