/**
 * `Idempotency-Key` on the create endpoints (store/idempotency.ts keeps the keys 24 h, per
 * environment of the token; per applicant for SDK tokens, so that no end user replays another's answer;
 * per link for a generic link's start, whose keys are the capture page's random ones). A retry with the key and the same request gets the first answer
 * again, same status and body (`Idempotent-Replayed: true`); the key with another request is a
 * 422; while the first is still running, a 409 with `Retry-After`. Only successful answers are
 * kept: a failed request releases its key, so it can be retried as is. The same request means
 * the same method, path and content: JSON compared as data (key order aside), multipart forms by
 * their fields and files (a new boundary on a retry is the same request). An answer holding an
 * applicant's resource (the applicant, a run, an upload; a generic link's run) is filed under
 * that applicant: once the applicant is purged (or the run by retention) the answer is erased and
 * the key, until its 24 h are over, answers any request with a 422 (never the purged data, and
 * never a new resource made again from a retry of a request whose result was erased).
 */
import { createHash } from 'node:crypto';
import { ApiError, badRequest } from '../shared/errors';
import { claimKey, completeKey, releaseKey, type Subject } from '../store/idempotency';
import { getRun } from '../store/runs';
import type { Request, Response } from './http';
import { parseMultipart } from './multipart';
import { jsonDepth } from './validate';

export const IDEMPOTENT_ROUTES: ReadonlySet<string> = new Set([
  'POST /v3.6/applicants', 'POST /v3.6/workflow_runs', 'POST /v3.6/webhooks',
  'POST /v3.6/documents', 'POST /v3.6/live_photos', 'POST /v3.6/live_videos', 'POST /v3.6/motion_captures',
  // A generic link's start (public: its keys are the page's own random ones, kept apart per link).
  'POST /v3.6/generic_links/{workflow_id}/workflow_runs',
]);
const KEY = /^[\x21-\x7e]{1,255}$/;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** JSON with sorted keys (the value is at most 64 levels deep: checked by the caller). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** The request's content as compared, and a form's fields (a media upload names its applicant there). */
function content(req: Request): { text: string; fields?: Record<string, string> } {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    try {
      const form = parseMultipart(req.body, type);
      return { text: canonical({ fields: form.fields, files: form.files.map((f) => [f.field, f.fileName, f.declaredType ?? '', sha256(f.bytes)]) }), fields: form.fields };
    } catch { /* not a form: compared as bytes */ }
  }
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    if (jsonDepth(value, 64) <= 64) return { text: canonical(value) };
  } catch { /* not JSON: compared as bytes */ }
  return { text: sha256(req.body) };
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * The applicant's resource a successful answer holds, by route: the applicant created, a run
 * (its applicant), an upload (its applicant: the form's `applicant_id`), a generic link's run
 * (read for its applicant); a webhook holds none.
 */
async function subjectOf(route: string, body: unknown, fields: Record<string, string> | undefined): Promise<Subject | undefined> {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const of = (applicantId: string | undefined, resourceId: string | undefined) => (applicantId && resourceId ? { applicantId, resourceId } : undefined);
  if (route === 'POST /v3.6/applicants') return of(str(b.id), str(b.id));
  if (route === 'POST /v3.6/workflow_runs') return of(str(b.applicant_id), str(b.id));
  if (route === 'POST /v3.6/generic_links/{workflow_id}/workflow_runs') {
    const runId = str(b.workflow_run_id);
    return runId ? of((await getRun(runId))?.applicant_id, runId) : undefined;
  }
  if (route === 'POST /v3.6/webhooks') return undefined;
  return of(str(b.applicant_id) ?? str(fields?.applicant_id), str(b.id));
}

/** Whose keys a request's are: API tokens share their environment's; an end user's SDK token has its applicant's own; a public route's are its path's. */
function scopeOf(req: Request, isPublic: boolean): string {
  if (isPublic) return `public#${req.path}`;
  return req.caller.kind === 'sdk' ? `${req.caller.environment}#sdk#${req.caller.applicantId}` : req.caller.environment;
}

export async function idempotent(req: Request, route: { key: string; public: boolean }, run: () => Promise<Response>, now = Date.now()): Promise<Response> {
  const key = req.headers['idempotency-key'];
  if (key === undefined || !IDEMPOTENT_ROUTES.has(route.key)) return run();
  if (!KEY.test(key)) throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters');
  const env = scopeOf(req, route.public);
  const keyHash = sha256(key);
  const compared = content(req);
  const claim = await claimKey(env, keyHash, sha256(`${req.method} ${req.path}\n${compared.text}`), now);
  if (claim.kind === 'mismatch') {
    throw new ApiError(422, 'validation_error', 'This Idempotency-Key was used with another request; use a new key for a new request',
      { 'Idempotency-Key': ['was used with another request in the last 24 hours'] });
  }
  if (claim.kind === 'erased') {
    throw new ApiError(422, 'validation_error', 'What this Idempotency-Key created has been deleted and its data erased; use a new key for a new request',
      { 'Idempotency-Key': ['created a resource whose data has since been erased'] });
  }
  if (claim.kind === 'pending') throw new ApiError(409, 'conflict', 'A request with this Idempotency-Key is still being processed; retry it shortly', {}, { 'retry-after': '1' });
  if (claim.kind === 'done') {
    const r = claim.response;
    return { status: r.status, body: JSON.parse(r.body) as unknown, headers: { ...r.headers, 'idempotent-replayed': 'true' } };
  }
  let res: Response;
  try {
    res = await run();
  } catch (e) {
    await releaseKey(env, keyHash).catch(() => undefined);
    throw e;
  }
  if (res.status >= 200 && res.status < 300 && !res.raw) {
    // Should this write fail, the key stays pending until its lease ends (retries meanwhile get a 409).
    const subject = await subjectOf(route.key, res.body, compared.fields).catch(() => undefined);
    await completeKey(env, keyHash, { status: res.status, body: JSON.stringify(res.body ?? null), headers: res.headers ?? {} }, subject).catch(() => undefined);
  } else {
    await releaseKey(env, keyHash).catch(() => undefined);
  }
  return res;
}
