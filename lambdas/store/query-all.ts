/** Every item a Query answers, all pages (the purge's reads, lifecycle/items.ts, and store/uploads-of.ts). */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';

export type Item = Record<string, unknown>;

export async function queryAll(q: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const out: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({ TableName: config().TABLE_NAME, ...q, ExclusiveStartKey: start }));
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}
