/**
 * The review queue on the run items: runs that ended `review` and carry no `review` decision
 * yet, read from `by_status` (`status = review`, in creation order) with the environment and the
 * missing decision as a filter. Assigning and deciding are single conditional updates of the run
 * item, so of two concurrent decisions exactly one is written; the status stays `review`.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isConditionFailure, RunItem, type Environment, type RunReview } from './runs';
import { keys } from './table';

const table = () => config().TABLE_NAME;
/** The run is of the caller's environment, ended `review` and has no decision. */
const OPEN = 'attribute_exists(pk) AND environment = :env AND #status = :review AND attribute_not_exists(review)';
const openValues = (env: Environment) => ({ ':env': env, ':review': 'review' });

export interface QueuePage { runs: RunItem[]; next: string | null }

/** Undecided review runs of an environment, oldest first, `limit` at most, after the key `after` (`<created_at>#<id>`). */
export async function reviewQueue(env: Environment, limit: number, after?: string): Promise<QueuePage> {
  const runs: RunItem[] = [];
  let start: Record<string, unknown> | undefined;
  let last: string | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: table(), IndexName: 'by_status', ExclusiveStartKey: start, Limit: Math.min(400, (limit + 1) * 2),
      KeyConditionExpression: `#status = :review${after ? ' AND gsi1sk > :after' : ''}`,
      FilterExpression: 'sk = :run AND environment = :env AND attribute_not_exists(review)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...openValues(env), ':run': keys.run('').sk, ...(after ? { ':after': after } : {}) },
    }));
    for (const item of res.Items ?? []) {
      if (runs.length === limit) return { runs, next: last ?? null };
      runs.push(RunItem.parse(item));
      last = String(item.gsi1sk);
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return { runs, next: null };
}

/** Whether the update was written (false: the condition failed; the caller reads the run to say why). */
async function conditional(update: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<RunItem | undefined> {
  try {
    const res = await clients().doc.send(new UpdateCommand({ TableName: table(), ReturnValues: 'ALL_NEW', ...update }));
    return RunItem.parse(res.Attributes);
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

/** Assigns an undecided review run to `email`; undefined when the run is not such a run of `env`. */
export function assignReview(id: string, env: Environment, email: string, now: string): Promise<RunItem | undefined> {
  return conditional({
    Key: keys.run(id), ConditionExpression: OPEN,
    UpdateExpression: 'SET assigned_to = :to, updated_at = :now',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ...openValues(env), ':to': email, ':now': now },
  });
}

/** Records the decision on an undecided review run of `env`; undefined when it is not one (or another decision won). */
export function decideReview(id: string, env: Environment, review: RunReview): Promise<RunItem | undefined> {
  return conditional({
    Key: keys.run(id), ConditionExpression: OPEN,
    UpdateExpression: 'SET review = :decision, updated_at = :now',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ...openValues(env), ':decision': review, ':now': review.at },
  });
}
