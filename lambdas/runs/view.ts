/**
 * A run as the API shows it (Onfido's WorkflowRun). While the run lives, its status is the
 * item's; once the state machine recorded the end, `result` supplies reasons, output and error.
 * The integrator (API token, webhooks) sees everything, with a fresh `sdk_token` (scoped to the
 * run, never valid past `link.expires_at`; none once the link has expired or the run has ended)
 * and the capture link; the end user (SDK token) only what the capture page needs (`toCaptureRun`).
 */
import { z } from 'zod';
import { publicRunError } from '../../compiler';
import type { WorkflowSettings } from '../../compiler';
import { createLinkToken, createSdkToken, SDK_TOKEN_SECONDS } from '../shared/tokens';
import { config } from '../shared/config';
import { isoSeconds } from '../shared/ids';
import { isEnded, linkExpired, type RunItem, type RunLink, type RunReview, type RunStatus } from '../store/runs';

export interface WorkflowRun {
  id: string;
  applicant_id: string;
  workflow_id: string;
  workflow_version_id: number;
  status: RunStatus;
  output: unknown;
  reasons: unknown[];
  error: { type: string; message: string } | null;
  link: RunLink & { url: string };
  tags: string[];
  customer_user_id: string | null;
  dashboard_url: string;
  /** Extension: the review queue's decision on a run that ended `review` (status stays `review`), and who it is assigned to. */
  review?: Partial<RunReview> & { assigned_to?: string };
  /** Extension: a trial run of a draft (the builder's "Try it"), `workflow_version_id` 0. */
  trial?: true;
  sdk_token: string | null;
  created_at: string;
  updated_at: string;
}

const EndResult = z.looseObject({
  reasons: z.array(z.unknown()).optional(),
  output: z.unknown().optional(),
  error: z.object({ type: z.string().nullish(), message: z.string().nullish() }).nullish(),
  message: z.string().optional(),
});

/** What the state machine recorded at the end (reasons, output, error); empty while the run lives. */
export function endOf(run: RunItem): z.infer<typeof EndResult> {
  if (!run.result) return {};
  try {
    const parsed = EndResult.safeParse(JSON.parse(run.result));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const iso = (t: string) => isoSeconds(new Date(t));

/**
 * The run as the API shows it. `credentials`: whether the view carries the run's capture
 * credentials (`sdk_token` and the link's token) while the run lives: for API tokens, admins,
 * webhooks and generic links; never for analysts, exports and evidence.
 */
export function toWorkflowRun(run: RunItem, now: number, opts: { credentials: boolean }): WorkflowRun {
  const ended = isEnded(run.status);
  const end = ended ? endOf(run) : {};
  const base = config().PUBLIC_URL.replace(/\/$/, '');
  const live = !ended && opts.credentials;
  // The run's token works as its link's sessions do (api/links.ts): never past `link.expires_at`, refused once the run ends.
  const until = run.link.expires_at === null ? undefined : Date.parse(run.link.expires_at);
  const sdkToken = !live || linkExpired(run, now) ? null
    : createSdkToken({ applicantId: run.applicant_id, environment: run.environment, runId: run.id }, now, SDK_TOKEN_SECONDS, until);
  // Only a listed error type with its fixed message is shown (runs ended by older compiled versions may hold a cause).
  const error = run.status !== 'error' ? null : publicRunError(run.error?.type ?? end.error?.type);
  return {
    id: run.id, applicant_id: run.applicant_id, workflow_id: run.workflow_id, workflow_version_id: run.workflow_version_id,
    status: run.status,
    output: end.output ?? null,
    reasons: end.reasons ?? [],
    error,
    // The capture page reads its link token from the fragment, which browsers never send to a server.
    link: { url: `${base}/capture/${run.id}${live ? `#link=${createLinkToken(run)}` : ''}`, ...run.link },
    tags: run.tags, customer_user_id: run.customer_user_id,
    dashboard_url: `${base}/console/results/${run.id}`,
    ...(run.review || run.assigned_to ? { review: { ...run.review, ...(run.assigned_to ? { assigned_to: run.assigned_to } : {}) } } : {}),
    ...(run.trial ? { trial: true as const } : {}),
    sdk_token: sdkToken,
    created_at: iso(run.created_at), updated_at: iso(run.updated_at),
  };
}

/** What an SDK token sees of a run: no output, reasons, error, tags, custom data, and no credential. */
export interface CaptureRun {
  id: string; status: RunStatus; link: RunLink & { url: string };
  /** The workflow's name (the page's title) and capture settings (welcome, branding). */
  workflow: { name: string; settings: WorkflowSettings | null };
}

export function toCaptureRun(run: RunItem, workflow: CaptureRun['workflow']): CaptureRun {
  const base = config().PUBLIC_URL.replace(/\/$/, '');
  return { id: run.id, status: run.status, link: { url: `${base}/capture/${run.id}`, ...run.link }, workflow };
}
