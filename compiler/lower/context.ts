/**
 * The compile-time context: what the compiled Task states call. The same compiler serves the
 * CDK stack (real ARNs), the API's activation handler and the local stack (local names).
 */
import { z } from 'zod';
import { ReportType } from '../runtime-contract';

/** A Retrier's back-off, with its defaults. */
const retry = (d: { intervalSeconds: number; maxAttempts: number; backoffRate: number; maxDelaySeconds: number }) => z.object({
  intervalSeconds: z.number().int().min(1).default(d.intervalSeconds),
  maxAttempts: z.number().int().min(0).default(d.maxAttempts),
  backoffRate: z.number().min(1).default(d.backoffRate),
  maxDelaySeconds: z.number().int().min(1).default(d.maxDelaySeconds),
}).default(d);

export const CompileContext = z.object({
  /** Lambda that announces interactive and Send/Receive tasks and keeps their task tokens. */
  taskFunction: z.string().min(1),
  /** Lambda that runs report handlers; `reportFunctions` may give one per report type. */
  reportFunction: z.string().min(1),
  reportFunctions: z.partialRecord(ReportType, z.string().min(1)).optional(),
  /** DynamoDB table holding workflow runs (`pk` = `RUN#<id>`, `sk` = `RUN`). */
  runsTable: z.string().min(1),
  /** EventBridge bus that carries `workflow_run.completed`. */
  eventBusName: z.string().min(1),
  eventSource: z.string().min(1).default('studio.workflows'),
  /** AWS partition of the service integrations' ARNs (`aws`, `aws-cn`, `aws-us-gov`). */
  partition: z.string().min(1).default('aws'),
  /** Retries of report Lambdas on transient errors. */
  reportRetry: retry({ intervalSeconds: 2, maxAttempts: 5, backoffRate: 2, maxDelaySeconds: 60 }),
  /** Retries of a report that did not finish (timed out, or its process died): few, since each may take the whole
   *  `TimeoutSeconds`, and later, so that the load that slowed it may pass. */
  reportTimeoutRetry: retry({ intervalSeconds: 10, maxAttempts: 2, backoffRate: 2, maxDelaySeconds: 60 }),
  /** Default TimeoutSeconds of report tasks that set none. */
  reportTimeoutSeconds: z.number().int().min(1).default(300),
  /** Default wait of interactive (7 days) and Send/Receive (1 day) tasks that set none. */
  interactiveTimeoutSeconds: z.number().int().min(1).default(7 * 24 * 3600),
  sendReceiveTimeoutSeconds: z.number().int().min(1).default(24 * 3600),
  /** Wait for an analyst's decision on a `manual` / `hybrid` document report (7 days, as an end user's). */
  reviewTimeoutSeconds: z.number().int().min(1).default(7 * 24 * 3600),
});
export type CompileContextInput = z.input<typeof CompileContext>;
export type CompileContext = z.infer<typeof CompileContext>;

/** A context for the local stack and for tests: plain function and table names. */
export const LOCAL_CONTEXT: CompileContextInput = {
  taskFunction: 'studio-tasks',
  reportFunction: 'studio-reports',
  runsTable: 'studio',
  eventBusName: 'studio',
};
