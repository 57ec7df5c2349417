/**
 * Retention: per environment (`STUDIO_RETENTION_DAYS_SANDBOX|LIVE`, unset: kept), a run and its
 * media are purged once the run ended that many days ago: the media its tasks name, every media
 * item its token uploaded (`run_id`: also those no task used, a retake, a run abandoned) and its
 * direct uploads (store/uploads.ts; the pending ones with their objects and parts); the applicant
 * stays. The
 * sweep walks the environment's runs in creation order (gsi1 `RUNS#<env>`) from a cursor
 * (`keys.retentionCursor`) and stops at the first run that ended too recently, so each run is
 * read once after it is due. A run of an applicant on legal hold, and a run still open (however
 * long: a run that never ends must not hold back the runs after it), is passed by and queued to
 * be checked again an hour later (a due item with its run id); an open run found ended at that
 * check is queued again for when it is due.
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds } from '../shared/ids';
import type { PurgeDue } from '../store/applicant-deletion';
import { putErasure } from '../store/erasures';
import { isEnded, RunItem, type Environment } from '../store/runs';
import { keys } from '../store/table';
import { mediaIdsOfRun, uploadsOfApplicant } from '../store/uploads-of';
import { deleteItems } from './items';
import { purgeMedia, purgeRunFiles, purgeUploads } from './media';
import { HOLD_RECHECK_MS } from './purge-applicant';
import { mediaOfRun, purgeRun } from './runs';

const table = () => config().TABLE_NAME;
const PAGE = 100;

export function retentionDays(environment: Environment): number | undefined {
  const c = config();
  return environment === 'live' ? c.STUDIO_RETENTION_DAYS_LIVE : c.STUDIO_RETENTION_DAYS_SANDBOX;
}

/** Purges the due runs of the environment (at most `limit`); returns how many. */
export async function retentionSweep(environment: Environment, days: number, now: Date, limit = PAGE): Promise<number> {
  const cutoff = isoSeconds(new Date(now.getTime() - days * 86_400_000));
  const cursorKey = keys.retentionCursor(environment);
  const cursor = (await clients().doc.send(new GetCommand({ TableName: table(), Key: cursorKey, ConsistentRead: true }))).Item?.after as string | undefined;
  // Past the cutoff already (the retention was lengthened since): nothing is due yet.
  if (cursor !== undefined && cursor > `${cutoff}~`) return 0;
  // Runs created before the cutoff (a run ends after it starts), from the cursor on; the cursor itself is skipped.
  const page = await clients().doc.send(new QueryCommand({
    TableName: table(), IndexName: 'gsi1', Limit: limit + 1, ScanIndexForward: true,
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :end',
    ExpressionAttributeValues: { ':pk': keys.runs(environment), ':from': cursor ?? '0', ':end': `${cutoff}~` },
  }));
  const runs = (page.Items ?? []).filter((r) => r.gsi1sk !== cursor);
  let purged = 0;
  let after = cursor;
  for (const raw of runs.slice(0, limit)) {
    const run = RunItem.parse(raw);
    if (run.created_at > cutoff || (run.completed_at && run.completed_at > cutoff)) break;
    if (!raw.purged_at) {
      if (!isEnded(run.status) || !run.completed_at || await onHold(run.applicant_id)) await queue(run, days, now);
      else { await purgeForRetention(run, days, now); purged++; }
    }
    after = String(raw.gsi1sk);
    await clients().doc.send(new PutCommand({ TableName: table(), Item: { ...cursorKey, after } }));
  }
  return purged;
}

/** A queued run (kept by a legal hold): purged when the hold is gone, else queued again. */
export async function purgeHeldRun(due: PurgeDue, now: Date): Promise<'purged' | 'held'> {
  const dueKey = keys.purgeDue(due.due_at, due.workflow_run_id!);
  const raw = (await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.run(due.workflow_run_id!), ConsistentRead: true }))).Item;
  if (raw && !raw.purged_at) {
    const run = RunItem.parse(raw);
    const days = due.requested_by.kind === 'retention' ? due.requested_by.days : 0;
    const dueAt = run.completed_at && isEnded(run.status) ? Date.parse(run.completed_at) + days * 86_400_000 : undefined;
    if (dueAt === undefined || await onHold(run.applicant_id)) { await requeue(due, now); return 'held'; }
    if (dueAt > now.getTime()) { await requeue(due, now, new Date(dueAt + 1000)); return 'held'; }
    await purgeForRetention(run, days, now);
  }
  await deleteItems([dueKey]);
  return 'purged';
}

async function purgeForRetention(run: RunItem, days: number, now: Date): Promise<void> {
  const at = isoSeconds(now);
  // The media first, while the tasks still name them: a purge cut short (a failed write, a timeout)
  // finds them again at the next sweep, as `purged_at` is set last. Media items and direct uploads
  // are deleted after their objects, so those are found again too.
  const ids = new Set([...await mediaOfRun(run.id), ...await mediaIdsOfRun(run.applicant_id, run.id)]);
  const media = await purgeMedia([...ids]);
  const uploads = await purgeUploads(await uploadsOfApplicant(run.applicant_id, run.id));
  media.s3_objects += uploads.s3_objects + await purgeRunFiles(run);
  const p = await purgeRun(run.id, at);
  await putErasure(`RUN#${run.id}`, {
    applicant_id: run.applicant_id, environment: run.environment, reason: 'retention', workflow_run_ids: [run.id],
    requested_by: { kind: 'retention', days }, requested_at: at, purged_at: at,
    removed: { ...media, uploads: uploads.uploads, runs: 1, tasks: p.tasks, events: p.events, dead_letters: p.dead_letters, executions_stopped: p.executions_stopped },
  });
}

async function onHold(applicantId: string): Promise<boolean> {
  const a = (await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.applicant(applicantId), ConsistentRead: true }))).Item;
  return a?.legal_hold === true;
}

async function queue(run: RunItem, days: number, now: Date): Promise<void> {
  const due: PurgeDue = {
    applicant_id: run.applicant_id, environment: run.environment, workflow_run_id: run.id, requested_by: { kind: 'retention', days },
    requested_at: isoSeconds(now), due_at: isoSeconds(new Date(now.getTime() + HOLD_RECHECK_MS)),
  };
  await clients().doc.send(new PutCommand({ TableName: table(), Item: { ...keys.purgeDue(due.due_at, run.id), ...due } }));
}

/** Moves the due item to `at` (default: an hour on). */
async function requeue(due: PurgeDue, now: Date, at = new Date(now.getTime() + HOLD_RECHECK_MS)): Promise<void> {
  const next: PurgeDue = { ...due, due_at: isoSeconds(at) };
  await clients().doc.send(new TransactWriteCommand({ TransactItems: [
    { Delete: { TableName: table(), Key: keys.purgeDue(due.due_at, due.workflow_run_id!) } },
    { Put: { TableName: table(), Item: { ...keys.purgeDue(next.due_at, due.workflow_run_id!), ...next } } },
  ] }));
}
