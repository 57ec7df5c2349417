/**
 * Several items of the table in one round trip (BatchGetItem, strongly consistent), for API
 * requests that need a few unrelated items at once (a run's workflow and applicant, a run and
 * its task). Keys DynamoDB leaves unprocessed (throttling) are asked for again.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';

export type ItemKey = { pk: string; sk: string };
type Item = Record<string, unknown>;

const MAX_ROUNDS = 5;
const id = (k: { pk?: unknown; sk?: unknown }) => `${String(k.pk)}\u0000${String(k.sk)}`;

/** The items at `keys` (at most 100, no duplicates), in the same order; undefined where there is none. */
export async function getItems(keys: readonly ItemKey[]): Promise<Array<Item | undefined>> {
  const table = config().TABLE_NAME;
  const found = new Map<string, Item>();
  let pending: Array<Record<string, unknown>> = keys.map((k) => ({ pk: k.pk, sk: k.sk }));
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_ROUNDS) throw new Error(`BatchGetItem left ${pending.length} key(s) unprocessed after ${MAX_ROUNDS} rounds`);
    const res = await clients().doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
    for (const item of res.Responses?.[table] ?? []) found.set(id(item), item);
    pending = res.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return keys.map((k) => found.get(id(k)));
}
