/**
 * Deleting an applicant: DELETE schedules its purge `STUDIO_DELETION_GRACE_SECONDS` later
 * (`delete_at`, and a due item `keys.purgeDue` that the lifecycle sweep reads in due order);
 * restore cancels both, until the purge (lambdas/lifecycle/purge-applicant.ts) has removed the
 * applicant, after which it is a 404. Each pair is written in one transaction, so a due item
 * always has its scheduled applicant and the other way round.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { validationError } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { getApplicant, type Environment } from './applicants';
import { createdKey, keys } from './table';

/** Who asked for a purge, kept in its erasure record (an id, never a secret). */
export const RequestedBy = z.union([
  z.object({ kind: z.literal('api_token'), token_id: z.string() }),
  z.object({ kind: z.literal('retention'), days: z.number() }),
  /** A generic link made the applicant, then could not start its run. */
  z.object({ kind: z.literal('generic_link'), workflow_id: z.string() }),
  /** Deleted (`delete_at` set) before purges were scheduled; lifecycle/backfill.ts scheduled it. */
  z.object({ kind: z.literal('deleted_before_scheduling') }),
  /** The second look after a run's or an applicant's purge, for what functions still running or upload URLs still valid then wrote (lifecycle/recheck.ts). */
  z.object({ kind: z.literal('purge_recheck') }),
]);
export type RequestedBy = z.infer<typeof RequestedBy>;

/**
 * A due item: what the sweep needs to purge without reading anything else first. With
 * `workflow_run_id` it is one run kept past retention by a legal hold, checked again when due, or
 * (`purge_recheck`) a purged run looked at again (lifecycle/recheck.ts); `purge_recheck` without
 * one is a purged applicant looked at again.
 */
export const PurgeDue = z.object({
  applicant_id: z.string(), environment: z.enum(['sandbox', 'live']), due_at: z.string(), requested_at: z.string(), requested_by: RequestedBy,
  workflow_run_id: z.string().optional(),
});
export type PurgeDue = z.infer<typeof PurgeDue>;

const table = () => config().TABLE_NAME;
const isCancelled = (e: unknown) => e instanceof Error && e.name === 'TransactionCanceledException';

/** Schedules the purge; deleting twice keeps the first date. */
export async function deleteApplicant(id: string, environment: Environment, requestedBy: RequestedBy, rt: Runtime = systemRuntime): Promise<void> {
  const current = await getApplicant(id, environment);
  if (current.delete_at) return;
  const now = rt.now();
  const due: PurgeDue = {
    applicant_id: id, environment, requested_by: requestedBy, requested_at: isoSeconds(now),
    due_at: isoSeconds(new Date(now.getTime() + config().STUDIO_DELETION_GRACE_SECONDS * 1000)),
  };
  await clients().doc.send(new TransactWriteCommand({ TransactItems: [
    { Update: {
      TableName: table(), Key: keys.applicant(id), UpdateExpression: 'SET delete_at = :at REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(delete_at)', ExpressionAttributeValues: { ':at': due.due_at },
    } },
    { Put: { TableName: table(), Item: { ...keys.purgeDue(due.due_at, id), ...due } } },
  ] })).catch((e: unknown) => {
    if (!isCancelled(e)) throw e; // deleted by a concurrent DELETE: the first date stays
  });
}

/** Whether the applicant's purge has started (lambdas/lifecycle/purge-applicant.ts): no restore or hold is taken from then on. */
export async function beingPurged(id: string): Promise<boolean> {
  const out = await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.applicant(id), ConsistentRead: true, ProjectionExpression: 'purging_since' }));
  return out.Item?.purging_since !== undefined;
}

/** Cancels the scheduled purge; a 404 once the applicant has been purged, a 422 while the purge runs. */
export async function restoreApplicant(id: string, environment: Environment): Promise<void> {
  const current = await getApplicant(id, environment);
  if (!current.delete_at) throw validationError(`Applicant ${id} is not scheduled for deletion`);
  await clients().doc.send(new TransactWriteCommand({ TransactItems: [
    { Update: {
      TableName: table(), Key: keys.applicant(id), UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk REMOVE delete_at',
      ConditionExpression: 'delete_at = :at AND attribute_not_exists(purging_since)',
      ExpressionAttributeValues: { ':pk': keys.activeApplicants(environment), ':sk': createdKey(current.created_at, id), ':at': current.delete_at },
    } },
    { Delete: { TableName: table(), Key: keys.purgeDue(current.delete_at, id) } },
  ] })).catch(async (e: unknown) => {
    if (!isCancelled(e)) throw e;
    await getApplicant(id, environment); // purged meanwhile: 404
    throw validationError(await beingPurged(id) ? `Applicant ${id} is being purged; it can no longer be restored` : `Applicant ${id} is not scheduled for deletion`);
  });
}
