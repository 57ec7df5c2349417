/**
 * `Idempotency-Key` on the create endpoints (store/idempotency.ts keeps the keys 24 h, per
 * environment of the token; per applicant for SDK tokens, so that no end user replays another's answer;
 * per link for a generic link's start, whose keys are the capture page's random ones). A retry with the key and the same request gets the first answer
 * again, same status and body (`Idempotent-Replayed: true`); the key with another request is a
 * 422; while the first is still running, a 409 with `Retry-After`. Only successful answers are
 * kept: a failed request releases its key, so it can be retried as is. The same request means
 * the same method, path and content: JSON compared as data (key order aside), multipart forms by
 * their fields and files (a new boundary on a retry is the same request).
 */
import { createHash } from 'node:crypto';
import { ApiError, badRequest } from '../shared/errors';
import { claimKey, completeKey, releaseKey } from '../store/idempotency';
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

function content(req: Request): string {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    try {
      const form = parseMultipart(req.body, type);
      return canonical({ fields: form.fields, files: form.files.map((f) => [f.field, f.fileName, f.declaredType ?? '', sha256(f.bytes)]) });
    } catch { /* not a form: compared as bytes */ }
  }
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    if (jsonDepth(value, 64) <= 64) return canonical(value);
  } catch { /* not JSON: compared as bytes */ }
  return sha256(req.body);
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
  const claim = await claimKey(env, keyHash, sha256(`${req.method} ${req.path}\n${content(req)}`), now);
  if (claim.kind === 'mismatch') {
    throw new ApiError(422, 'validation_error', 'This Idempotency-Key was used with another request; use a new key for a new request',
      { 'Idempotency-Key': ['was used with another request in the last 24 hours'] });
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
    await completeKey(env, keyHash, { status: res.status, body: JSON.stringify(res.body ?? null), headers: res.headers ?? {} }).catch(() => undefined);
  } else {
    await releaseKey(env, keyHash).catch(() => undefined);
  }
  return res;
}
