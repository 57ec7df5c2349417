/**
 * The review queue's periodic work, one step of each lifecycle sweep (lifecycle/sweep.ts):
 * once per environment, runs that ended `review` before the `review_queue` index existed get its key
 * (a walk of `by_status`'s `review` partition, a page per pass, from a cursor; then marked done);
 * decided reports whose task token was not sent are sent (report-review.ts).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { systemRuntime, type Runtime } from '../shared/ids';
import { enqueueReview } from '../store/reviews';
import { keys } from '../store/table';
import { advanceWalk, readWalkCursor } from '../store/walks';
import { resumeDecidedReports } from './report-review';

const table = () => config().TABLE_NAME;
/** The walk is one for both environments (`by_status` is not per environment): its cursor is kept under `all`. */
const WALK = 'all';

/** One page of the walk (at most `limit` runs read); how many runs entered the queue. */
export async function queueEarlierReviews(limit = 500): Promise<number> {
  const cursorKey = keys.reviewQueueBackfill(WALK);
  const cursor = await readWalkCursor(cursorKey);
  if (cursor.done) return 0;
  const page = await clients().doc.send(new QueryCommand({
    TableName: table(), IndexName: 'by_status', Limit: limit, ExclusiveStartKey: cursor.last_key,
    KeyConditionExpression: '#status = :review', FilterExpression: 'sk = :run AND attribute_not_exists(review) AND attribute_not_exists(review_queue)',
    ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':review': 'review', ':run': keys.run('').sk },
    ProjectionExpression: 'id',
  }));
  let queued = 0;
  for (const item of page.Items ?? []) if (await enqueueReview(String(item.id))) queued++;
  await advanceWalk(cursorKey, page.LastEvaluatedKey);
  return queued;
}

export async function reviewUpkeep(rt: Runtime = systemRuntime): Promise<{ queued: number; reports: Awaited<ReturnType<typeof resumeDecidedReports>> }> {
  const queued = await queueEarlierReviews();
  return { queued, reports: await resumeDecidedReports(rt) };
}
