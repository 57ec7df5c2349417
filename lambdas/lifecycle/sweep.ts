/**
 * One pass of the lifecycle: due items for applicants deleted before purges were scheduled
 * (backfill.ts, until its walk is done), the results index's run statuses and full-name keys
 * (results/index-backfill.ts, until their walks are done), the runs' status keys (store/status-key.ts,
 * until its walk is done), the review queue's upkeep (results/review-upkeep.ts: report
 * decisions' tokens Step Functions missed, runs ended before the queue's index), the pending events the bus refused or
 * whose writer stopped (events/pending.ts: task completions, decisions, timeline requests), the runs whose start a crash cut short
 * (runs/resume.ts: started, or ended `error` after a day), the purges that are due (`keys.purgeDue` up to now, oldest first,
 * at most `limit`), then retention per environment. A purge that fails does not stop the
 * others; the pass then throws (naming how many failed) so that the purge state machine
 * retries it and, after its retries, fails and raises the alarm. Every purge can run again.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds, systemRuntime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { PurgeDue } from '../store/applicant-deletion';
import { backfillStatusKeys } from '../store/status-key';
import { keys } from '../store/table';
import { backfillIndexStatus, backfillNameKeys } from '../results/index-backfill';
import { deliverPendingEvents } from '../events/pending';
import { reviewUpkeep } from '../results/review-upkeep';
import { handedOverTaskEvent } from '../tasks/hand-over';
import { orphanSweep } from '../runs/resume';
import { scheduleEarlierDeletions } from './backfill';
import { purgeApplicant } from './purge-applicant';
import { recheckPurgedRun } from './recheck';
import { purgeHeldRun, retentionDays, retentionSweep } from './retention';

/** `resumed`: runs whose execution this pass started (their creation was cut short). */
/** `late`: items and objects written about purged runs after their purge, removed by the second look (recheck.ts). */
export interface SweepResult { purged: number; held: number; retention: { sandbox: number; live: number }; resumed: number; late: number }

export class PurgeFailed extends Error {
  constructor(count: number) {
    super(`${count} purge(s) failed; each is retried on the next attempt`);
    this.name = 'PurgeFailed';
  }
}

export async function sweep(now: Date, limit = 100): Promise<SweepResult> {
  let failed = 0;
  for (const env of ['sandbox', 'live'] as const) {
    try { await scheduleEarlierDeletions(env, now); } catch (e) { failed++; logError(`scheduling earlier deletions of ${env} failed`, e); }
    // Not a purge: a failure is logged and the walk goes on from its cursor at the next pass.
    try { await backfillIndexStatus(env); } catch (e) { logError(`results index backfill of ${env} failed`, e); }
    try { await backfillNameKeys(env); } catch (e) { logError(`results name keys backfill of ${env} failed`, e); }
    try { await backfillStatusKeys(env); } catch (e) { logError(`status keys backfill of ${env} failed`, e); }
  }
  const rt = { now: () => now, newId: systemRuntime.newId };
  try { await reviewUpkeep(rt); } catch (e) { logError('review queue upkeep failed', e); }
  // A bus that still fails is logged by events/pending.ts and tried again at the next pass; it is not a failed purge.
  try { await deliverPendingEvents(rt, handedOverTaskEvent); } catch (e) { logError('putting pending events on the bus failed', e); }
  // Not a purge either: a run that cannot be started is logged by orphanSweep and tried again at the next pass.
  let resumed = 0;
  try { resumed = (await orphanSweep(now)).length; } catch (e) { logError('the sweep for runs left unstarted failed', e); }
  const res = await clients().doc.send(new QueryCommand({
    TableName: config().TABLE_NAME, ConsistentRead: true, Limit: limit,
    // `<due_at>#<id>`: '#' sorts before '$', so every item due at or before now.
    KeyConditionExpression: 'pk = :pk AND sk < :bound', ExpressionAttributeValues: { ':pk': keys.purgeDue('', '').pk, ':bound': `${isoSeconds(now)}$` },
  }));
  const out: SweepResult = { purged: 0, held: 0, retention: { sandbox: 0, live: 0 }, resumed, late: 0 };
  for (const item of res.Items ?? []) {
    try {
      const due = PurgeDue.parse(item);
      if (due.requested_by.kind === 'purge_recheck') { out.late += await recheckPurgedRun(due); continue; }
      const outcome = due.workflow_run_id ? await purgeHeldRun(due, now) : await purgeApplicant(due, now);
      if (outcome === 'purged') out.purged++;
      if (outcome === 'held') out.held++;
    } catch (e) {
      failed++;
      logError(`purge ${String(item.sk)} failed`, e);
    }
  }
  for (const env of ['sandbox', 'live'] as const) {
    const days = retentionDays(env);
    if (days === undefined) continue;
    try { out.retention[env] = await retentionSweep(env, days, now, limit); } catch (e) { failed++; logError(`retention of ${env} failed`, e); }
  }
  if (failed > 0) throw new PurgeFailed(failed);
  return out;
}
