/**
 * Reports waiting for an analyst (`processing: manual | hybrid`, compiler/lower/report-review.ts):
 * the stored report task itself waits (status `waiting`, the review state's task token) and
 * enters the review queue (the sparse `review_queue` key on the task item, sort key
 * `<waiting since>#<run id>`, beside the runs that ended `review`: store/reviews.ts). The decision
 * is one transaction: the task (still waiting, undecided: so exactly one decision is written)
 * completed with the decided report and out of the queue, the run checked (the caller's
 * environment, not ended), a pending item holding the token and what to send Step Functions,
 * removed once it is sent (results/report-review.ts; the lifecycle sweep sends what is left), and the
 * pending `workflow_task.completed` announcing the decision (store/pending-events.ts), which waits
 * while the token's item is there.
 */
import { DeleteCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { notEndedCondition } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { pendingEventPut, type PendingEvent } from './pending-events';
import { isConditionFailure, type Environment } from './runs';
import { keys } from './table';
import { listTasks, type ReportReview } from './tasks';

const table = () => config().TABLE_NAME;

/** Marks a stored report waiting for an analyst with the review state's token, in the queue of `env` (again, if a
 *  retried invoke or a re-entered state records it anew: the newest token is the live one). */
export async function awaitReview(p: { runId: string; taskId: string; env: Environment; token: string; processing: 'manual' | 'hybrid'; keep?: string[][]; now: string }): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.task(p.runId, p.taskId), ConditionExpression: 'attribute_exists(pk) AND kind = :report',
    UpdateExpression: `SET #status = :waiting, #token = :token, processing = :processing, review_queue = :queue, gsi1sk = :sk, updated_at = :now${p.keep ? ', keep = :keep' : ''} REMOVE review`,
    ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
    ExpressionAttributeValues: {
      ':report': 'report', ':waiting': 'waiting', ':token': p.token, ':processing': p.processing, ':queue': keys.reviewQueue(p.env),
      ':sk': `${p.now}#${p.runId}`, ':now': p.now, ...(p.keep ? { ':keep': p.keep } : {}),
    },
  }));
}

/** What the decision sends Step Functions, kept until sent. */
export const PendingDecision = z.object({
  pk: z.string(), sk: z.string(), run_id: z.string(), task_id: z.string(), token: z.string(), output: z.string(), created_at: z.string(),
});
export type PendingDecision = z.infer<typeof PendingDecision>;

/** The pending item of a decision's token, by its run, task and time. */
export const decisionKey = (runId: string, taskId: string, at: string) => keys.pendingReportDecision(at, `${runId}#${taskId}`);

/** Records the decision (see the header) with `event`, the pending event announcing it; undefined when a condition refused it (the caller reads why). */
export async function decideReport(p: { runId: string; taskId: string; env: Environment; token: string; review: ReportReview; report: unknown; handed: unknown; event: PendingEvent }): Promise<PendingDecision | undefined> {
  const pending: PendingDecision = {
    ...decisionKey(p.runId, p.taskId, p.review.at), run_id: p.runId, task_id: p.taskId, token: p.token,
    output: JSON.stringify(p.handed), created_at: p.review.at,
  };
  const { expression: notEnded, values: endValues } = notEndedCondition();
  try {
    await clients().doc.send(new TransactWriteCommand({ TransactItems: [
      { Update: {
        TableName: table(), Key: keys.task(p.runId, p.taskId),
        ConditionExpression: '#status = :waiting AND #token = :token AND attribute_not_exists(review)',
        UpdateExpression: 'SET #status = :completed, #output = :report, review = :review, updated_at = :now REMOVE review_queue',
        ExpressionAttributeNames: { '#status': 'status', '#token': 'token', '#output': 'output' },
        ExpressionAttributeValues: { ':waiting': 'waiting', ':token': p.token, ':completed': 'completed', ':report': p.report, ':review': p.review, ':now': p.review.at },
      } },
      { ConditionCheck: {
        TableName: table(), Key: keys.run(p.runId), ConditionExpression: `environment = :env AND ${notEnded}`,
        ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':env': p.env, ...endValues },
      } },
      { Put: { TableName: table(), Item: pending, ConditionExpression: 'attribute_not_exists(pk)' } },
      pendingEventPut(p.event),
    ] }));
    return pending;
  } catch (e) {
    if (e instanceof Error && e.name === 'TransactionCanceledException') return undefined;
    throw e;
  }
}

/** The decision reached Step Functions (or never can): its pending item goes. */
export async function removePending(d: Pick<PendingDecision, 'pk' | 'sk'>): Promise<void> {
  await clients().doc.send(new DeleteCommand({ TableName: table(), Key: { pk: d.pk, sk: d.sk } }));
}

/** Pending decisions written before `bound` (ISO), oldest first, at most `limit`. */
export async function pendingDecisions(bound: string, limit: number): Promise<PendingDecision[]> {
  const res = await clients().doc.send(new QueryCommand({
    TableName: table(), ConsistentRead: true, Limit: limit,
    KeyConditionExpression: 'pk = :pk AND sk < :bound', ExpressionAttributeValues: { ':pk': keys.pendingReportDecision('', '').pk, ':bound': bound },
  }));
  return (res.Items ?? []).map((i) => PendingDecision.parse(i));
}

/** A waiting report whose token Step Functions no longer accepts (its review timed out): out of the queue, `timed_out`
 *  (a decision already written stays on it). */
export async function closeReview(runId: string, taskId: string, now: string): Promise<void> {
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: table(), Key: keys.task(runId, taskId), ConditionExpression: '#status = :waiting OR attribute_exists(review)',
      UpdateExpression: 'SET #status = :timed_out, updated_at = :now REMOVE review_queue',
      ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':waiting': 'waiting', ':timed_out': 'timed_out', ':now': now },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** When a run ends: its reports still waiting for a review (it timed out, or the run stopped) leave the queue. */
export async function closeReviewsOfRun(runId: string, now: string): Promise<number> {
  const waiting = (await listTasks(runId)).filter((t) => t.kind === 'report' && t.status === 'waiting' && t.review_queue);
  for (const t of waiting) await closeReview(runId, t.id, now);
  return waiting.length;
}
