/**
 * Pages of a collection kept in a global secondary index. The index is read for keys only
 * (whatever its projection, the table's keys are in it) to count the collection and find the
 * page's window; the items of the window are then read from the table in one BatchGet.
 */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';

export interface Page<T> { total: number; items: T[] }
/** `without`: an attribute whose items are left out of the collection (counted and paged without them). */
export interface IndexQuery { name: string; pk: string; value: string; without?: string }
type Key = { pk: string; sk: string };
type Item = Record<string, unknown>;

export async function pageOfIndex(index: IndexQuery, opts: { offset: number; limit: number; newestFirst: boolean }): Promise<Page<Item>> {
  const window: Key[] = [];
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, IndexName: index.name, ScanIndexForward: !opts.newestFirst,
      KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': index.pk, '#pk': 'pk', '#sk': 'sk', ...(index.without ? { '#w': index.without } : {}) },
      ExpressionAttributeValues: { ':v': index.value }, ProjectionExpression: '#pk, #sk', ExclusiveStartKey: start,
      ...(index.without ? { FilterExpression: 'attribute_not_exists(#w)' } : {}),
    }));
    for (const key of (out.Items ?? []) as Key[]) {
      if (total >= opts.offset && window.length < opts.limit) window.push({ pk: key.pk, sk: key.sk });
      total++;
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return { total, items: await getMany(window) };
}

/** The items of `keys` in that order (BatchGet answers in any order and may leave some for later). */
export async function getMany(wanted: Key[]): Promise<Item[]> {
  const found = new Map<string, Item>();
  for (let i = 0; i < wanted.length; i += 100) {
    let pending: Key[] = wanted.slice(i, i + 100);
    while (pending.length > 0) {
      const out = await clients().doc.send(new BatchGetCommand({ RequestItems: { [config().TABLE_NAME]: { Keys: pending } } }));
      for (const item of out.Responses?.[config().TABLE_NAME] ?? []) found.set(`${String(item.pk)}|${String(item.sk)}`, item);
      pending = (out.UnprocessedKeys?.[config().TABLE_NAME]?.Keys ?? []) as Key[];
    }
  }
  return wanted.flatMap((k): Item[] => { const item = found.get(`${k.pk}|${k.sk}`); return item ? [item] : []; });
}
