/**
 * The events of a workflow run, as they travel on the EventBridge bus (source `studio.workflows`,
 * one detail-type per event). The compiled state machine emits `workflow_run.completed` itself
 * (compiler/lower/result.ts); the back end emits the task events with `publish`.
 */
import { z } from 'zod';

export const EVENT_SOURCE = 'studio.workflows';
/** The source of a trial run's `workflow_run.completed` (runs/trial.ts): no rule of the product's events matches it. */
export const TRIAL_EVENT_SOURCE = 'studio.trials';

export const EVENTS = {
  runCompleted: 'workflow_run.completed',
  taskStarted: 'workflow_task.started',
  taskCompleted: 'workflow_task.completed',
  /** The evidence function (lambdas/evidence) made the signed evidence PDF and folder of an ended run. */
  evidenceFolderCreated: 'workflow_run_evidence_folder.created',
  /** A timeline file asked for with POST /workflow_runs/{id}/timeline_file is ready. */
  timelineFileCreated: 'workflow_timeline_file.created',
  /** Beyond Onfido: a run that ended `review` was decided in the console's review queue (lambdas/results/review.ts). */
  reviewCompleted: 'workflow_run.review_completed',
} as const;
/** Onfido's events: what a webhook registered without `events` receives. */
export const ONFIDO_WEBHOOK_EVENTS = [
  EVENTS.runCompleted, EVENTS.taskStarted, EVENTS.taskCompleted, EVENTS.timelineFileCreated, EVENTS.evidenceFolderCreated,
] as const;
/**
 * Onfido's `webhook_event_type` (v3.6): a webhook may name any of them. This product emits only
 * `ONFIDO_WEBHOOK_EVENTS` (no checks, reports outside workflows, audit log or watchlist
 * monitors), so a webhook subscribed to the others is stored and never receives them.
 */
export const ONFIDO_EVENT_TYPES = [
  'audit_log.created', 'watchlist_monitor.matches_updated', ...ONFIDO_WEBHOOK_EVENTS,
  'check.started', 'check.reopened', 'check.withdrawn', 'check.completed', 'check.form_completed',
  'report.withdrawn', 'report.resumed', 'report.cancelled', 'report.awaiting_approval', 'report.completed',
] as const;
/** Events a webhook may subscribe to: Onfido's, and ours, which a webhook receives only when its `events` name them. */
export const WEBHOOK_EVENTS = [...ONFIDO_EVENT_TYPES, EVENTS.reviewCompleted] as const;
export const WebhookEventName = z.enum(WEBHOOK_EVENTS);
export type WebhookEventName = z.infer<typeof WebhookEventName>;

/** `$end` of a run: `{ status, task_id, reasons?, output? }`, or `{ status, task_id, error | message }`. */
export const RunResult = z.looseObject({
  status: z.string(),
  task_id: z.string().optional(),
  reasons: z.array(z.unknown()).optional(),
  output: z.unknown().optional(),
  error: z.object({ type: z.string().nullable(), message: z.string().nullable() }).partial().nullable().optional(),
});

export const RunCompletedDetail = z.object({
  workflow_run_id: z.string().min(1),
  applicant_id: z.string().min(1),
  status: z.string(),
  result: RunResult,
});
export type RunCompletedDetail = z.infer<typeof RunCompletedDetail>;

export const TaskEventDetail = z.object({
  workflow_run_id: z.string().min(1),
  applicant_id: z.string().optional(),
  task_id: z.string().min(1),
  task_def_id: z.string().min(1),
  task_def_version: z.union([z.string(), z.number()]).nullable(),
  status: z.string(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
});
export type TaskEventDetail = z.infer<typeof TaskEventDetail>;

export const EvidenceFolderDetail = z.object({ workflow_run_id: z.string().min(1), applicant_id: z.string().min(1) });
export const TimelineFileDetail = EvidenceFolderDetail.extend({ timeline_file_id: z.string().min(1) });
export type TimelineFileDetail = z.infer<typeof TimelineFileDetail>;

export const ReviewCompletedDetail = EvidenceFolderDetail.extend({
  decision: z.enum(['approve', 'decline']), note: z.string(), by: z.string().min(1), at: z.string().min(1),
});
export type ReviewCompletedDetail = z.infer<typeof ReviewCompletedDetail>;

/** Detail schema of every event the back end may publish, by detail-type. */
export const DETAILS = {
  [EVENTS.runCompleted]: RunCompletedDetail,
  [EVENTS.taskStarted]: TaskEventDetail,
  [EVENTS.taskCompleted]: TaskEventDetail,
  [EVENTS.evidenceFolderCreated]: EvidenceFolderDetail,
  [EVENTS.timelineFileCreated]: TimelineFileDetail,
  [EVENTS.reviewCompleted]: ReviewCompletedDetail,
} as const;
export type EventName = keyof typeof DETAILS;
export type DetailOf<E extends EventName> = z.infer<(typeof DETAILS)[E]>;
export const EventName = z.enum([EVENTS.runCompleted, EVENTS.taskStarted, EVENTS.taskCompleted, EVENTS.evidenceFolderCreated, EVENTS.timelineFileCreated, EVENTS.reviewCompleted]);

/** Internal (no webhook, not recorded): POST …/timeline_file asks the evidence function for a file. */
export const TIMELINE_FILE_REQUESTED = 'studio.timeline_file_requested';
/**
 * What the evidence function is sent (lib/events.ts, local/stack/rules.ts): a run's end (its
 * evidence; a `review` run also enters the review queue), a review decision (the evidence is
 * made again, with the decision) and timeline file requests.
 */
export const EVIDENCE_EVENTS = [EVENTS.runCompleted, EVENTS.reviewCompleted, TIMELINE_FILE_REQUESTED] as const;
/**
 * A trial run's end (`studio.trials`, which no other rule matches) goes to the evidence function
 * too, which only copies it on the run's search index items (no evidence, no review queue).
 */
export const TRIAL_END_PATTERN = { source: [TRIAL_EVENT_SOURCE], detailType: [EVENTS.runCompleted] } as const;

/**
 * `dedupe_id`: in the detail of an event put from a pending event (events/pending.ts), the same on every copy of it the
 * bus may get (the bus took it, then the pending item's removal failed and the sweep put it again). The webhook worker
 * delivers one of them to each webhook; a consumer of the bus may dedupe on it too.
 */
const Deduped = z.object({ dedupe_id: z.string().min(1) });
export const dedupeIdOf = (detail: unknown): string | undefined => {
  const d = Deduped.safeParse(detail);
  return d.success ? d.data.dedupe_id : undefined;
};

/** An EventBridge event as a rule target (SQS) receives it. */
export const BusEvent = z.looseObject({
  id: z.string().min(1),
  'detail-type': z.string(),
  source: z.string(),
  time: z.string(),
  detail: z.unknown(),
});
export type BusEvent = z.infer<typeof BusEvent>;

/**
 * Resend (POST /webhooks/resend) puts this on the bus: deliver a recorded event again to
 * the listed webhooks. A separate detail-type, so customers' own rules on run outcomes
 * do not see a replay as a second outcome.
 */
export const REDELIVERY = 'studio.webhook_redelivery';
export const RedeliveryDetail = z.object({ event: BusEvent, webhook_ids: z.array(z.string()).min(1) });
export type RedeliveryDetail = z.infer<typeof RedeliveryDetail>;

/** The rule that feeds the webhook queue: every event of the source (workflow events and redeliveries). */
export const WEBHOOK_RULE_PATTERN = { source: [EVENT_SOURCE] } as const;
/** The execution statuses the execution-events rule passes to its function (lib/events.ts, local/stack/rules.ts): an execution that ended badly. */
export const FAILED_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;
