/**
 * Report tasks: a Lambda report handler gets the run's input and the outputs of the earlier
 * tasks it may use (media ids, never bytes) and returns the report, kept in `$t_<id>`.
 * Transient errors (the Lambda service's, and the handler's `TRANSIENT_ERRORS`) are retried with
 * the context's back-off; anything else ends the run `error` at once.
 */
import { SEMANTIC_FIELDS, type Task } from '../model';
import { latestVersion, REGISTRY, reportUsesConfig, type ReportType } from '../tasks/registry';
import type { State } from './asl';
import { configOf } from './config';
import { failureCatchers, route, type Env } from './env';
import { EXECUTION_INPUT, expr, lit, literal, objectExpr, pathExpr, sortedEntries, taskVar } from './jsonata';
import { catchers } from './waiting';
import { LAMBDA_TRANSIENT_ERRORS, TRANSIENT_ERRORS } from '../runtime-contract';

export function lowerReport(task: Task, env: Env): State {
  if (REGISTRY[task.type].kind !== 'report' || !('next' in task)) throw new Error(`${task.id} is not a report task`);
  const before = env.an.nearestByType(task.id);
  const earlier = (REGISTRY[task.type].uses ?? []).flatMap((type): Array<[string, string]> => {
    const id = before.get(type);
    if (!id) return [];
    const config = configSent(task.type as ReportType, env.tasks.get(id));
    return [[type, objectExpr([['task_id', lit(id)], ['output', `$${taskVar(id)}`], ...(config ? [['config', lit(config)] as [string, string]] : [])])]];
  });
  const r = env.ctx.reportRetry;
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
        tasks: expr(objectExpr(earlier)),
        ...semanticPayload(task, env),
        ...keptFields(task.id, env),
      },
    },
    TimeoutSeconds: ('timeout_seconds' in task ? task.timeout_seconds : undefined) ?? env.ctx.reportTimeoutSeconds,
    Assign: { [taskVar(task.id)]: expr('$states.result.Payload') },
    Retry: [{
      ErrorEquals: [...LAMBDA_TRANSIENT_ERRORS, ...TRANSIENT_ERRORS], IntervalSeconds: r.intervalSeconds, MaxAttempts: r.maxAttempts,
      BackoffRate: r.backoffRate, MaxDelaySeconds: r.maxDelaySeconds, JitterStrategy: 'FULL',
    }],
    ...catchers(failureCatchers(env, task.id, false, true)),
    ...route(env, task.next, { id: task.id, value: '$states.result.Payload' }),
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
 * `semantic`: for each applicant field, the received properties (of Send/Receive tasks that
 * precede the report on every route, nearest first) and then the custom inputs that stand for
 * it; the first one present is sent. Nothing when the workflow names none.
 */
function semanticPayload(task: Task, env: Env): { semantic?: string } {
  const sources = new Map<string, string[]>(SEMANTIC_FIELDS.map((f) => [f, []]));
  env.an.eachPreceding(task.id, (id) => {
    const before = env.tasks.get(id);
    if (before?.type !== 'send_receive') return;
    for (const [name, field] of sortedEntries(before.receive)) {
      if (field.semantic) sources.get(field.semantic)?.push(pathExpr(`tasks.${id}.output.${name}`));
    }
  });
  for (const [name, input] of sortedEntries(env.input?.custom)) {
    if (input.semantic) sources.get(input.semantic)?.push(pathExpr(`input.custom.${name}`));
  }
  const entries = [...sources].flatMap(([f, exprs]): Array<[string, string]> =>
    exprs.length === 0 ? [] : [[f, exprs.length === 1 ? exprs[0]! : `[${exprs.join(', ')}][0]`]]);
  return entries.length === 0 ? {} : { semantic: expr(objectExpr(entries)) };
}
