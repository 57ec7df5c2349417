/**
 * Completing a waiting task in one transaction with its run: the task moves waiting →
 * completed (exactly once: the condition), the run's task sequence moves on from the value
 * read and takes the live status computed from its tasks (when the run has not ended). A run
 * changed since it was read (another task, the end) cancels the whole, to be read again.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { notEndedCondition } from '../../compiler/runtime-contract';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
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

/** `seq`: the run's task sequence as read; `status`: the run's live status once the task is completed, or undefined when the run has ended. */
export async function completeWithRun(p: { run: RunItem; taskId: string; output: unknown; now: string; status: RunStatus | undefined }): Promise<Completion> {
  const { expression: notEnded, values: endValues } = notEndedCondition();
  const seqCondition = p.run.task_seq === 0 ? '(attribute_not_exists(task_seq) OR task_seq = :seq)' : 'task_seq = :seq';
  const runUpdate = p.status === undefined
    ? { UpdateExpression: 'SET task_seq = :next', ConditionExpression: `attribute_exists(pk) AND ${seqCondition}`, ExpressionAttributeValues: { ':seq': p.run.task_seq, ':next': p.run.task_seq + 1 } }
    : {
      UpdateExpression: 'SET task_seq = :next, #status = :status, updated_at = :now',
      ConditionExpression: `attribute_exists(pk) AND ${seqCondition} AND ${notEnded}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...endValues, ':seq': p.run.task_seq, ':next': p.run.task_seq + 1, ':status': p.status, ':now': p.now },
    };
  try {
    await clients().doc.send(new TransactWriteCommand({
      TransactItems: [
        { Update: {
          TableName: table(), Key: keys.task(p.run.id, p.taskId),
          UpdateExpression: 'SET #status = :completed, #output = :output, updated_at = :now', ConditionExpression: '#status = :waiting',
          ExpressionAttributeNames: { '#status': 'status', '#output': 'output' },
          ExpressionAttributeValues: { ':completed': 'completed', ':output': p.output ?? null, ':now': p.now, ':waiting': 'waiting' },
        } },
        { Update: { TableName: table(), Key: keys.run(p.run.id), ...runUpdate } },
      ],
    }));
    return 'completed';
  } catch (e) {
    if (!(e instanceof TransactionCanceledException)) throw e;
    const [task] = e.CancellationReasons ?? [];
    return task?.Code === 'ConditionalCheckFailed' ? 'not_waiting' : 'run_changed';
  }
}
