/**
 * Lambda entry point: the bus rule of lib/events.ts (local: local/stack/rules.ts) sends it every
 * `workflow_run.completed` (→ the run's end on its search index items, store/index-status.ts; the
 * run's signed evidence PDF and folder; a run that ended `review` first enters the review queue,
 * store/reviews.ts), every `workflow_run.review_completed` (→ the
 * evidence made again, with the decision) and every `studio.timeline_file_requested` (→ the timeline PDF); of a
 * builder's trial run (source `studio.trials`), only its `workflow_run.completed` (→ its end on its
 * search index items, nothing else). A failure throws, so EventBridge retries
 * the event (then its dead-letter queue).
 */
import { z } from 'zod';
import { EVENTS, ReviewCompletedDetail, RunCompletedDetail, TIMELINE_FILE_REQUESTED, TimelineFileDetail, TRIAL_EVENT_SOURCE } from '../events/contract';
import { systemRuntime, type Runtime } from '../shared/ids';
import { lambdaHandler } from '../shared/lambda';
import { logger } from '../shared/powertools';
import { syncIndexStatus } from '../store/index-status';
import { enqueueReview } from '../store/reviews';
import { closeReviewsOfRun } from '../store/report-reviews';
import { makeEvidence, makeTimelineFile, type Made } from './build';

const BusEvent = z.object({ source: z.string().optional(), 'detail-type': z.string(), detail: z.unknown() });

export function createEvidenceHandler(rt: Runtime = systemRuntime) {
  return async function evidence(event: unknown): Promise<{ made: Made } | { indexed: number } | { ignored: string }> {
    const e = BusEvent.safeParse(event);
    if (!e.success) return { ignored: 'not an EventBridge event' };
    if (e.data.source === TRIAL_EVENT_SOURCE) {
      if (e.data['detail-type'] !== EVENTS.runCompleted) return { ignored: `trial ${e.data['detail-type']}` };
      // A builder's trial: its end on its index items only (no evidence, no review queue).
      return { indexed: await syncIndexStatus(RunCompletedDetail.parse(e.data.detail).workflow_run_id) };
    }
    if (e.data['detail-type'] === EVENTS.runCompleted) {
      const d = RunCompletedDetail.parse(e.data.detail);
      await syncIndexStatus(d.workflow_run_id);
      if (d.status === 'review') await enqueueReview(d.workflow_run_id);
      await closeReviewsOfRun(d.workflow_run_id, rt.now().toISOString()); // reports whose review timed out leave the queue
      const made = await makeEvidence(d.workflow_run_id, rt);
      logger.debug('evidence of a workflow run', { run_id: d.workflow_run_id, made });
      return { made };
    }
    if (e.data['detail-type'] === EVENTS.reviewCompleted) {
      const d = ReviewCompletedDetail.parse(e.data.detail);
      const made = await makeEvidence(d.workflow_run_id, rt);
      logger.debug('evidence of a decided workflow run', { run_id: d.workflow_run_id, made });
      return { made };
    }
    if (e.data['detail-type'] === TIMELINE_FILE_REQUESTED) {
      const d = TimelineFileDetail.parse(e.data.detail);
      const made = await makeTimelineFile(d, rt);
      logger.debug('timeline file of a workflow run', { run_id: d.workflow_run_id, timeline_file_id: d.timeline_file_id, made });
      return { made };
    }
    return { ignored: `detail-type ${e.data['detail-type']}` };
  };
}

export const handler = lambdaHandler(createEvidenceHandler());
