/**
 * A document report's `processing`: `manual` (every report) or `hybrid` (a `consider` one) waits
 * for an analyst's decision in the review queue before the workflow goes on. `auto` (the default)
 * adds nothing. After the report's Task state:
 *  - hybrid: a Choice `<id>.processing` on the automatic result (`consider` → review, else on);
 *  - `<id>.review`: `lambda:invoke.waitForTaskToken` on the task function, which marks the stored
 *    report waiting with the token (lambdas/tasks/report-review.ts); the analyst's decision sends the
 *    report with the analyst's result back (lambdas/results/report-review.ts), kept in `$t_<id>`.
 * The wait times out after the context's `reviewTimeoutSeconds` (7 days, as an end user's): the run
 * then ends `error` (`task_timeout`), as when an integrator never answers a Send/Receive task.
 */
import type { TaskOf } from '../model';
import type { State } from './asl';
import { choiceTarget, failureCatchers, route, type Env } from './env';
import { EXECUTION_INPUT, expr, taskVar } from './jsonata';
import { catchers, taskFunctionRetry } from './waiting';

type DocumentReport = TaskOf<'document_report'>;

export const reviewState = (id: string) => `${id}.review`;
export const processingState = (id: string) => `${id}.processing`;

/** Whether the report may wait for an analyst. */
export const waitsForReview = (task: { type: string; processing?: string }): task is DocumentReport & { processing: 'manual' | 'hybrid' } =>
  task.type === 'document_report' && (task.processing === 'manual' || task.processing === 'hybrid');

/**
 * The states after the report's own (put in `env.extra`) and where the report's state goes:
 * `Next` to the review (manual) or to the Choice (hybrid).
 */
export function lowerReview(task: DocumentReport & { processing: 'manual' | 'hybrid' }, env: Env, keep: { keep?: string }): { Next: string } {
  const review = reviewState(task.id);
  env.extra[review] = {
    Type: 'Task',
    Comment: 'Waits for an analyst\'s decision on the report (the review queue).',
    Resource: `arn:${env.ctx.partition}:states:::lambda:invoke.waitForTaskToken`,
    Arguments: {
      FunctionName: env.ctx.taskFunction,
      Payload: {
        kind: 'report_review',
        task_id: task.id,
        report: task.type,
        processing: task.processing,
        run: expr(EXECUTION_INPUT),
        token: expr('$states.context.Task.Token'),
        ...keep,
      },
    },
    TimeoutSeconds: env.ctx.reviewTimeoutSeconds,
    Assign: { [taskVar(task.id)]: expr('$states.result') },
    // Only the recording Lambda's failures, as a capture's (waiting.ts): States.Timeout here is the analysts' absence.
    Retry: taskFunctionRetry(),
    ...catchers(failureCatchers(env, task.id, false)),
    ...route(env, task.next, { id: task.id, value: '$states.result' }),
  } satisfies State;
  if (task.processing === 'manual') return { Next: review };
  const choice = processingState(task.id);
  env.extra[choice] = {
    Type: 'Choice',
    Comment: 'Hybrid processing: an analyst decides a consider report.',
    Choices: [{ Condition: expr(`$${taskVar(task.id)}.result = "consider"`), Next: review }],
    Default: choiceTarget(env, task.next),
  } satisfies State;
  return { Next: choice };
}
