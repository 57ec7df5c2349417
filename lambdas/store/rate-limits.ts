/**
 * Fixed-window rate limits kept in DynamoDB, so that every Lambda instance counts the same
 * requests: one item per key and window (`RATE#<name>#<key>`, sort key the window's start),
 * counted with a conditional `ADD` and removed by TTL after the window. A request that would
 * exceed the limit is refused with the seconds until the window ends (`Retry-After`).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { keys, TABLE_KEYS } from './table';

export interface RateLimit { name: string; limit: number; windowSeconds: number }
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one request for `key` at `now`; refuses it (without counting) when the window is full. */
export async function takeSlot(rule: RateLimit, key: string, now: Date): Promise<RateDecision> {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % rule.windowSeconds);
  const end = start + rule.windowSeconds;
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: config().TABLE_NAME, Key: keys.rateLimit(rule.name, key, start),
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#ttl': TABLE_KEYS.ttlAttribute },
      ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':ttl': end + 60 },
    }));
    return { allowed: true };
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return { allowed: false, retryAfterSeconds: Math.max(1, end - seconds) };
    throw e;
  }
}
