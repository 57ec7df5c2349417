/**
 * The task function's part in a `manual` / `hybrid` document report (the review state,
 * `lambda:invoke.waitForTaskToken`, compiler/lower/report-review.ts): the run's newest stored
 * report of that task waits for an analyst with the state's token, in the review queue of the run's
 * environment (store/report-reviews.ts). The run keeps its status (`processing`: a waiting report
 * is neither the end user's nor the integrator's turn). Safe to run again: it records the newest token.
 */
import { ReportReviewRequest } from '../../compiler';
import { systemRuntime, type Runtime } from '../shared/ids';
import { getRunWithTasks } from '../store/task-completion';
import { awaitReview } from '../store/report-reviews';
import { byCreation } from '../store/tasks';

export class InvalidReviewRequestError extends Error {
  override readonly name = 'InvalidTaskRequest';
}
export class ReviewRunNotFoundError extends Error {
  override readonly name = 'RunNotFound';
}

export const isReportReview = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { kind?: unknown }).kind === 'report_review';

export async function recordReportReview(event: unknown, rt: Runtime = systemRuntime): Promise<{ task_id: string }> {
  const parsed = ReportReviewRequest.safeParse(event);
  if (!parsed.success) throw new InvalidReviewRequestError(`The report review request is not valid: ${parsed.error.message}`);
  const req = parsed.data;
  const { run, tasks } = await getRunWithTasks(req.run.workflow_run_id);
  if (!run) throw new ReviewRunNotFoundError(`No workflow run ${req.run.workflow_run_id}`);
  const report = tasks.filter((t) => t.kind === 'report' && t.workflow_task_id === req.task_id).sort(byCreation).pop();
  if (!report) throw new InvalidReviewRequestError(`Run ${run.id} has no stored report of task ${req.task_id} to review`);
  await awaitReview({
    runId: run.id, taskId: report.id, env: run.environment, token: req.token, processing: req.processing,
    ...(req.keep ? { keep: req.keep } : {}), now: rt.now().toISOString(),
  });
  return { task_id: report.id };
}
