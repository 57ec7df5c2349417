/**
 * Report tasks: a Lambda report handler gets the run's input and the outputs of the earlier
 * tasks it may use (media ids, never bytes; a trimmed output `{ id, … }` it reads whole by that
 * id) and returns the report, kept in `$t_<id>`. Of each type it uses, the task that ran on this run's route
 * (report-feeds.ts).
 * Transient errors (the Lambda service's, and the handler's `TRANSIENT_ERRORS`) are retried with
 * the context's `reportRetry` back-off; a report that did not finish (`REPORT_INTERRUPTED_ERRORS`:
 * the state's timeout under load, the function's own, a crash) a few times more with
 * `reportTimeoutRetry`; anything else ends the run `error` at once.
 */
import { SEMANTIC_FIELDS, type Task } from '../model';
import { latestVersion, REGISTRY, reportUsesConfig, type ReportType } from '../tasks/registry';
import type { Retrier, State } from './asl';
import { configOf } from './config';
import { failureCatchers, route, type Env } from './env';
import { EXECUTION_INPUT, expr, lit, literal, objectExpr, sortedEntries, taskVar } from './jsonata';
import { catchers, outputsOf } from './waiting';
import { lowerReview, waitsForReview } from './report-review';
import { feedsExpr, feedsOf } from './report-feeds';
import { LAMBDA_TRANSIENT_ERRORS, REPORT_INTERRUPTED_ERRORS, TRANSIENT_ERRORS } from '../runtime-contract';
import type { CompileContext } from './context';

export function lowerReport(task: Task, env: Env): State {
  if (REGISTRY[task.type].kind !== 'report' || !('next' in task)) throw new Error(`${task.id} is not a report task`);
  const entry = (id: string): string => {
    const config = configSent(task.type as ReportType, env.tasks.get(id));
    return objectExpr([['task_id', lit(id)], ['output', `$${taskVar(id)}`], ...(config ? [['config', lit(config)] as [string, string]] : [])]);
  };
  const retrier = (errors: readonly string[], r: CompileContext['reportRetry']): Retrier => ({
    ErrorEquals: [...errors], IntervalSeconds: r.intervalSeconds, MaxAttempts: r.maxAttempts,
    BackoffRate: r.backoffRate, MaxDelaySeconds: r.maxDelaySeconds, JitterStrategy: 'FULL',
  });
  return {
    Type: 'Task',
    Resource: `arn:${env.ctx.partition}:states:::lambda:invoke`,
    Arguments: {
      FunctionName: env.ctx.reportFunctions?.[task.type as keyof typeof env.ctx.reportFunctions] ?? env.ctx.reportFunction,
      Payload: {
        kind: 'report',
        report: task.type,
        task_id: task.id,
        task_version: task.version ?? latestVersion(task.type),
        config: literal(configOf(task)),
        run: expr(EXECUTION_INPUT),
        tasks: expr(feedsExpr(feedsOf(task, env.an), entry)),
        ...semanticPayload(task, env),
        ...keptFields(task.id, env),
      },
    },
    TimeoutSeconds: ('timeout_seconds' in task ? task.timeout_seconds : undefined) ?? env.ctx.reportTimeoutSeconds,
    Assign: { [taskVar(task.id)]: expr('$states.result.Payload') },
    // Each retrier counts its own attempts: a report that timed out once still has every transient retry.
    Retry: [
      retrier([...LAMBDA_TRANSIENT_ERRORS, ...TRANSIENT_ERRORS], env.ctx.reportRetry),
      retrier(REPORT_INTERRUPTED_ERRORS, env.ctx.reportTimeoutRetry),
    ],
    ...catchers(failureCatchers(env, task.id, false, true)),
    // `processing: manual | hybrid`: on to the analyst's review (report-review.ts).
    ...(waitsForReview(task) ? lowerReview(task, env, keptFields(task.id, env)) : route(env, task.next, { id: task.id, value: '$states.result.Payload' })),
  };
}

/** The configuration keys of an earlier task the report is sent (registry `usesConfig`), when it sets any. */
function configSent(report: ReportType, earlier: Task | undefined): Record<string, unknown> | undefined {
  if (!earlier) return undefined;
  const all = configOf(earlier);
  const kept = reportUsesConfig(report, earlier.type).filter((k) => all[k] !== undefined);
  return kept.length ? Object.fromEntries(kept.map((k) => [k, all[k]])) : undefined;
}

/** `keep`: the report's fields the workflow reads; nothing (the whole report) when it reads the whole report. */
function keptFields(id: string, env: Env): { keep?: string } {
  const kept = env.refs.outputs.get(id) ?? [];
  // An expression: ASL validators take no arrays of scalars in Arguments.
  return kept === 'all' ? {} : { keep: expr(lit(kept)) };
}

/**
 * `semantic_sources`: for each applicant field, the paths of the received properties (of
 * Send/Receive tasks that precede the report on every route, nearest first) and then of the
 * custom inputs that stand for it, with the `outputs` of those tasks; the handler reads them
 * from DynamoDB and uses the first one present, so the values never enter the execution.
 * Nothing when the workflow names none.
 */
function semanticPayload(task: Task, env: Env): { semantic_sources?: string; outputs?: string } {
  const sources = new Map<string, string[]>(SEMANTIC_FIELDS.map((f) => [f, []]));
  env.an.eachPreceding(task.id, (id) => {
    const before = env.tasks.get(id);
    if (before?.type !== 'send_receive') return;
    for (const [name, field] of sortedEntries(before.receive)) {
      if (field.semantic) sources.get(field.semantic)?.push(`tasks.${id}.output.${name}`);
    }
  });
  for (const [name, input] of sortedEntries(env.input?.custom)) {
    if (input.semantic) sources.get(input.semantic)?.push(`input.custom.${name}`);
  }
  const entries = [...sources].filter(([, paths]) => paths.length > 0);
  if (entries.length === 0) return {};
  // An expression: ASL validators take no arrays of scalars in Arguments.
  return { semantic_sources: expr(lit(Object.fromEntries(entries))), ...outputsOf(entries.flatMap(([, paths]) => paths)) };
}
