/**
 * Index items written before they carried their run's status (store/index-status.ts) get it: once
 * per environment, a step of the lifecycle sweep walks the environment's runs (gsi1 `RUNS#<env>`,
 * a page per pass, from a cursor `keys.resultsIndexBackfill`) and copies each run's status,
 * workflow and trial marker on its index items (syncIndexStatus), then marks the walk done: every
 * index item written since carries them. Until then the search lets items without a status pass
 * its index filter (results/search.ts), so it is right before and during the walk.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { syncIndexStatus } from '../store/index-status';
import type { Environment } from '../store/runs';
import { keys } from '../store/table';

const table = () => config().TABLE_NAME;
const Cursor = z.object({ last_key: z.record(z.string(), z.unknown()).optional(), done: z.boolean().optional() });

/** One page of the walk (at most `limit` runs); how many index items it changed. */
export async function backfillIndexStatus(environment: Environment, limit = 100): Promise<number> {
  const cursorKey = keys.resultsIndexBackfill(environment);
  const cursor = Cursor.parse((await clients().doc.send(new GetCommand({ TableName: table(), Key: cursorKey, ConsistentRead: true }))).Item ?? {});
  if (cursor.done) return 0;
  const page = await clients().doc.send(new QueryCommand({
    TableName: table(), IndexName: 'gsi1', Limit: limit, ExclusiveStartKey: cursor.last_key,
    KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.runs(environment) }, ProjectionExpression: 'id',
  }));
  let changed = 0;
  for (const item of page.Items ?? []) changed += await syncIndexStatus(String(item.id));
  const next = page.LastEvaluatedKey ? { last_key: page.LastEvaluatedKey } : { done: true };
  await clients().doc.send(new PutCommand({ TableName: table(), Item: { ...cursorKey, ...next } }));
  return changed;
}
