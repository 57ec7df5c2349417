/**
 * The cursors of the lifecycle sweep's one-off walks (lifecycle/backfill.ts,
 * results/index-backfill.ts, results/review-upkeep.ts): where a walk stopped (`last_key`), or
 * that it is `done`. A walk brings data written before some change up to date; every later write
 * is made up to date by the code that writes it, so a done walk stays done. This process
 * therefore remembers the walks it has seen done (per table) and reads their cursors no more:
 * once every walk is done, an idle local sweep (every second on `npm start` then) made 7 such reads of
 * its 10 requests. Tests that rewind a walk (deleting its cursor, as for a table from before it)
 * call forgetFinishedWalks().
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';

export const WalkCursor = z.object({ last_key: z.record(z.string(), z.unknown()).optional(), done: z.boolean().optional() });
export type WalkCursor = z.infer<typeof WalkCursor>;
type Key = { pk: string; sk: string };

const finished = new Set<string>();
const id = (key: Key) => `${config().TABLE_NAME}\0${key.pk}\0${key.sk}`;

/** The walk's cursor (a consistent read), `{ done: true }` without a read once seen done. */
export async function readWalkCursor(key: Key): Promise<WalkCursor> {
  if (finished.has(id(key))) return { done: true };
  const cursor = WalkCursor.parse((await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: key, ConsistentRead: true }))).Item ?? {});
  if (cursor.done) finished.add(id(key));
  return cursor;
}

/** Moves the walk on after a page: to the page's last key, or done when there was none. */
export async function advanceWalk(key: Key, lastEvaluatedKey: Record<string, unknown> | undefined): Promise<void> {
  const next: WalkCursor = lastEvaluatedKey ? { last_key: lastEvaluatedKey } : { done: true };
  await clients().doc.send(new PutCommand({ TableName: config().TABLE_NAME, Item: { ...key, ...next } }));
  if (next.done) finished.add(id(key));
}

/** Forgets which walks were seen done (tests that rewind one). */
export const forgetFinishedWalks = (): void => { finished.clear(); };
