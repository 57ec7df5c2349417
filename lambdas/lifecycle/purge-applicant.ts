/**
 * The purge of a deleted applicant, once its grace period has ended: every run of it purged
 * (lifecycle/runs.ts), every upload, object and face removed (lifecycle/media.ts), every stored
 * Idempotency-Key answer holding it or one of its resources erased (store/idempotency.ts), an erasure
 * record written, then the applicant item and its due item deleted. Each step can run again:
 * a purge that failed half-way is retried from the start and finishes the job; a purge of an
 * applicant already purged does nothing. A legal hold postpones the purge (checked again an
 * hour later); a restored applicant is left alone. Each purge schedules a second look at the
 * applicant's uploads 20 minutes on, for a file an upload URL issued before the deletion sends
 * after it (recheck.ts).
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds } from '../shared/ids';
import type { PurgeDue } from '../store/applicant-deletion';
import { putErasure, type ErasureRecord } from '../store/erasures';
import { eraseIdempotencyOf } from '../store/idempotency';
import { keys } from '../store/table';
import { deleteItems, queryAll } from './items';
import { purgeApplicantMedia } from './media';
import { scheduleApplicantRecheck } from './recheck';
import { purgeRun, type RunPurge } from './runs';

export const HOLD_RECHECK_MS = 3_600_000;
export type PurgeOutcome = 'purged' | 'held' | 'not_due';

export async function purgeApplicant(due: PurgeDue, now: Date): Promise<PurgeOutcome> {
  const dueKey = keys.purgeDue(due.due_at, due.applicant_id);
  const res = await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: keys.applicant(due.applicant_id), ConsistentRead: true }));
  const applicant = res.Item;
  // Gone (purged by an earlier attempt that stopped before its last delete) or restored and deleted again since (another due item).
  if (!applicant || applicant.delete_at !== due.due_at) { await deleteItems([dueKey]); return 'not_due'; }
  if (Date.parse(due.due_at) > now.getTime()) return 'not_due';
  if (applicant.legal_hold === true) { await postpone(due, now); return 'held'; }

  const at = isoSeconds(now);
  // From here on no restore or hold is taken (store/applicant-deletion.ts, store/applicants.ts):
  // one that came first wins, and the next sweep sees it.
  if (!await markPurging(due, at)) return 'not_due';
  const runs = await queryAll({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.runsOfApplicant(due.applicant_id) } });
  const purged: RunPurge[] = [];
  for (const run of runs) purged.push(await purgeRun(String(run.id), at));
  const media = await purgeApplicantMedia(due.applicant_id, due.environment);
  await scheduleApplicantRecheck(due.applicant_id, due.environment, at);
  await eraseIdempotencyOf(due.applicant_id);
  const sum = (k: keyof Omit<RunPurge, 'media_ids'>) => purged.reduce((n, p) => n + p[k], 0);
  const record: ErasureRecord = {
    applicant_id: due.applicant_id, environment: due.environment, reason: 'deletion', workflow_run_ids: runs.map((r) => String(r.id)),
    requested_by: due.requested_by, requested_at: due.requested_at, purged_at: at,
    removed: { applicant: 1, ...media, runs: runs.length, tasks: sum('tasks'), events: sum('events'), dead_letters: sum('dead_letters'), executions_stopped: sum('executions_stopped') },
  };
  await putErasure('APPLICANT', record);
  await deleteItems([keys.applicant(due.applicant_id), dueKey]);
  return 'purged';
}

/** Marks the applicant as being purged while it is still due and not held; false when a restore or hold came first. */
async function markPurging(due: PurgeDue, at: string): Promise<boolean> {
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: config().TABLE_NAME, Key: keys.applicant(due.applicant_id), UpdateExpression: 'SET purging_since = if_not_exists(purging_since, :at)',
      ConditionExpression: 'delete_at = :due AND (attribute_not_exists(legal_hold) OR legal_hold = :no)',
      ExpressionAttributeValues: { ':at': at, ':due': due.due_at, ':no': false },
    }));
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Moves the purge (due item and `delete_at`) an hour on; a restore or another sweep in between leaves it as it is. */
async function postpone(due: PurgeDue, now: Date): Promise<void> {
  const next: PurgeDue = { ...due, due_at: isoSeconds(new Date(now.getTime() + HOLD_RECHECK_MS)) };
  await clients().doc.send(new TransactWriteCommand({ TransactItems: [
    { Update: {
      TableName: config().TABLE_NAME, Key: keys.applicant(due.applicant_id), UpdateExpression: 'SET delete_at = :next',
      ConditionExpression: 'delete_at = :at', ExpressionAttributeValues: { ':next': next.due_at, ':at': due.due_at },
    } },
    { Delete: { TableName: config().TABLE_NAME, Key: keys.purgeDue(due.due_at, due.applicant_id) } },
    { Put: { TableName: config().TABLE_NAME, Item: { ...keys.purgeDue(next.due_at, due.applicant_id), ...next } } },
  ] })).catch((e: unknown) => { if (!(e instanceof Error && e.name === 'TransactionCanceledException')) throw e; });
}
