/** Reads and deletes of the purge: whole Query results and batched deletes (25 a request, unprocessed keys sent again). */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { queryAll, type Item } from '../store/query-all';

export { queryAll, type Item };

export type Key = { pk: string; sk: string };
const MAX_ROUNDS = 8;

/** The items of a partition whose sort key starts with `prefix` (all of it without one). */
export const partition = (pk: string, prefix?: string) => queryAll({
  ConsistentRead: true, KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
  ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':p': prefix } : {}) },
});

export const keyOf = (item: Item): Key => ({ pk: String(item.pk), sk: String(item.sk) });

/** Deletes the items (deleting one that is gone already is no error); returns how many were asked for. */
export async function deleteItems(keys: Key[]): Promise<number> {
  const table = config().TABLE_NAME;
  for (let i = 0; i < keys.length; i += 25) {
    let pending = keys.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`BatchWriteItem left ${pending.length} delete(s) unprocessed after ${MAX_ROUNDS} rounds`);
      const res = await clients().doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (res.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
  return keys.length;
}
