/**
 * The second look after a purge. A function already running when a run was purged may still write
 * about it afterwards: a task function's or a report's event is recorded by the publisher as it
 * happens, without a transaction with the run (events/record.ts), and the evidence function may
 * put the run's evidence PDF and folder after the purge deleted them. Every such function ends
 * within Lambda's 15-minute limit, so each purge schedules a due item (`<due>#<run>#recheck`)
 * RECHECK_AFTER_MS later; the sweep then deletes whatever the run's event partition, its
 * evidence and timeline files and its uploads' staging keys (store/uploads.ts) hold, and logs what it found.
 *
 * An applicant's purge schedules one too (`<due>#<applicant>#recheck`, no run id): an upload URL
 * issued before the deletion works its UPLOAD_URL_SECONDS (15 minutes), so with a grace period
 * shorter than that, or a clock skewed, a file sent late lands under the purged applicant's prefix
 * after the purge, and an API call under way at the purge may still record an upload. The second
 * look removes what the applicant's media purge would (lifecycle/media.ts `purgeApplicantMedia`:
 * the prefix's objects, media items, direct uploads, faces) and logs it; it comes after every such
 * URL has expired (RECHECK_AFTER_MS is more than a URL's lifetime, with minutes to spare). It also
 * erases again the Idempotency-Key answers filed under the applicant (store/idempotency.ts): the
 * purge finds them through gsi2, which is eventually consistent, and a request under way at the
 * purge may file its answer after the purge's query; either is found here.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { UPLOAD_URL_SECONDS } from '../api/limits';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds } from '../shared/ids';
import { eraseIdempotencyOf } from '../store/idempotency';
import { logger } from '../shared/powertools';
import type { PurgeDue } from '../store/applicant-deletion';
import { getRun, type RunItem } from '../store/runs';
import { keys } from '../store/table';
import { deleteItems, keyOf, partition } from './items';
import { purgeApplicantMedia, purgeRunFiles } from './media';

/** Longer than any function runs (Lambda: 15 minutes) and than an upload URL works (15 minutes), with 5 minutes' margin for a retried invocation's start and clock skew: 20 minutes. */
export const RECHECK_AFTER_MS = Math.max(15 * 60_000, UPLOAD_URL_SECONDS * 1000) + 5 * 60_000;

/** `id`: the run's, or for an applicant's second look the applicant's. */
const dueKey = (dueAt: string, id: string) => keys.purgeDue(dueAt, `${id}#recheck`);

export async function scheduleRecheck(run: RunItem, now: string): Promise<void> {
  const due: PurgeDue = {
    applicant_id: run.applicant_id, environment: run.environment, workflow_run_id: run.id, requested_by: { kind: 'purge_recheck' },
    requested_at: now, due_at: isoSeconds(new Date(Date.parse(now) + RECHECK_AFTER_MS)),
  };
  await clients().doc.send(new PutCommand({ TableName: config().TABLE_NAME, Item: { ...dueKey(due.due_at, run.id), ...due } }));
}

/** The second look at a purged applicant (purge-applicant.ts), RECHECK_AFTER_MS after `now`. */
export async function scheduleApplicantRecheck(applicantId: string, environment: PurgeDue['environment'], now: string): Promise<void> {
  const due: PurgeDue = {
    applicant_id: applicantId, environment, requested_by: { kind: 'purge_recheck' },
    requested_at: now, due_at: isoSeconds(new Date(Date.parse(now) + RECHECK_AFTER_MS)),
  };
  await clients().doc.send(new PutCommand({ TableName: config().TABLE_NAME, Item: { ...dueKey(due.due_at, applicantId), ...due } }));
}

/** Deletes what was written about the purged run (or, without a run id, applicant) after its purge; returns how many items and objects. */
export async function recheckPurgedRun(due: PurgeDue): Promise<number> {
  if (!due.workflow_run_id) return recheckPurgedApplicant(due);
  const runId = due.workflow_run_id;
  const run = await getRun(runId);
  const late = await partition(keys.event(runId, '').pk);
  await deleteItems(late.map(keyOf));
  const files = run ? await purgeRunFiles(run, { exports: false }) : 0;
  if (late.length + files > 0) {
    logger.warn('a purged run was written to after its purge; removed', { workflow_run_id: runId, items: late.length, objects: files });
  }
  await deleteItems([dueKey(due.due_at, runId)]);
  return late.length + files;
}

async function recheckPurgedApplicant(due: PurgeDue): Promise<number> {
  const late = { ...await purgeApplicantMedia(due.applicant_id, due.environment), idempotency_answers: await eraseIdempotencyOf(due.applicant_id) };
  const count = late.media + late.s3_objects + late.faces + late.uploads + late.idempotency_answers;
  if (count > 0) logger.warn('a purged applicant was written to after its purge; removed', { applicant_id: due.applicant_id, ...late });
  await deleteItems([dueKey(due.due_at, due.applicant_id)]);
  return count;
}
