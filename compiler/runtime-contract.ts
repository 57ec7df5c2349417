/**
 * What a compiled state machine exchanges with the outside world: the execution input the back
 * end starts it with, and the payloads its Task states send to Lambda handlers and EventBridge.
 * One zod schema per boundary; handlers parse with these, the compiler emits these shapes.
 */
import { z } from 'zod';
import { REPORT_TYPES } from './tasks/registry';

/** Report types, what each one's handler is sent of earlier tasks, and which captures are uploads: see the registry. */
export { FACE_CAPTURE_OF_VARIANT, MEDIA_CAPTURES, REPORT_TYPES, reportUses, reportUsesConfig } from './tasks/registry';
export const ReportType = z.enum(REPORT_TYPES);
export type ReportType = z.infer<typeof ReportType>;

/** The input of every execution of a compiled workflow. */
export const ExecutionInput = z.object({
  workflow_run_id: z.string().min(1),
  applicant_id: z.string().min(1),
  /** `sandbox` runs give deterministic report results (see the verification suite). */
  sandbox: z.boolean().default(false),
  applicant: z.record(z.string(), z.unknown()).default({}),
  custom: z.record(z.string(), z.unknown()).default({}),
});
export type ExecutionInput = z.infer<typeof ExecutionInput>;
/** The custom data key sandbox reports read forced results from (a setting, not personal data): the execution input's
 *  `custom` keeps it, with the keys the workflow's conditions and outputs read. */
export const SANDBOX_RESULTS_KEY = '_sandbox_results';

/** Outputs of earlier tasks a report may use: the nearest task of each type it `uses` (registry) on every route to
 *  the report, keyed by task type (capture outputs hold media ids, never bytes); `config`: the keys of that task's
 *  configuration the report is sent (registry `usesConfig`, e.g. a document capture's accepted `documents`), when set. */
export const TaskOutputs = z.record(z.string(), z.object({ task_id: z.string(), output: z.unknown(), config: z.record(z.string(), z.unknown()).optional() }));

/** The outputs, as the states hold them, of the tasks that data paths of a payload name (`tasks.<id>.output…`), by
 *  task id: a trimmed output (`{ id, … }`, a profile capture's, received data, a report) is read whole by that id. */
export const SourceOutputs = z.record(z.string(), z.unknown());

/** Payload of a report Lambda invocation (`arn:aws:states:::lambda:invoke`). The handler
 *  returns the report object: `{ result, sub_result?, breakdown, properties }`. */
export const ReportRequest = z.object({
  kind: z.literal('report'),
  report: ReportType,
  task_id: z.string(),
  task_version: z.number().int().positive(),
  config: z.record(z.string(), z.unknown()),
  run: ExecutionInput,
  tasks: TaskOutputs,
  /** Applicant fields (SEMANTIC_FIELDS) from custom inputs and received properties that say they stand for them, as
   *  data paths (`tasks.<id>.output.<property>`, `input.custom.<name>`), first choice first: the handler reads them
   *  (DataSources) and uses the first present one when the applicant lacks the field. Absent when the workflow names none. */
  semantic_sources: z.record(z.string(), z.array(z.string())).optional(),
  /** The values of `semantic_sources` (the handler reads them; machines compiled before the sources sent the values). */
  semantic: z.record(z.string(), z.unknown()).optional(),
  outputs: SourceOutputs.optional(),
  /** The report's fields the workflow reads (paths below the report, compiler/references.ts): the handler returns only
   *  these, with the stored task's `id` and the `result`, so the execution's history holds no more. Absent: the whole report. */
  keep: z.array(z.array(z.string())).optional(),
});
export type ReportRequest = z.infer<typeof ReportRequest>;

export const ReportResult = z.object({
  result: z.enum(['clear', 'consider']),
  sub_result: z.string().optional(),
  breakdown: z.record(z.string(), z.unknown()),
  properties: z.record(z.string(), z.unknown()),
}).passthrough();
export type ReportResult = z.infer<typeof ReportResult>;

/** Payload of the task Lambda (`arn:aws:states:::lambda:invoke.waitForTaskToken`): an
 *  interactive capture task or a Send/Receive task is waiting; `token` completes it. */
export const TaskRequest = z.object({
  kind: z.enum(['interactive', 'send_receive']),
  task_id: z.string(),
  task_type: z.string(),
  task_version: z.number().int().positive(),
  name: z.string().optional(),
  /** Interactive: the task's configuration. Send/Receive: `{ task_def_id, task_def_version, receive }`. */
  config: z.record(z.string(), z.unknown()),
  run: ExecutionInput,
  token: z.string().min(1),
  /** Send/Receive: the data to send to the integrator, by property, as data paths (`input.custom.<name>`,
   *  `input.applicant.<field>`, `tasks.<id>.output…`) with the `outputs` of the tasks they name; the handler reads the
   *  values, so they never enter the execution. */
  send_sources: z.record(z.string(), z.string()).optional(),
  outputs: SourceOutputs.optional(),
  /** Send/Receive values, as machines compiled before `send_sources` sent them. */
  send: z.record(z.string(), z.unknown()).optional(),
  /** Profile data capture, Send/Receive (personal data): the output's fields the workflow reads. The completion hands
   *  Step Functions only these, with the stored task's `id` (the whole output stays on the task). Absent: the whole output. */
  keep: z.array(z.array(z.string())).optional(),
  /** The state's TimeoutSeconds: the task is stored with its deadline, which the capture page warns of (WCAG 2.2.1).
   *  Absent from machines compiled before it. */
  timeout_seconds: z.number().int().positive().optional(),
  /** When the state was entered (`$states.context.State.EnteredTime`): its timeout runs from then. The same for every
   *  retry of the state (each with a new token): the task function keeps one task per entry (lambdas/tasks/handler.ts). */
  entered_at: z.string().optional(),
  /** The state's retry count (`$states.context.State.RetryCount`): which of the entry's tokens is the newest. Absent
   *  from machines compiled before it. */
  attempt: z.number().int().min(0).optional(),
  /** Set when a retry task sent the end user back here (null on the first attempt). */
  retry: z.object({
    retry_task_id: z.string(),
    reasons: z.array(z.union([z.string(), z.object({ title: z.string(), description: z.string(), button: z.string().optional() })])),
    attempt: z.number().int(),
    max_retries: z.number().int(),
  }).nullable().optional(),
});
export type TaskRequest = z.infer<typeof TaskRequest>;

/** Payload of the task Lambda from a `manual` / `hybrid` document report's review state (`.waitForTaskToken`,
 *  compiler/lower/report-review.ts): the report task `task_id` of the run (its newest stored report) waits for an
 *  analyst's decision; `token` resumes the run with the decided report; `keep`: as the report's request. */
export const ReportReviewRequest = z.object({
  kind: z.literal('report_review'),
  task_id: z.string(),
  report: ReportType,
  processing: z.enum(['manual', 'hybrid']),
  run: ExecutionInput,
  token: z.string().min(1),
  keep: z.array(z.array(z.string())).optional(),
});
export type ReportReviewRequest = z.infer<typeof ReportReviewRequest>;

/**
 * Errors handlers throw, by their stable `name` (what a compiled Retry or Catch matches).
 * Transient: a retry may cure them (storage, the face engine's models, a report provider).
 * Compiled report tasks retry them, and the Lambda service's own transient errors, with the
 * context's `reportRetry` back-off, and interrupted runs (below) with `reportTimeoutRetry`;
 * anything else is not retried.
 */
export const TRANSIENT_ERRORS = ['ReportUnavailable', 'FaceEngineError', 'ReportProviderUnavailable'] as const;
/**
 * The task function's transient error: a DynamoDB or EventBridge call of it was throttled, hit a server fault or got no
 * answer (after the SDK's own retries), or the bus refused its event with a retryable entry code (`ThrottlingException`,
 * `InternalFailure`: a 200 answer the SDK does not retry) after the function's own tries. Capture, Send/Receive and
 * review waits retry it a bounded number of times with back-off (`WAIT_STORAGE_RETRY`); the task function is safe to
 * run again with the retry's new token (it keeps the task an earlier attempt of the same state entry stored, with the
 * new token). A bug is never turned into it.
 */
export const WAIT_TRANSIENT_ERRORS = ['StorageUnavailable'] as const;
export type TransientErrorName = (typeof TRANSIENT_ERRORS)[number] | (typeof WAIT_TRANSIENT_ERRORS)[number];
/** How a wait retries `WAIT_TRANSIENT_ERRORS`: up to 4 more tries, 2, 4, 8 and 16 seconds apart at most (full jitter);
 *  then the run ends `error` (`internal_error`). */
export const WAIT_STORAGE_RETRY = { intervalSeconds: 2, maxAttempts: 4, backoffRate: 2, maxDelaySeconds: 16 } as const;
/** The Lambda service could not run the function (throttled, service fault, the call to it timed out): worth a retry
 *  (AWS's "Handle Lambda service exceptions" list, with throttling). */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;
/**
 * The function's run was cut short, not refused: its process died (`Runtime.ExitError`; `Lambda.Unknown`, which AWS
 * reports for out-of-memory errors and function timeouts) or it ran out of time (`Sandbox.Timedout`, the function's own
 * timeout). A new invocation, on a fresh instance, may well finish. A handler's own error (a bug) is not among them.
 */
export const LAMBDA_CRASH_ERRORS = ['Runtime.ExitError', 'Lambda.Unknown', 'Sandbox.Timedout'] as const;
/**
 * A report that did not finish: a crash, or the Task state's `TimeoutSeconds` (`States.Timeout`) passed while the
 * report Lambda was still running (under load). Compiled report tasks retry these a bounded number of times with the
 * context's `reportTimeoutRetry` back-off; a capture's `States.Timeout` is the end user's absence and never retried.
 */
export const REPORT_INTERRUPTED_ERRORS = ['States.Timeout', ...LAMBDA_CRASH_ERRORS] as const;
/** Errors that say a task ran out of time: after its retries, the run ends `task_timeout`. */
export const TIMEOUT_ERRORS = ['States.Timeout', 'Sandbox.Timedout'] as const;
/** Errors a handler throws on purpose when its task cannot succeed (a retry would fail again). */
export const TASK_FAILED_ERRORS = ['ReportProviderError', 'InvalidReportRequest', 'InvalidTaskRequest', 'RunNotFound'] as const;

/**
 * What a run that ended `error` shows (API, webhooks, the run record, the completion event):
 * one of these types, each with its one message. Details (the handler's error, its stack) stay
 * in the logs and the execution's history.
 */
export const RUN_ERRORS = {
  task_timeout: 'A task of the workflow did not finish in time.',
  report_unavailable: 'A report could not be produced: a service it needs stayed unavailable through every retry.',
  task_failed: 'A task of the workflow failed and would fail again if retried.',
  internal_error: 'The workflow run stopped because of an internal error.',
  execution_not_started: 'The workflow could not be started; create a new run.',
  execution_timed_out: 'The workflow execution timed out.',
  execution_aborted: 'The workflow execution was stopped.',
} as const;
export type RunErrorType = keyof typeof RUN_ERRORS;
export const RunError = z.object({ type: z.string(), message: z.string() });
export type RunError = z.infer<typeof RunError>;
export const runError = (type: RunErrorType): RunError => ({ type, message: RUN_ERRORS[type] });
/** A stored error as it may be shown: a listed type with its message, anything else `internal_error`. */
export const publicRunError = (type: string | null | undefined): RunError =>
  runError(type && Object.hasOwn(RUN_ERRORS, type) ? type as RunErrorType : 'internal_error');

/**
 * The run record, which the back end (lambdas/store/runs.ts) and compiled state machines
 * (compiler/lower/result.ts) both write: its key, and the end statuses after which it is never
 * written again.
 */
export const RUN_KEY = { pkPrefix: 'RUN#', sk: 'RUN' } as const;
/**
 * The run's status within its environment, `<environment>#<status>` in the attribute `env_status`:
 * the partition key of the index `by_env_status` (lambdas/store/table.ts), so a status list reads
 * only its environment's runs. Written with every write of `status`, in the same update; compiled
 * state machines take the environment from the execution input's `sandbox` flag.
 */
export const RUN_STATUS_KEY = 'env_status';
export const runStatusKey = (environment: 'sandbox' | 'live', status: string) => `${environment}#${status}`;
export const RUN_END_STATUSES = ['approved', 'review', 'declined', 'abandoned', 'error'] as const;
/** `NOT (#status IN (:e0, …))` over the end statuses (`#status` must name `status`), and its values. */
export function notEndedCondition(): { expression: string; values: Record<string, string> } {
  const names = RUN_END_STATUSES.map((_, i) => `:e${i}`);
  return {
    expression: `NOT (#status IN (${names.join(', ')}))`,
    values: Object.fromEntries(RUN_END_STATUSES.map((s, i) => [names[i], s])),
  };
}
