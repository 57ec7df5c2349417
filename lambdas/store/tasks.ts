/**
 * Workflow tasks: items under their run's partition (`keys.task`), so a run's tasks are one
 * Query. A waiting task holds the Step Functions task token; it is completed exactly once by a
 * conditional write (waiting → completed).
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { keys } from './table';

export const TaskKind = z.enum(['interactive', 'send_receive', 'report']);
export type TaskKind = z.infer<typeof TaskKind>;
export const TaskStatus = z.enum(['waiting', 'completed', 'timed_out', 'failed']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** The analyst's decision on a `manual` / `hybrid` report (store/report-reviews.ts), also on the report as `review`. */
export const ReportReview = z.object({
  decision: z.enum(['clear', 'consider']), note: z.string(), by: z.string(), at: z.string(), automatic_result: z.enum(['clear', 'consider']),
});
export type ReportReview = z.infer<typeof ReportReview>;

export const TaskItem = z.object({
  id: z.string(),
  workflow_run_id: z.string(),
  /** The task's id in the workflow definition (`document`, `risk`...). */
  workflow_task_id: z.string(),
  task_type: z.string(),
  kind: TaskKind,
  task_def_id: z.string(),
  task_def_version: z.string().nullable(),
  status: TaskStatus,
  token: z.string().optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  input: z.unknown(),
  output: z.unknown().optional(),
  /** The output's fields the workflow reads (a profile capture's, received data): all Step Functions gets of the
   *  output, with the task's `id` (TaskRequest `keep`). Absent: the whole output. */
  keep: z.array(z.array(z.string())).optional(),
  /** A report waiting for (`review_queue` set: store/report-reviews.ts) or decided by an analyst (`review`). */
  processing: z.enum(['manual', 'hybrid']).optional(),
  review_queue: z.string().optional(),
  review: ReportReview.optional(),
  /** Whether `workflow_task.started` went out (a retried invoke sends it if the first did not). */
  announced: z.boolean().default(false),
  /** When the state's wait times out (its TimeoutSeconds after the task was recorded): the run then leaves the task. */
  deadline_at: z.string().optional(),
  /** A waiting task's state entry (TaskRequest `entered_at`) and the retry of it whose token the task holds (`attempt`):
   *  a retry of the same entry takes the task over with its new token (tasks/handler.ts). Absent from tasks stored by
   *  machines compiled before them, and from reports. */
  entered_at: z.string().optional(),
  attempt: z.number().int().optional(),
  /** A Motion task completed with no upload: what the device lacked (tasks/motion.ts); its output is `[]`. */
  motion_unsupported: z.object({ reasons: z.array(z.string()) }).optional(),
  /** Set by the run's purge (lifecycle/runs.ts), which empties the task. */
  purged_at: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TaskItem = z.infer<typeof TaskItem>;

const table = () => config().TABLE_NAME;

/** Writes a task unless one with this id exists; returns whether it was new. */
/**
 * Writes the task unless it exists or its run is purged (a report that was still working
 * when the run's data was purged must not write its output back); false when not written.
 */
export async function putTaskOnce(task: TaskItem): Promise<boolean> {
  try {
    await clients().doc.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: table(), Item: { ...keys.task(task.workflow_run_id, task.id), ...task }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { ConditionCheck: { TableName: table(), Key: keys.run(task.workflow_run_id), ConditionExpression: 'attribute_not_exists(purged_at)' } },
    ] }));
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'TransactionCanceledException') return false;
    throw e;
  }
}

export async function getTask(runId: string, taskId: string): Promise<TaskItem | undefined> {
  const res = await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.task(runId, taskId), ConsistentRead: true }));
  return res.Item ? TaskItem.parse(res.Item) : undefined;
}

/** Creation order (then id) of a run's tasks. */
export const byCreation = (a: TaskItem, b: TaskItem) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);

/** Every task of a run, in creation order. */
export async function listTasks(runId: string): Promise<TaskItem[]> {
  const items: TaskItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: table(), ConsistentRead: true, ExclusiveStartKey: start,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.run(runId).pk, ':prefix': keys.taskPrefix },
    }));
    items.push(...(res.Items ?? []).map((i) => TaskItem.parse(i)));
    start = res.LastEvaluatedKey;
  } while (start);
  return items.sort(byCreation);
}

/** After a completion was accepted but Step Functions refused it: record why (task no longer waits). Only while the task
 *  holds `token`, the one refused; false when a retried state took the task over since (tasks/handler.ts). */
export async function markTask(runId: string, taskId: string, status: TaskStatus, now: string, token: string | undefined): Promise<boolean> {
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: table(), Key: keys.task(runId, taskId),
      UpdateExpression: 'SET #status = :status, updated_at = :now REMOVE #output',
      ...(token === undefined ? {} : { ConditionExpression: '#token = :token' }),
      ExpressionAttributeNames: { '#status': 'status', '#output': 'output', ...(token === undefined ? {} : { '#token': 'token' }) },
      ExpressionAttributeValues: { ':status': status, ':now': now, ...(token === undefined ? {} : { ':token': token }) },
    }));
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Hands a task over to a newer token of the same state entry (the state was retried): only from the token and status
 *  read (`waiting`, or `completed` by a completion Step Functions refused while the retry was coming: tasks/complete.ts);
 *  false when either changed meanwhile. */
export async function repointTask(p: { runId: string; taskId: string; from: string; to: string; attempt: number | undefined; status?: 'waiting' | 'completed' }): Promise<boolean> {
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: table(), Key: keys.task(p.runId, p.taskId),
      ConditionExpression: '#status = :status AND #token = :from',
      UpdateExpression: `SET #token = :to${p.attempt === undefined ? '' : ', attempt = :attempt'}`,
      ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
      ExpressionAttributeValues: { ':status': p.status ?? 'waiting', ':from': p.from, ':to': p.to, ...(p.attempt === undefined ? {} : { ':attempt': p.attempt }) },
    }));
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function setAnnounced(runId: string, taskId: string): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.task(runId, taskId), UpdateExpression: 'SET announced = :yes', ExpressionAttributeValues: { ':yes': true },
  }));
}
