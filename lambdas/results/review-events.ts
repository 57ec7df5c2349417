/**
 * Events written with the change they announce (a review decision: store/reviews.ts), so that
 * a bus that fails does not lose them: the writer tries to put the event on the bus at once and
 * removes its pending item once it is there; what is left (the bus failed, or the writer
 * stopped) is put on the bus by the lifecycle sweep (every 15 minutes in AWS, every 5 seconds
 * locally), oldest first, until it succeeds. Delivery is at least once, as EventBridge's.
 */
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { EVENTS, publish, ReviewCompletedDetail } from '../events/contract';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import type { PendingEvent } from '../store/reviews';
import { keys } from '../store/table';

const table = () => config().TABLE_NAME;
/** A pending event younger than this is left to its writer, which is still trying. */
export const PENDING_GRACE_MS = 30_000;

const PendingItem = z.object({ pk: z.string(), sk: z.string(), detail_type: z.literal(EVENTS.reviewCompleted), detail: ReviewCompletedDetail });

/** The pending item of a review decision. */
export const reviewEvent = (detail: ReviewCompletedDetail): PendingEvent => ({
  key: keys.pendingEvent(detail.at, `${detail.workflow_run_id}#${EVENTS.reviewCompleted}`), detail_type: EVENTS.reviewCompleted, detail: ReviewCompletedDetail.parse(detail),
});

/** Puts a pending event on the bus and removes it; false (logged, kept for the sweep) when the bus refused it. */
export async function publishPending(event: PendingEvent, rt: Runtime = systemRuntime): Promise<boolean> {
  const item = PendingItem.parse({ ...event.key, detail_type: event.detail_type, detail: event.detail });
  try {
    await publish(item.detail_type, item.detail, rt);
  } catch (e) {
    logError(`${item.detail_type} could not be put on the bus; the lifecycle sweep retries it`, e);
    await clients().doc.send(new UpdateCommand({
      TableName: table(), Key: event.key, ConditionExpression: 'attribute_exists(pk)',
      UpdateExpression: 'ADD attempts :one SET last_error = :error, last_attempt_at = :at',
      ExpressionAttributeValues: { ':one': 1, ':error': e instanceof Error ? e.message : String(e), ':at': isoSeconds(rt.now()) },
    })).catch((err: unknown) => logError('recording the failed attempt', err));
    return false;
  }
  await clients().doc.send(new DeleteCommand({ TableName: table(), Key: event.key }));
  return true;
}

/** Puts on the bus the pending events older than the grace period, at most `limit`; how many were put. */
export async function deliverPendingEvents(rt: Runtime = systemRuntime, limit = 100): Promise<{ delivered: number; failed: number }> {
  const bound = new Date(rt.now().getTime() - PENDING_GRACE_MS).toISOString();
  const res = await clients().doc.send(new QueryCommand({
    TableName: table(), ConsistentRead: true, Limit: limit,
    KeyConditionExpression: 'pk = :pk AND sk < :bound', ExpressionAttributeValues: { ':pk': keys.pendingEvent('', '').pk, ':bound': bound },
  }));
  const out = { delivered: 0, failed: 0 };
  for (const raw of res.Items ?? []) {
    const item = PendingItem.parse(raw);
    if (await publishPending({ key: { pk: item.pk, sk: item.sk }, detail_type: item.detail_type, detail: item.detail }, rt)) out.delivered++;
    else out.failed++;
  }
  return out;
}
