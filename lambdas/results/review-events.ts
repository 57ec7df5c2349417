/**
 * The event of a review decision (`workflow_run.review_completed`), written with the decision (store/reviews.ts) as a
 * pending event and put on the bus at once or, if the bus refused it, by the lifecycle sweep (events/pending.ts).
 * Its key keeps the form items written before pending events were shared (`<at>#<run id>#<event>`).
 */
import { EVENTS, ReviewCompletedDetail } from '../events/contract';
import { pendingEvent, type PendingEvent } from '../store/pending-events';

/** The pending event of a review decision; every copy carries the same `dedupe_id`. */
export const reviewEvent = (detail: ReviewCompletedDetail): PendingEvent => pendingEvent(detail.at, `${detail.workflow_run_id}#${EVENTS.reviewCompleted}`, {
  detail_type: EVENTS.reviewCompleted, detail: ReviewCompletedDetail.parse(detail), dedupe_id: `${EVENTS.reviewCompleted}:${detail.workflow_run_id}`,
});
