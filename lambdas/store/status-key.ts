/**
 * A run's status within its environment, `env_status` = `<environment>#<status>`
 * (compiler/runtime-contract.ts runStatusKey): the key of the index `by_env_status`, which status
 * lists read (runs/list.ts, results/search.ts: `statusSource`) so that one environment's runs
 * never cost the other's reads. Every write of a run's status writes it in the same update
 * (store/runs.ts, store/task-completion.ts, compiler/lower/result.ts). Two kinds of runs lack it
 * or carry a stale one, and get it here:
 *  - runs written before it: the lifecycle sweep's one-off walk of each environment's runs (gsi1
 *    `RUNS#<env>`, pages of their status and key, from the cursor `keys.statusKeysBackfill`; the
 *    stale ones updated 25 to a round trip, each conditional on the status read). Until the walk
 *    of an environment is done its status lists read `by_status` as before, filtered on the
 *    environment (statusKeysReady), so they are right before, during and after the walk;
 *  - runs ended by a state machine compiled before it (a run keeps the machine version it started
 *    on, which writes the status alone): when the end reaches the evidence function
 *    (store/index-status.ts syncIndexStatus calls syncStatusKey with the run it read). Until then
 *    such a run stays under its last live status's key, where lists check its status and drop it:
 *    it is missing from its end's list for that moment, never listed under a status it left.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { runStatusKey } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import type { Environment } from './runs';
import { updateEach } from './statements';
import { keys } from './table';
import { advanceWalk, readWalkCursor } from './walks';

const table = () => config().TABLE_NAME;

/** What a status list reads for one status: its environment's key once every run has it, else the shared by_status. */
export interface StatusSource { index: 'by_env_status' | 'by_status'; pk: 'env_status' | 'status'; value: string }

/** Whether every run of the environment has its `env_status` (the walk is done; final, so kept once seen: store/walks.ts). */
export async function statusKeysReady(env: Environment): Promise<boolean> {
  return (await readWalkCursor(keys.statusKeysBackfill(env))).done === true;
}

/** The sources of a status list of the environment, one per status. */
export async function statusSources(env: Environment, statuses: readonly string[]): Promise<StatusSource[]> {
  const ready = await statusKeysReady(env);
  return [...new Set(statuses)].map((s) => (ready
    ? { index: 'by_env_status', pk: 'env_status', value: runStatusKey(env, s) }
    : { index: 'by_status', pk: 'status', value: s }));
}

const RunStatusRow = z.object({ id: z.string(), environment: z.enum(['sandbox', 'live']), status: z.string(), env_status: z.string().optional() });
export type RunStatusRow = z.infer<typeof RunStatusRow>;

/** Gives the run the key of the status read, unless it has it or its status changed since; whether it wrote. */
export async function syncStatusKey(run: RunStatusRow): Promise<boolean> {
  const key = runStatusKey(run.environment, run.status);
  if (run.env_status === key) return false;
  return clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.run(run.id), UpdateExpression: 'SET env_status = :key',
    ConditionExpression: '#status = :status AND environment = :env',
    ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':key': key, ':status': run.status, ':env': run.environment },
  })).then(() => true, (e: unknown) => {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return false; // its status changed: that write set the key
    throw e;
  });
}

/**
 * Up to `pages` pages of `limit` runs of the environment's walk; how many runs it gave their key.
 * A run whose status changes meanwhile is left to that write (the update is conditional on it).
 */
export async function backfillStatusKeys(env: Environment, limit = 500, pages = 4): Promise<number> {
  const cursorKey = keys.statusKeysBackfill(env);
  let written = 0;
  let cursor = await readWalkCursor(cursorKey);
  for (let p = 0; p < pages && !cursor.done; p++) {
    const page = await clients().doc.send(new QueryCommand({
      TableName: table(), IndexName: 'gsi1', Limit: limit, ExclusiveStartKey: cursor.last_key,
      KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.runs(env) },
      ProjectionExpression: 'id, environment, #status, env_status', ExpressionAttributeNames: { '#status': 'status' },
    }));
    const stale = (page.Items ?? []).map((i) => RunStatusRow.parse(i)).filter((r) => r.env_status !== runStatusKey(r.environment, r.status));
    const statement = `UPDATE "${table()}" SET "env_status" = ? WHERE "pk" = ? AND "sk" = ? AND "status" = ? AND "environment" = ?`;
    written += await updateEach(stale.map((r) => ({
      Statement: statement, Parameters: [runStatusKey(r.environment, r.status), keys.run(r.id).pk, keys.run(r.id).sk, r.status, r.environment],
    })));
    await advanceWalk(cursorKey, page.LastEvaluatedKey);
    cursor = page.LastEvaluatedKey ? { last_key: page.LastEvaluatedKey } : { done: true };
  }
  return written;
}
