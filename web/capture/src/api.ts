/**
 * The Open Studio API as the capture page uses it: the run's link token opens a short session
 * (`POST /v3.6/capture_sessions`), whose SDK token is sent as `Authorization: Bearer` and renewed
 * with the link before it expires (or once after a 401). Every request has a time limit
 * (timeouts.ts): one that runs out is an ApiError of status 0 and type `timeout`.
 */
import { fetchWithin, LIMITS, TimedOut, TIMEOUT, type Limits } from './timeouts';
import { UploadProgress, uploadFile, type Call, type UploadKind } from './upload';

export interface RunLink { url: string; expires_at: string | null; language: string | null; completed_redirect_url: string | null; expired_redirect_url: string | null }
export interface WorkflowSettings { welcome?: boolean; branding?: { logo_url?: string; primary_colour?: string } }
export interface Run { id: string; status: string; link?: RunLink; workflow?: { name: string; settings: WorkflowSettings | null } }
export interface CaptureSession { token: string; expires_at: string; workflow_run_id: string; applicant_id: string }
export interface TaskSummary { id: string; task_def_id: string; created_at: string }
export type RetryReason = string | { title: string; description: string; button?: string };
export interface TaskInput {
  task_type?: string;
  name?: string;
  config?: Record<string, unknown>;
  retry?: { reasons: RetryReason[]; attempt: number; max_retries: number } | null;
}
/** `deadline_at`: when the run stops waiting for the task (null or absent: no deadline known). */
export interface Task extends TaskSummary { input: TaskInput | null; deadline_at?: string | null }
export interface Media { id: string }

/** An error answered by the API (`{ error: { type, message, fields } }`) or by the network. */
export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly fields: Record<string, string[]> = {},
    readonly type?: string, readonly expiredRedirectUrl?: string) {
    super(message);
  }
  /** The message with each field problem, e.g. `file: must be one of jpg, png`. */
  details(): string[] {
    return Object.entries(this.fields).flatMap(([field, problems]) => problems.map((p) => `${field.replace(/^data\./, '')}: ${p}`));
  }
}

/** Renew a session this long before it expires. */
const RENEW_BEFORE_MS = 2 * 60_000;

export class Api {
  private session: CaptureSession | undefined;

  constructor(private readonly link: string, private readonly base = '', private readonly limits: Limits = LIMITS) {}

  /**
   * The current session, renewed with the link when it is about to expire (or `renew`). A
   * session that has not expired yet is kept when the renewal is refused (the run just ended).
   */
  async open(renew = false): Promise<CaptureSession> {
    const current = this.session;
    const left = current ? Date.parse(current.expires_at) - Date.now() : 0;
    if (!renew && current && left > RENEW_BEFORE_MS) return current;
    try {
      this.session = await this.send<CaptureSession>('POST', '/v3.6/capture_sessions', undefined, JSON.stringify({ link_token: this.link }), true);
    } catch (e) {
      if (!renew && current && left > 0) return current;
      throw e;
    }
    return this.session;
  }

  private async call<T>(method: string, path: string, body?: BodyInit, json = false): Promise<T> {
    const { token } = await this.open();
    try {
      return await this.send<T>(method, path, token, body, json);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      return this.send<T>(method, path, (await this.open(true)).token, body, json); // the session ended early (clock skew)
    }
  }

  private async send<T>(method: string, path: string, token: string | undefined, body?: BodyInit, json = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    if (json) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      ({ res, text } = await fetchWithin(this.limits.jsonMs, `${this.base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) },
        async (r) => ({ res: r, text: await r.text() })));
    } catch (e) {
      if (e instanceof TimedOut) throw new ApiError(e.message, 0, {}, TIMEOUT);
      throw new ApiError('The connection failed. Check your internet connection and try again.', 0);
    }
    let parsed: unknown;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
    if (!res.ok) {
      const error = (parsed as { error?: { type?: unknown; message?: unknown; fields?: unknown; expired_redirect_url?: unknown } } | undefined)?.error;
      const message = typeof error?.message === 'string' ? error.message : 'The request failed.';
      const fields = error?.fields && typeof error.fields === 'object' ? error.fields as Record<string, string[]> : {};
      const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
      throw new ApiError(message, res.status, fields, text(error?.type), text(error?.expired_redirect_url));
    }
    return parsed as T;
  }

  run(runId: string) { return this.call<Run>('GET', `/v3.6/workflow_runs/${encodeURIComponent(runId)}`); }
  tasks(runId: string) { return this.call<TaskSummary[]>('GET', `/v3.6/workflow_runs/${encodeURIComponent(runId)}/tasks`); }
  task(runId: string, taskId: string) {
    return this.call<Task>('GET', `/v3.6/workflow_runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(taskId)}`);
  }
  /** `extra`: the body's fields besides `data` (a Motion task's `motion_unsupported`). */
  complete(runId: string, taskId: string, data: unknown, extra: Record<string, unknown> = {}) {
    return this.call<unknown>('POST', `/v3.6/workflow_runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(taskId)}/complete`,
      JSON.stringify({ ...extra, data }), true);
  }
  /** The progress of the current upload (the progress bar follows it). */
  readonly progress = new UploadProgress();

  /** One file straight to S3 (upload.ts), confirmed by the API as a `kind` of the applicant. */
  upload(kind: UploadKind, applicantId: string, file: File, fields: Record<string, string> = {}) {
    const call: Call = (method, path, body) => this.call(method, path, body === undefined ? undefined : JSON.stringify(body), body !== undefined);
    const error = (message: string, status: number, type?: string) => new ApiError(message, status, {}, type);
    return uploadFile({ call, error, progress: this.progress, stallMs: this.limits.stallMs }, kind, applicantId, file, { ...fields, device: JSON.stringify(deviceSignals()) });
  }
}

function deviceSignals() {
  const nav = navigator as Navigator & { webdriver?: boolean };
  return {
    ...(typeof nav.webdriver === 'boolean' ? { webdriver: nav.webdriver } : {}),
    ...(nav.platform ? { platform: nav.platform.slice(0, 100) } : {}),
    max_touch_points: Math.min(Math.max(nav.maxTouchPoints || 0, 0), 1000),
  };
}
