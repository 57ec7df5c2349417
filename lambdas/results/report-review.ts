/**
 * An analyst's decision on a document report that waits for one (`processing: manual | hybrid`,
 * beyond Onfido, `POST /v3.6/studio/review_queue/{run id}/reports/{task id}/decision`): the report
 * takes the analyst's result (`clear` / `consider`) and records the decision as `review: { decision,
 * note, by, at, automatic_result }`; its task completes and Step Functions gets the decided report
 * (as the report function returns it: with the report's `keep`, its id, result and kept fields),
 * so the run goes on along its logic. The decision is written exactly once, with the token to send
 * as a pending item and the pending `workflow_task.completed` announcing it (store/report-reviews.ts);
 * the token is sent at once and its item removed, or, if Step Functions could not be reached, by the
 * lifecycle sweep (`resumeDecidedReports`): the decision stands either way. The event waits until the
 * token is sent, then goes on the bus (at once, or with the sweep if the bus refused it: events/pending.ts).
 * A token Step Functions no longer knows (the review timed out and the run ended `error`) leaves the
 * report `timed_out` with the decision on it, drops the event, and answers 422.
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { keepPaths, ReportResult } from '../../compiler';
import { clients } from '../shared/aws';
import { conflict, notFound, validationError } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { indexReport } from '../store/report-index';
import { PENDING_GRACE_MS, publishPending } from '../events';
import { removePendingEvent, type PendingEvent } from '../store/pending-events';
import { closeReview, decideReport as writeDecision, decisionKey, pendingDecisions, removePending, type PendingDecision } from '../store/report-reviews';
import { getRun, isEnded, type Environment } from '../store/runs';
import { getRunWithTasks } from '../store/task-completion';
import { getTask, type ReportReview, type TaskItem } from '../store/tasks';
import { completedEvent, taskEventDetail } from '../tasks/events';

export const ReportDecisionBody = z.object({
  decision: z.enum(['clear', 'consider']),
  note: z.string().trim().min(1, 'a decision needs a note').max(2000),
}).strict();
export type ReportDecisionBody = z.infer<typeof ReportDecisionBody>;

/** Step Functions' answers meaning the token will never be accepted. */
const DEAD_TOKEN = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/** The report with the analyst's result: `sub_result` follows it (`clear`; `consider` keeps an automatic one that says why, else `caution`). */
export function decidedReport(automatic: ReportResult, review: ReportReview): ReportResult {
  const sub = automatic.sub_result === undefined ? {}
    : { sub_result: review.decision === 'clear' ? 'clear' : automatic.sub_result === 'clear' ? 'caution' : automatic.sub_result };
  return { ...automatic, result: review.decision, ...sub, review };
}

/** Why a decision was refused, read after the write was. */
async function refusal(runId: string, taskId: string, env: Environment): Promise<Error> {
  const { run, tasks } = await getRunWithTasks(runId);
  if (!run || run.environment !== env) return notFound('WorkflowRun', runId);
  const task = tasks.find((t) => t.id === taskId && t.kind === 'report');
  if (!task) return notFound('Report', taskId);
  if (task.review) return conflict(`Report ${taskId} was already decided (${task.review.decision} by ${task.review.by} at ${task.review.at})`);
  if (isEnded(run.status)) return validationError(`Workflow run ${runId} has ended (${run.status}): its reports can no longer be decided`, { status: [`is ${run.status}`] });
  if (task.status !== 'waiting' || !task.review_queue) {
    return validationError(`Report ${taskId} is not waiting for a review (it is ${task.status})`, { status: [`is ${task.status}, must be waiting for a review`] });
  }
  return conflict(`Report ${taskId} was being changed at the same time; try again`);
}

/** Decides a waiting report of run `runId` in `env` (exactly once) and resumes the run; the report as decided. */
export async function decideReport(runId: string, taskId: string, env: Environment, body: ReportDecisionBody, who: string, rt: Runtime = systemRuntime): Promise<TaskItem> {
  const { run, tasks } = await getRunWithTasks(runId);
  if (!run || run.environment !== env) throw notFound('WorkflowRun', runId);
  const task = tasks.find((t) => t.id === taskId && t.kind === 'report');
  if (!task?.token || task.status !== 'waiting' || !task.review_queue || isEnded(run.status)) throw await refusal(runId, taskId, env);
  const automatic = ReportResult.parse(task.output);
  const review: ReportReview = { decision: body.decision, note: body.note, by: who, at: isoSeconds(rt.now()), automatic_result: automatic.result };
  const report = decidedReport(automatic, review);
  const handed = task.keep ? { ...(keepPaths(report, task.keep) as Record<string, unknown>), id: task.id, result: report.result } : report;
  const event = decisionEvent({ run_id: runId, task_id: taskId, created_at: review.at }, run.applicant_id);
  const pending = await writeDecision({ runId, taskId, env, token: task.token, review, report, handed, event });
  if (!pending) throw await refusal(runId, taskId, env);
  if ((await resume(pending, rt, event)) === 'dead') {
    throw validationError(`Report ${taskId} can no longer be decided: its review timed out and run ${runId} stopped waiting (the decision is kept on the report)`);
  }
  return (await getTask(runId, taskId))!;
}

/** The pending event announcing a decision, written with it; it waits while the decision's token item is there. */
const decisionEvent = (p: Pick<PendingDecision, 'run_id' | 'task_id' | 'created_at'>, applicantId: string): PendingEvent =>
  completedEvent({ id: p.task_id, workflow_run_id: p.run_id }, applicantId, p.created_at, { by: 'review', after: decisionKey(p.run_id, p.task_id, p.created_at) });

/**
 * Sends a decided report's token: `sent`, `dead` (never accepted), or `later` (logged; the sweep tries again). A dead
 * token just after the decision (`decided`: its event) means the review timed out: the report is marked `timed_out`
 * and the event dropped; found by the sweep it may also be one sent before a crash, so the report is left as it is
 * (the run's end says which) and the event goes if the report stands completed (events/pending.ts).
 */
async function resume(p: PendingDecision, rt: Runtime, decided?: PendingEvent): Promise<'sent' | 'dead' | 'later'> {
  try {
    await clients().sfn.send(new SendTaskSuccessCommand({ taskToken: p.token, output: p.output }));
  } catch (e) {
    if (!(e instanceof Error && DEAD_TOKEN.has(e.name))) {
      logError(`report ${p.task_id}: SendTaskSuccess failed; the lifecycle sweep sends the decision again`, e);
      return 'later';
    }
    if (decided) await Promise.all([closeReview(p.run_id, p.task_id, rt.now().toISOString()), removePendingEvent(decided.key)]);
    await removePending(p);
    return 'dead';
  }
  await removePending(p);
  await announce(p, rt).catch((e: unknown) => logError(`report ${p.task_id}: announcing the decision failed; its event goes with the sweep`, e));
  return 'sent';
}

/** `workflow_task.completed` with the decided report (its pending event, now free to go), and its result in the results search. */
async function announce(p: PendingDecision, rt: Runtime): Promise<void> {
  const [run, task] = await Promise.all([getRun(p.run_id), getTask(p.run_id, p.task_id)]);
  if (!run || !task) return;
  await publishPending(decisionEvent(p, run.applicant_id), rt, taskEventDetail(task, run.applicant_id));
  await indexReport(p.run_id, task.task_type, ReportResult.parse(task.output).result);
}

/** The lifecycle sweep's step: decisions whose token was not sent (older than the writer's grace period), oldest first. */
export async function resumeDecidedReports(rt: Runtime = systemRuntime, limit = 100): Promise<{ resumed: number; dead: number; failed: number }> {
  const out = { resumed: 0, dead: 0, failed: 0 };
  for (const p of await pendingDecisions(new Date(rt.now().getTime() - PENDING_GRACE_MS).toISOString(), limit)) {
    const done = await resume(p, rt);
    if (done === 'sent') out.resumed++; else if (done === 'dead') out.dead++; else out.failed++;
  }
  return out;
}
