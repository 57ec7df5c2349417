/**
 * Index items written before they carried their run's status (store/index-status.ts) get it: once
 * per environment, a step of the lifecycle sweep walks the environment's runs (gsi1 `RUNS#<env>`,
 * a page per pass, from a cursor `keys.resultsIndexBackfill`) and copies each run's status,
 * workflow and trial marker on its index items (syncIndexStatus), then marks the walk done: every
 * index item written since carries them. Until then the search lets items without a status pass
 * its index filter (results/search.ts), so it is right before and during the walk.
 *
 * A second walk (backfillNameKeys, cursor `keys.resultsNameKeysBackfill`) gives runs indexed
 * before full names had keys of their own (`NAME#zoe ang`, store/run-index.ts) those keys, made
 * from the names their name items carry, in a transaction conditional on those items not renamed
 * since (results/reindex.ts). Until it is done the search reads a longer prefix's first-word key
 * (nameKeysReady), as it did before: slower, but it finds every run.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { syncIndexStatus, writeIndexItems } from '../store/index-status';
import { applicantIndexItems, indexKey } from '../store/run-index';
import type { Environment } from '../store/runs';
import { keys } from '../store/table';
import { advanceWalk, readWalkCursor } from '../store/walks';

const table = () => config().TABLE_NAME;

/**
 * One page (at most `limit` runs) of the walk whose cursor is `cursorKey` over the environment's
 * runs (gsi1 `RUNS#<env>`): `perRun` on each, then the cursor moves on (or the walk is done).
 * Returns the sum of `perRun`'s counts, or undefined once the walk is done.
 */
async function walkPage(cursorKey: { pk: string; sk: string }, environment: Environment, limit: number, perRun: (runId: string) => Promise<number>): Promise<number | undefined> {
  const cursor = await readWalkCursor(cursorKey);
  if (cursor.done) return undefined;
  const page = await clients().doc.send(new QueryCommand({
    TableName: table(), IndexName: 'gsi1', Limit: limit, ExclusiveStartKey: cursor.last_key,
    KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.runs(environment) }, ProjectionExpression: 'id',
  }));
  let count = 0;
  for (const item of page.Items ?? []) count += await perRun(String(item.id));
  await advanceWalk(cursorKey, page.LastEvaluatedKey);
  return count;
}

/** One page of the walk (at most `limit` runs); how many index items it changed. */
export async function backfillIndexStatus(environment: Environment, limit = 100): Promise<number> {
  return (await walkPage(keys.resultsIndexBackfill(environment), environment, limit, syncIndexStatus)) ?? 0;
}

const NameItem = z.object({ pk: z.string(), sk: z.string(), n_first: z.string(), n_last: z.string(), n_full: z.string() });

/** Writes the name keys a run's index lacks (made from its name items' names); how many. */
async function addNameKeys(runId: string): Promise<number> {
  const res = await clients().doc.send(new QueryCommand({
    TableName: table(), ConsistentRead: true, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :name)',
    ExpressionAttributeValues: { ':pk': indexKey(runId), ':name': 'NAME#' }, ProjectionExpression: 'pk, sk, n_first, n_last, n_full',
  }));
  const items = res.Items ?? [];
  const parsed = NameItem.safeParse(items[0]);
  if (!parsed.success) return 0;
  const source = parsed.data;
  const have = new Set(items.map((i) => String(i.sk)));
  let added = 0;
  await writeIndexItems(runId, (run) => {
    const puts = applicantIndexItems(run, { first_name: source.n_first, last_name: source.n_last })
      .filter((i) => i.sk.startsWith('NAME#') && !have.has(i.sk));
    added = puts.length;
    if (puts.length === 0) return { puts };
    // Renamed meanwhile: its keys are the new name's (a later pass reads them again).
    return { puts, checks: [{ key: { pk: source.pk, sk: source.sk }, expression: 'n_full = :full', values: { ':full': source.n_full } }] };
  });
  return added;
}

/** Up to `pages` pages of `limit` runs of the name-key walk; how many index items it wrote. */
export async function backfillNameKeys(environment: Environment, limit = 100, pages = 5): Promise<number> {
  let added = 0;
  for (let p = 0; p < pages; p++) {
    const n = await walkPage(keys.resultsNameKeysBackfill(environment), environment, limit, addNameKeys);
    if (n === undefined) break;
    added += n;
  }
  return added;
}

/** Whether every run of the environment has its full-name keys (the walk is done; final, so kept once seen: store/walks.ts). */
export async function nameKeysReady(environment: Environment): Promise<boolean> {
  return (await readWalkCursor(keys.resultsNameKeysBackfill(environment))).done === true;
}
