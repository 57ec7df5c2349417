/**
 * API tokens: one item per token, keyed by the token's SHA-256 hash (the token itself is never
 * stored), listed per environment on gsi1 in creation order. `last_used_at` is written in the
 * background, at most once a minute per token (a conditional update: across every instance).
 */
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds } from '../shared/ids';
import { createdKey, keys } from './table';

export const ApiTokenItem = z.object({
  hash: z.string(), id: z.string(), environment: z.enum(['sandbox', 'live']), name: z.string(), token_hint: z.string(),
  created_at: z.string(), last_used_at: z.string().optional(),
});
export type ApiTokenItem = z.infer<typeof ApiTokenItem>;

const table = () => config().TABLE_NAME;

export async function putApiToken(t: ApiTokenItem): Promise<void> {
  await clients().doc.send(new PutCommand({
    TableName: table(), Item: { ...keys.apiToken(t.hash), gsi1pk: keys.apiTokens(t.environment), gsi1sk: createdKey(t.created_at, t.id), ...t },
  }));
}

/** The tokens of an environment, oldest first (items written before tokens were listable have no id and are left out). */
export async function listApiTokens(environment: 'sandbox' | 'live'): Promise<ApiTokenItem[]> {
  const out: ApiTokenItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.apiTokens(environment) },
      ExclusiveStartKey: start,
    }));
    for (const item of res.Items ?? []) { const t = ApiTokenItem.safeParse(item); if (t.success) out.push(t.data); }
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Deletes the token `id` of the environment; its hash, or undefined when there is no such token there. */
export async function deleteApiToken(environment: 'sandbox' | 'live', id: string): Promise<string | undefined> {
  const found = (await listApiTokens(environment)).find((t) => t.id === id);
  if (!found) return undefined;
  await clients().doc.send(new DeleteCommand({ TableName: table(), Key: keys.apiToken(found.hash) }));
  return found.hash;
}

export const LAST_USED_EVERY_MS = 60_000;
const lastWritten = new Map<string, number>();
const pending = new Set<Promise<void>>();
/** Background `last_used_at` writes not finished yet (tests await them). */
export const settleTokenUses = async () => { await Promise.all([...pending]); };
export const pendingTokenUses = () => pending.size;

/**
 * Notes a use of the token at `now`, not awaited by the caller: at most one write a minute per
 * token from this process, and the write itself only lands when the stored value is a minute old.
 * Best effort (a failed write is dropped; in Lambda it may finish on the next invocation).
 */
export function noteTokenUse(hash: string, now: number): void {
  const key = `${table()}/${hash}`;
  const last = lastWritten.get(key);
  if (last !== undefined && now - last < LAST_USED_EVERY_MS && now >= last) return;
  if (lastWritten.size >= 10_000) lastWritten.clear();
  lastWritten.set(key, now);
  const write = clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.apiToken(hash), UpdateExpression: 'SET last_used_at = :now',
    ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(last_used_at) OR last_used_at <= :before)',
    ExpressionAttributeValues: { ':now': isoSeconds(new Date(now)), ':before': isoSeconds(new Date(now - LAST_USED_EVERY_MS)) },
  })).then(() => undefined, () => undefined).finally(() => { pending.delete(write); });
  pending.add(write);
}
