/**
 * What the results search filters on in its index (store/run-index.ts): each index item carries
 * its run's `run_status`, `workflow_id` and `trial`, so a search that reads an index key (a name
 * prefix, an email, a tag, a report) with a status, workflow or trial filter applies it to the
 * index items (a FilterExpression) and reads only the runs it returns.
 *
 * `run_status` is `live` while the run has not ended (its live statuses, processing and the two
 * awaiting ones, change often and are not copied), then its end status, which never changes
 * again: so an index item moves only from no status (written before this existed) to `live` to
 * the end, and every write below is conditional on that order. The end is copied when the run
 * ends: by markRunError (store/runs.ts) after its conditional update, and for ends the state
 * machine writes (compiler/lower/result.ts) by the evidence function on `workflow_run.completed`
 * (syncIndexStatus); until then the items say `live`, which the search therefore also reads for
 * an end status (and checks on the run). A renamed applicant's items take the status of a
 * consistent read of the run, in a transaction conditional on the run still being in it
 * (writeIndexItems); a report's are written before the run's result (store/report-index.ts).
 * A `live` left on an ended run's item (a sync that failed for good) costs reads, never a wrong
 * page: every filter is checked again on the runs read.
 * The same sync gives the run its status key if it lacks it (store/status-key.ts syncStatusKey:
 * an end written by a state machine compiled before `env_status`), from the same read.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { RUN_END_STATUSES, notEndedCondition } from '../../compiler';
import { indexKey, indexStatus, type IndexedRun } from './run-index';
import { updateEach } from './statements';
import { syncStatusKey } from './status-key';
import { keys } from './table';

const table = () => config().TABLE_NAME;
const ended = (status: string) => (RUN_END_STATUSES as readonly string[]).includes(status);

/** What index items need of their run (read consistently). */
const RunRow = z.object({
  id: z.string(), environment: z.string(), workflow_id: z.string(), created_at: z.string(), status: z.string(),
  tags: z.array(z.string()).default([]), trial: z.boolean().optional(), purged_at: z.string().optional(), env_status: z.string().optional(),
});
export type RunRow = z.infer<typeof RunRow>;

async function readRun(runId: string): Promise<RunRow | undefined> {
  const res = await clients().doc.send(new GetCommand({
    TableName: table(), Key: keys.run(runId), ConsistentRead: true,
    ProjectionExpression: 'id, environment, workflow_id, created_at, #s, tags, trial, purged_at, env_status', ExpressionAttributeNames: { '#s': 'status' },
  }));
  return res.Item ? RunRow.parse(res.Item) : undefined;
}

/**
 * Gives the run's index items its status as it is now (an end status, or `live` on items that
 * have none yet), with its workflow id and trial marker; returns how many items it changed.
 */
export async function syncIndexStatus(runId: string): Promise<number> {
  const run = await readRun(runId);
  if (!run) return 0;
  if (run.environment === 'sandbox' || run.environment === 'live') await syncStatusKey({ ...run, environment: run.environment });
  const target = indexStatus(run.status);
  const items: Array<{ pk: string; sk: string; run_status?: unknown }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': indexKey(runId) },
      ProjectionExpression: 'pk, sk, run_status', ExclusiveStartKey: start,
    }));
    items.push(...(res.Items ?? []) as typeof items);
    start = res.LastEvaluatedKey;
  } while (start);
  const stale = items.filter((i) => (ended(target) ? i.run_status !== target : i.run_status === undefined));
  // An end is final and may be written over anything; `live` only where there was no status. An
  // item gone meanwhile (a renamed or purged term) is never made again: every index item has its
  // gsi1pk, and the condition fails on an item that is not there.
  const statement = `UPDATE "${table()}" SET "run_status" = ? SET "workflow_id" = ?${run.trial ? ' SET "trial" = ?' : ''}`
    + ` WHERE "pk" = ? AND "sk" = ? AND "gsi1pk" IS NOT MISSING${ended(target) ? '' : ' AND "run_status" IS MISSING'}`;
  const values = [target, run.workflow_id, ...(run.trial ? [true] : [])];
  return updateEach(stale.map((i) => ({ Statement: statement, Parameters: [...values, i.pk, i.sk] })));
}

/** An item the write needs as it was read (results/index-backfill.ts: a name item not renamed since). */
export interface IndexCheck { key: { pk: string; sk: string }; expression: string; names?: Record<string, string>; values?: Record<string, unknown> }
export interface IndexWrite { puts: ReadonlyArray<Record<string, unknown>>; deletes?: ReadonlyArray<{ pk: string; sk: string }>; checks?: readonly IndexCheck[] }

/**
 * Writes index items of a run made from a consistent read of it (`make`), in one transaction
 * conditional on the run still having the status read (still not ended, or that end): an item
 * never carries a status the run has left (and on `checks`). Read again when the run ended
 * meanwhile; false when the run does not exist.
 */
export async function writeIndexItems(runId: string, make: (run: IndexedRun & { status: string }) => IndexWrite): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const run = await readRun(runId);
    if (!run) return false;
    if (run.purged_at) return true; // a purged run is never indexed again (its names and email are gone)
    const { puts, deletes = [], checks = [] } = make(run);
    if (puts.length + deletes.length === 0) return true;
    const { expression, values } = notEndedCondition();
    const check = ended(run.status)
      ? { ConditionExpression: '#status = :s AND attribute_not_exists(purged_at)', ExpressionAttributeValues: { ':s': run.status } }
      : { ConditionExpression: `attribute_exists(pk) AND ${expression} AND attribute_not_exists(purged_at)`, ExpressionAttributeValues: values };
    try {
      await clients().doc.send(new TransactWriteCommand({ TransactItems: [
        { ConditionCheck: { TableName: table(), Key: keys.run(runId), ExpressionAttributeNames: { '#status': 'status' }, ...check } },
        ...checks.map((c) => ({ ConditionCheck: {
          TableName: table(), Key: c.key, ConditionExpression: c.expression, ExpressionAttributeNames: c.names, ExpressionAttributeValues: c.values,
        } })),
        ...puts.map((Item) => ({ Put: { TableName: table(), Item } })),
        ...deletes.map((Key) => ({ Delete: { TableName: table(), Key } })),
      ] }));
      return true;
    } catch (e) {
      if (!(e instanceof Error && e.name === 'TransactionCanceledException') || attempt >= 4) throw e;
    }
  }
}
