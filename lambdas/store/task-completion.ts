/**
 * A task change in one transaction with its run: a new waiting task (the task function) or a
 * waiting task completed (exactly once: the condition); the run's task sequence moves on from
 * the value read and takes the live status computed from its tasks (when the run has not
 * ended). A run changed since it was read (another task, the end) cancels the whole, to be
 * read again. Same rule as runs/status.ts: the last change of the sequence writes the status.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { notEndedCondition, runStatusKey } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { pendingEventPut, type PendingEvent } from './pending-events';
import { RunItem, type RunStatus } from './runs';
import { keys } from './table';
import { TaskItem } from './tasks';

const table = () => config().TABLE_NAME;

/** The run and all its tasks (one partition): one strongly consistent query. */
export async function getRunWithTasks(runId: string): Promise<{ run: RunItem | undefined; tasks: TaskItem[] }> {
  let run: RunItem | undefined;
  const tasks: TaskItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: table(), ConsistentRead: true, ExclusiveStartKey: start,
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.run(runId).pk },
    }));
    for (const item of res.Items ?? []) {
      if (item.sk === keys.run(runId).sk) run = RunItem.parse(item);
      else if (String(item.sk).startsWith(keys.taskPrefix)) tasks.push(TaskItem.parse(item));
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return { run, tasks };
}

export type Completion = 'completed' | 'not_waiting' | 'run_changed';

/** Completes a waiting task with its run. `status`: the run's live status once the task is completed, undefined when the run has ended.
 *  `event`: the pending event announcing it (store/pending-events.ts), written in the same transaction. `token`: the token the
 *  completion read, which the task must still hold (a retried state takes the task over with a new one: store/tasks.ts
 *  repointTask); a task that changed either way is `not_waiting`, for the caller to read again. */
export async function completeWithRun(p: { run: RunItem; taskId: string; output: unknown; now: string; status: RunStatus | undefined; event?: PendingEvent;
  motionUnsupported?: TaskItem['motion_unsupported']; token?: string | undefined }): Promise<Completion> {
  const done = await withRun(p.run, p.now, p.status, p.event ? [pendingEventPut(p.event)] : [], { Update: {
    TableName: table(), Key: keys.task(p.run.id, p.taskId),
    UpdateExpression: `SET #status = :completed, #output = :output, updated_at = :now${p.motionUnsupported ? ', motion_unsupported = :mu' : ''}`,
    ConditionExpression: p.token === undefined ? '#status = :waiting' : '#status = :waiting AND #token = :token',
    ExpressionAttributeNames: { '#status': 'status', '#output': 'output', ...(p.token === undefined ? {} : { '#token': 'token' }) },
    ExpressionAttributeValues: { ':completed': 'completed', ':output': p.output ?? null, ':now': p.now, ':waiting': 'waiting',
      ...(p.motionUnsupported ? { ':mu': p.motionUnsupported } : {}), ...(p.token === undefined ? {} : { ':token': p.token }) },
  } });
  return done === 'task_refused' ? 'not_waiting' : done === 'done' ? 'completed' : 'run_changed';
}

/** Records a new task with its run (the task function). `status`: the run's live status with the task, undefined when the run has ended. */
export async function putTaskWithRun(p: { run: RunItem; task: TaskItem; now: string; status: RunStatus | undefined }): Promise<'created' | 'exists' | 'run_changed'> {
  const done = await withRun(p.run, p.now, p.status, [], { Put: {
    TableName: table(), Item: { ...keys.task(p.run.id, p.task.id), ...p.task }, ConditionExpression: 'attribute_not_exists(pk)',
  } });
  return done === 'task_refused' ? 'exists' : done === 'done' ? 'created' : 'run_changed';
}

type TaskWrite = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One transaction: the task write, and the run's task sequence moved on from the value read (with its live status unless ended); `also` after them. */
async function withRun(run: RunItem, now: string, status: RunStatus | undefined, also: TaskWrite[], task: TaskWrite): Promise<'done' | 'task_refused' | 'run_changed'> {
  const { expression: notEnded, values: endValues } = notEndedCondition();
  const seqCondition = run.task_seq === 0 ? '(attribute_not_exists(task_seq) OR task_seq = :seq)' : 'task_seq = :seq';
  const runUpdate = status === undefined
    ? { UpdateExpression: 'SET task_seq = :next', ConditionExpression: `attribute_exists(pk) AND ${seqCondition}`, ExpressionAttributeValues: { ':seq': run.task_seq, ':next': run.task_seq + 1 } }
    : {
      UpdateExpression: 'SET task_seq = :next, #status = :status, env_status = :key, updated_at = :now',
      ConditionExpression: `attribute_exists(pk) AND environment = :env AND ${seqCondition} AND ${notEnded}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ...endValues, ':seq': run.task_seq, ':next': run.task_seq + 1, ':status': status, ':key': runStatusKey(run.environment, status), ':env': run.environment, ':now': now,
      },
    };
  try {
    await clients().doc.send(new TransactWriteCommand({ TransactItems: [task, { Update: { TableName: table(), Key: keys.run(run.id), ...runUpdate } }, ...also] }));
    return 'done';
  } catch (e) {
    if (!(e instanceof TransactionCanceledException)) throw e;
    const [taskReason] = e.CancellationReasons ?? [];
    return taskReason?.Code === 'ConditionalCheckFailed' ? 'task_refused' : 'run_changed';
  }
}
