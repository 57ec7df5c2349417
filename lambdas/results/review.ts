/**
 * The review queue (beyond Onfido): runs that ended `review` are assigned to an analyst and
 * decided approve or decline with a note. The decision is one conditional write on the run
 * with, in the same transaction, the pending `workflow_run.review_completed` event
 * (store/reviews.ts), then that event goes on the bus (events/pending.ts: at once, or later by
 * the lifecycle sweep if the bus fails; the decision stands either way): customers' rules see
 * it, and webhooks that list it receive it. When a write is refused, the run read afterwards
 * says why: another environment's or no run (404), a run not in review (422), decided (409).
 */
import { z } from 'zod';
import { conflict, notFound, validationError } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { assignReview, decideReview } from '../store/reviews';
import { getRun, type Environment, type RunItem } from '../store/runs';
import { publishPending } from '../events/contract';
import { reviewEvent } from './review-events';

export const DecisionBody = z.object({
  decision: z.enum(['approve', 'decline']),
  note: z.string().trim().min(1, 'a decision needs a note').max(2000),
}).strict();
export type DecisionBody = z.infer<typeof DecisionBody>;

/** Why an assignment or decision of run `id` was refused. */
async function refusal(id: string, env: Environment, doing: string): Promise<Error> {
  const run = await getRun(id);
  if (!run || run.environment !== env) return notFound('WorkflowRun', id);
  if (run.review) return conflict(`Workflow run ${id} was already decided (${run.review.decision} by ${run.review.by} at ${run.review.at})`);
  if (run.status === 'review') return conflict(`Workflow run ${id} was being changed at the same time; try again`);
  return validationError(`Workflow run ${id} is ${run.status}: only runs that ended in review can be ${doing}`, { status: [`is ${run.status}, must be review`] });
}

/** Assigns an undecided review run of `env` to `who`. */
export async function assign(id: string, env: Environment, who: string, rt: Runtime = systemRuntime): Promise<RunItem> {
  const run = await assignReview(id, env, who, rt.now().toISOString());
  if (!run) throw await refusal(id, env, 'assigned');
  return run;
}

/** Decides an undecided review run of `env` (exactly once) and announces it (the decision stands even if the bus fails: the event is sent later). */
export async function decide(id: string, env: Environment, body: DecisionBody, who: string, rt: Runtime = systemRuntime): Promise<RunItem> {
  const at = isoSeconds(rt.now());
  const current = await getRun(id);
  if (!current || current.environment !== env) throw notFound('WorkflowRun', id);
  const event = reviewEvent({ workflow_run_id: id, applicant_id: current.applicant_id, decision: body.decision, note: body.note, by: who, at });
  const run = await decideReview(id, env, { decision: body.decision, note: body.note, by: who, at }, event);
  if (!run) throw await refusal(id, env, 'decided');
  await publishPending(event, rt);
  return run;
}
