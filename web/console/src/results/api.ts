/** The results pages' calls (`/v3.6/studio/results…`, `/v3.6/studio/review_queue…`, `/v3.6/workflow_runs/{id}…`), one zod schema per response. */
import { z } from 'zod';
import type { Client } from '../api';

const Review = z.object({ decision: z.enum(['approve', 'decline']), note: z.string(), by: z.string(), at: z.string() });
/** A run's `review` extension: who it is assigned to, and the decision once made. */
const RunReview = Review.partial().extend({ assigned_to: z.string().optional() });
export type RunReview = z.infer<typeof RunReview>;
export const ResultRow = z.object({
  id: z.string(), status: z.string(), reasons: z.array(z.unknown()),
  applicant_id: z.string(), applicant: z.object({ first_name: z.string().nullable(), last_name: z.string().nullable(), email: z.string().nullable() }),
  workflow_id: z.string(), workflow_name: z.string().nullable(), workflow_version_id: z.number(),
  tags: z.array(z.string()), reports: z.array(z.string()), review: Review.nullable(), assigned_to: z.string().nullable(),
  created_at: z.string(), updated_at: z.string(), completed_at: z.string().nullable(),
});
export type ResultRow = z.infer<typeof ResultRow>;
const ResultsPage = z.object({ results: z.array(ResultRow), next: z.string().nullable() });
/** A document report waiting for an analyst (`processing: manual | hybrid`): its automatic result and the media it read. */
const ReportReview = z.object({
  task_id: z.string(), task_type: z.string(), name: z.string(), processing: z.enum(['manual', 'hybrid']), waiting_since: z.string(),
  automatic: z.object({
    result: z.enum(['clear', 'consider']), sub_result: z.string().nullable(), breakdown: z.record(z.string(), z.unknown()), properties: z.record(z.string(), z.unknown()),
  }),
  media: z.array(z.object({ kind: z.string(), id: z.string(), type: z.string().nullable(), side: z.string().nullable(), download_href: z.string() })),
});
export type ReportReview = z.infer<typeof ReportReview>;
/** An analyst's decision on such a report, on the report's output as `review`. */
export const ReportDecision = z.object({
  decision: z.enum(['clear', 'consider']), note: z.string(), by: z.string(), at: z.string(), automatic_result: z.enum(['clear', 'consider']),
});
export const QueueRow = ResultRow.extend({ report_review: ReportReview.nullable() });
export type QueueRow = z.infer<typeof QueueRow>;
const QueuePage = z.object({ results: z.array(QueueRow), next: z.string().nullable() });

export const Task = z.object({
  id: z.string(), task_def_id: z.string(), status: z.enum(['started', 'completed', 'failed']), task_type: z.string(), name: z.string(),
  created_at: z.string(), completed_at: z.string().nullable(), input: z.unknown().optional(), output: z.unknown().optional(),
});
export type Task = z.infer<typeof Task>;
export const Run = z.looseObject({
  id: z.string(), status: z.string(), applicant_id: z.string(), workflow_id: z.string(), workflow_version_id: z.number(),
  reasons: z.array(z.unknown()), output: z.unknown(), tags: z.array(z.string()), created_at: z.string(), updated_at: z.string(),
  link: z.looseObject({ url: z.string(), expires_at: z.string().nullable() }), review: RunReview.optional(),
});
export type Run = z.infer<typeof Run>;

export const Step = z.object({
  task_id: z.string(), task_type: z.string(), name: z.string(), status: z.enum(['started', 'completed', 'failed', 'skipped']),
  started_at: z.string().nullable(), ended_at: z.string().nullable(), duration_ms: z.number().nullable(), record_id: z.string().nullable(),
  input: z.unknown().optional(), output: z.unknown().optional(),
});
export type Step = z.infer<typeof Step>;
export const Media = z.object({
  id: z.string(), kind: z.enum(['documents', 'live_photos', 'live_videos', 'motion_captures']), task_id: z.string(), file_name: z.string(),
  content_type: z.string(), created_at: z.string(), side: z.string().nullable(), download_href: z.string(), image_href: z.string(),
});
export type Media = z.infer<typeof Media>;
export const TimelineEvent = z.object({ at: z.string(), kind: z.string(), description: z.string() });
export type TimelineEvent = z.infer<typeof TimelineEvent>;
const Inspection = z.object({ definition: z.unknown(), steps: z.array(Step), timeline: z.array(TimelineEvent), media: z.array(Media) });
export type Inspection = z.infer<typeof Inspection>;

export const Funnel = z.object({
  workflow_id: z.string(), version: z.number(), started: z.number(), completed: z.number(), completion_rate: z.number().nullable(),
  outcomes: z.record(z.string(), z.number()), truncated: z.boolean(), oldest: z.string().nullable(), trials_excluded: z.number(),
  tasks: z.array(z.object({
    task_id: z.string(), name: z.string(), task_type: z.string(), reached: z.number(), completed: z.number(), stopped: z.number(), waiting: z.number(), median_ms: z.number().nullable(),
  })),
});
export type Funnel = z.infer<typeof Funnel>;

export function resultsApi(api: Client) {
  const run = (id: string) => `/v3.6/workflow_runs/${encodeURIComponent(id)}`;
  return {
    search: (query: string) => api.call(ResultsPage, 'GET', `/v3.6/studio/results${query ? `?${query}` : ''}`),
    run: (id: string) => api.call(Run, 'GET', run(id)),
    tasks: (id: string) => api.call(z.array(Task), 'GET', `${run(id)}/tasks`),
    task: (id: string, taskId: string) => api.call(Task, 'GET', `${run(id)}/tasks/${encodeURIComponent(taskId)}`),
    /** A page of the review queue: `after` is the previous page's `next`. */
    reviewQueue: (after?: string, limit = 100) => api.call(QueuePage, 'GET',
      `/v3.6/studio/review_queue?${new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) }).toString()}`),
    assign: (id: string) => api.call(Run, 'POST', `/v3.6/studio/review_queue/${encodeURIComponent(id)}/assign`, {}),
    decide: (id: string, decision: 'approve' | 'decline', note: string) =>
      api.call(Run, 'POST', `/v3.6/studio/review_queue/${encodeURIComponent(id)}/decision`, { decision, note }),
    /** Decides a document report waiting for an analyst: its result becomes `decision`. */
    decideReport: (id: string, taskId: string, decision: 'clear' | 'consider', note: string) => api.call(Task, 'POST',
      `/v3.6/studio/review_queue/${encodeURIComponent(id)}/reports/${encodeURIComponent(taskId)}/decision`, { decision, note }),
    funnel: (workflowId: string, version: number, includeTrials: boolean) => api.call(Funnel, 'GET',
      `/v3.6/studio/funnel?${new URLSearchParams({ workflow_id: workflowId, version: String(version), ...(includeTrials ? { include_trials: 'true' } : {}) }).toString()}`),
    inspect: (id: string) => api.call(Inspection, 'GET', `/v3.6/studio/runs/${encodeURIComponent(id)}`),
  };
}
