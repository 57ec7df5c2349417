/**
 * What a compiled state machine exchanges with the outside world: the execution input the back
 * end starts it with, and the payloads its Task states send to Lambda handlers and EventBridge.
 * One zod schema per boundary; handlers parse with these, the compiler emits these shapes.
 */
import { z } from 'zod';

export const REPORT_TYPES = [
  'document_report', 'facial_similarity_report', 'autofill', 'identity_report', 'watchlist_report',
  'known_faces_report', 'device_intelligence_report', 'driving_licence_verification',
  'india_tax_id_report', 'proof_of_address_report',
] as const;
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

/** Outputs of earlier tasks a report may use: the nearest task of each type on every route to
 *  the report, keyed by task type (capture outputs hold media ids, never bytes). */
export const TaskOutputs = z.record(z.string(), z.object({ task_id: z.string(), output: z.unknown() }));

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
  /** Send/Receive: the data sent to the integrator. */
  send: z.record(z.string(), z.unknown()).optional(),
  /** Set when a retry task sent the end user back here (null on the first attempt). */
  retry: z.object({
    retry_task_id: z.string(),
    reasons: z.array(z.union([z.string(), z.object({ title: z.string(), description: z.string(), button: z.string().optional() })])),
    attempt: z.number().int(),
    max_retries: z.number().int(),
  }).nullable().optional(),
});
export type TaskRequest = z.infer<typeof TaskRequest>;
