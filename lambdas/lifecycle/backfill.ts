/**
 * Applicants deleted before purges were scheduled: they have `delete_at` but no due item, so the
 * sweep would never purge them. Once per environment, the sweep walks its applicants (gsi1
 * `APPLICANTS#<env>`, a page per pass, from a cursor `keys.deletionBackfill`) and gives each
 * such applicant its due item at its `delete_at` (past: purged by the same pass), leaving the
 * active list, as DELETE does now. When the walk has reached the end it is marked done: every
 * later DELETE writes its own due item.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds } from '../shared/ids';
import type { PurgeDue } from '../store/applicant-deletion';
import type { Environment } from '../store/applicants';
import { keys } from '../store/table';
import { advanceWalk, readWalkCursor } from '../store/walks';

const table = () => config().TABLE_NAME;
const Deleted = z.object({ id: z.string(), delete_at: z.string() });

/** One page of the walk (at most `limit` applicants read); returns how many purges it scheduled. */
export async function scheduleEarlierDeletions(environment: Environment, now: Date, limit = 1000): Promise<number> {
  const cursorKey = keys.deletionBackfill(environment);
  const cursor = await readWalkCursor(cursorKey);
  if (cursor.done) return 0;
  const page = await clients().doc.send(new QueryCommand({
    TableName: table(), IndexName: 'gsi1', Limit: limit, ExclusiveStartKey: cursor.last_key,
    KeyConditionExpression: 'gsi1pk = :pk', FilterExpression: 'attribute_exists(delete_at)',
    ExpressionAttributeValues: { ':pk': keys.applicants(environment) },
  }));
  let scheduled = 0;
  for (const raw of page.Items ?? []) {
    const { id, delete_at } = Deleted.parse(raw);
    const dueKey = keys.purgeDue(delete_at, id);
    if ((await clients().doc.send(new GetCommand({ TableName: table(), Key: dueKey, ConsistentRead: true }))).Item) continue;
    const due: PurgeDue = {
      applicant_id: id, environment, due_at: delete_at, requested_at: isoSeconds(now), requested_by: { kind: 'deleted_before_scheduling' },
    };
    await clients().doc.send(new TransactWriteCommand({ TransactItems: [
      { Update: {
        TableName: table(), Key: keys.applicant(id), UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'delete_at = :at', ExpressionAttributeValues: { ':at': delete_at },
      } },
      { Put: { TableName: table(), Item: { ...dueKey, ...due }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ] })).then(() => { scheduled++; }, (e: unknown) => {
      // Restored, purged or scheduled meanwhile: nothing left to do for it.
      if (!(e instanceof Error && e.name === 'TransactionCanceledException')) throw e;
    });
  }
  await advanceWalk(cursorKey, page.LastEvaluatedKey);
  return scheduled;
}
