/**
 * The second look after a purge. A function already running when a run was purged may still write
 * about it afterwards: a task function's or a report's event is recorded by the publisher as it
 * happens, without a transaction with the run (events/record.ts), and the evidence function may
 * put the run's evidence PDF and folder after the purge deleted them. Every such function ends
 * within Lambda's 15-minute limit, so each purge schedules a due item (`<due>#<run>#recheck`)
 * RECHECK_AFTER_MS later; the sweep then deletes whatever the run's event partition, its
 * evidence and timeline files and its uploads' staging keys (store/uploads.ts) hold, and logs what it found.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds } from '../shared/ids';
import { logger } from '../shared/powertools';
import type { PurgeDue } from '../store/applicant-deletion';
import { getRun, type RunItem } from '../store/runs';
import { keys } from '../store/table';
import { deleteItems, keyOf, partition } from './items';
import { purgeRunFiles } from './media';

/** Longer than any function runs (Lambda: 15 minutes), with a margin for a retried invocation's start. */
export const RECHECK_AFTER_MS = 20 * 60_000;

const dueKey = (dueAt: string, runId: string) => keys.purgeDue(dueAt, `${runId}#recheck`);

export async function scheduleRecheck(run: RunItem, now: string): Promise<void> {
  const due: PurgeDue = {
    applicant_id: run.applicant_id, environment: run.environment, workflow_run_id: run.id, requested_by: { kind: 'purge_recheck' },
    requested_at: now, due_at: isoSeconds(new Date(Date.parse(now) + RECHECK_AFTER_MS)),
  };
  await clients().doc.send(new PutCommand({ TableName: config().TABLE_NAME, Item: { ...dueKey(due.due_at, run.id), ...due } }));
}

/** Deletes what was written about the purged run after its purge; returns how many items and objects. */
export async function recheckPurgedRun(due: PurgeDue): Promise<number> {
  const runId = due.workflow_run_id!;
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
