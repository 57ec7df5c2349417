/** Runs written by the store's own writer (putRun) for tests of status lists, and what lists read for a page. */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { listRuns, ListRunsQuery } from '../../lambdas/runs/list';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { putRun, type Environment } from '../../lambdas/store/runs';
import { keys } from '../../lambdas/store/table';
import { readsOf } from '../helpers/dynamo-reads';

const id = (n: number, hex: string) => `00000000-0000-4000-${hex}-${String(n).padStart(12, '0')}`;

/** `count` new runs (`processing`) of the environment, numbered from `from`, created a second apart ending `before` (ms), oldest first. */
export async function seedRuns(env: Environment, from: number, count: number, before: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => id(from + i, '8000'));
  for (let i = 0; i < count; i += 25) {
    await Promise.all(ids.slice(i, i + 25).map((runId, k) => putRun({
      id: runId, environment: env, applicant_id: id(from + i + k, '9000'), workflow_id: 'wf-status-env', workflow_version_id: 1, tags: [],
      customer_user_id: null, link: { completed_redirect_url: null, expired_redirect_url: null, expires_at: null, language: null },
      custom_data: {}, created_at: new Date(before - (count - i - k) * 1000).toISOString(),
    })));
  }
  return ids;
}

/** Sets the run's status as code from before the environment's status key did (the key, if any, left as it was). */
export async function setStatusAlone(runId: string, status: string): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: keys.run(runId), UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status },
  }));
}

/** The run's item as stored. */
export const storedRun = async (runId: string) => (await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: keys.run(runId), ConsistentRead: true }))).Item ?? {};

/** A page of listRuns, and how many items its Queries read (filtered out or not). */
export async function listCountingReads(query: Record<string, string>, env: Environment = 'sandbox') {
  const reads = await readsOf(() => listRuns(ListRunsQuery.parse(query), env));
  return { ids: reads.value.map((r) => r.id), environments: [...new Set(reads.value.map((r) => r.environment))], scanned: reads.itemsQueried };
}
