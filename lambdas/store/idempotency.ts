/**
 * Idempotency keys (`Idempotency-Key` on the create endpoints), one item per environment and
 * key, kept 24 hours (DynamoDB TTL on `expires_at_epoch`; an expired item not yet deleted counts
 * as absent). A request claims its key with a conditional put (`pending`): of concurrent
 * requests with one key exactly one runs, the others see it pending. The first one's answer is
 * then stored (`done`) and replayed to every retry; a failed attempt releases the key.
 * An answer that holds an applicant's resource (the applicant, a run, an upload) is filed under
 * the applicant (gsi2 `keys.idempotencyOfApplicant`, sk `RESOURCE#<id>`): the applicant's purge,
 * or a run's retention, erases it (`erased`: the answer and the request's hash removed, the key
 * kept until its TTL so that a retry is refused rather than run again).
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { keys } from './table';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** A pending claim older than this was abandoned (the API function times out after 29 s): another attempt may take it. */
export const PENDING_LEASE_MS = 60_000;

export const StoredResponse = z.object({ status: z.number().int(), body: z.string(), headers: z.record(z.string(), z.string()) });
export type StoredResponse = z.infer<typeof StoredResponse>;
const Item = z.union([
  z.object({
    request_hash: z.string(), state: z.enum(['pending', 'done']), lease_until: z.number(), expires_at_epoch: z.number(),
    response: StoredResponse.optional(),
  }),
  z.object({ state: z.literal('erased') }),
]);

/** `erased`: the key's answer held a resource of an applicant since purged (any request with the key is refused). */
export type Claim = { kind: 'claimed' } | { kind: 'pending' } | { kind: 'mismatch' } | { kind: 'erased' } | { kind: 'done'; response: StoredResponse };
/** The applicant whose resource (`resourceId`: the applicant itself, a run, an upload) an answer holds. */
export interface Subject { applicantId: string; resourceId: string }

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
  if (item.data.state === 'erased') return { kind: 'erased' };
  if (item.data.request_hash !== requestHash) return { kind: 'mismatch' };
  if (item.data.state === 'done' && item.data.response) return { kind: 'done', response: item.data.response };
  return { kind: 'pending' };
}

/** Stores the answer; `subject`: the applicant's resource it holds, filed under the applicant to be erased with them. */
export async function completeKey(env: string, keyHash: string, response: StoredResponse, subject?: Subject): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.idempotency(env, keyHash),
    UpdateExpression: `SET #state = :done, #response = :response${subject ? ', gsi2pk = :owner, gsi2sk = :resource' : ''}`,
    ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
    ExpressionAttributeValues: {
      ':done': 'done', ':response': response,
      ...(subject ? { ':owner': keys.idempotencyOfApplicant(subject.applicantId), ':resource': resourceKey(subject.resourceId) } : {}),
    },
  }));
}

const resourceKey = (id: string) => `RESOURCE#${id}`;

/**
 * Erases the stored answers holding the applicant's resources (`only`: those of these resource
 * ids, e.g. a run and its uploads at its retention; all of them otherwise): each item keeps its
 * key until its TTL, as `erased`, without answer, request hash or index keys. Returns how many.
 */
export async function eraseIdempotencyOf(applicantId: string, only?: ReadonlySet<string>): Promise<number> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clients().doc.send(new QueryCommand({
      TableName: table(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.idempotencyOfApplicant(applicantId) }, ExclusiveStartKey: start,
    }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const wanted = only ? new Set([...only].map(resourceKey)) : undefined;
  let erased = 0;
  for (const item of items) {
    if (wanted && !wanted.has(String(item.gsi2sk))) continue;
    try {
      await clients().doc.send(new UpdateCommand({
        TableName: table(), Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET #state = :erased REMOVE #response, request_hash, lease_until, gsi2pk, gsi2sk',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' }, ExpressionAttributeValues: { ':erased': 'erased' },
      }));
      erased++;
    } catch (e) {
      if (!isConditionFailure(e)) throw e; // gone meanwhile (its TTL)
    }
  }
  return erased;
}

export async function releaseKey(env: string, keyHash: string): Promise<void> {
  await clients().doc.send(new DeleteCommand({
    TableName: table(), Key: keys.idempotency(env, keyHash), ConditionExpression: '#state = :pending',
    ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':pending': 'pending' },
  })).catch((e: unknown) => { if (!isConditionFailure(e)) throw e; });
}
