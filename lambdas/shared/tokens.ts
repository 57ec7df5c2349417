/**
 * Signed tokens and who calls the API, shared by the API (auth.ts, links.ts) and the functions
 * that hand tokens out (a run's `sdk_token` and link) or check the caller (Complete Task).
 * SDK tokens: `<payload>.<HMAC-SHA256>` over `{ applicant_id, environment, run_id?, exp }`;
 * link tokens are signed for another purpose, so they never verify as SDK tokens.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { config } from './config';
import { unauthorized } from './errors';

/** Who is calling: an integrator's API token or a console user (`user`: their email and role), or an end user's SDK token (one applicant). */
export type Caller =
  | { kind: 'api'; environment: 'sandbox' | 'live'; tokenId: string; user?: { email: string; role: 'admin' | 'analyst'; environments: Array<'sandbox' | 'live'> } }
  | { kind: 'sdk'; environment: 'sandbox' | 'live'; applicantId: string; runId?: string };

export const SDK_TOKEN_SECONDS = 90 * 60;
export const SdkPayload = z.object({ applicant_id: z.string(), environment: z.enum(['sandbox', 'live']), run_id: z.string().optional(), exp: z.number() });
/** HMAC of the payload; other kinds of signed token (`purpose`, e.g. capture links) never verify as SDK tokens. */
function sign(payload: string, purpose?: string): string {
  const key = config().SDK_TOKEN_SECRET;
  if (!key) throw new Error('The SDK-token secret is not loaded yet (SDK_TOKEN_SECRET_ARN is set): refusing to sign');
  return createHmac('sha256', key).update(purpose ? `${purpose}:${payload}` : payload).digest('base64url');
}

/** `<base64url JSON>.<signature>` for `payload`. */
export function signToken(payload: object, purpose?: string): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${sign(encoded, purpose)}`;
}

/** The JSON payload of a token signed with `signToken`, parsed with `schema`; 401 when forged or malformed. */
export function readSignedToken<T>(token: string, schema: z.ZodType<T>, purpose?: string): T {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw unauthorized();
  const expected = Buffer.from(sign(payload, purpose));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthorized();
  try { return schema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))); } catch { throw unauthorized(); }
}

/** When (Unix seconds) a token made at `now` (ms) for `seconds` expires, never past `until` (ms). */
export const sdkTokenExpiry = (now: number, seconds = SDK_TOKEN_SECONDS, until = Infinity) => Math.floor(Math.min(now + seconds * 1000, until) / 1000);

/** An SDK token valid `seconds` from `now` (never past `until`, in ms, when given). */
export function createSdkToken(p: { applicantId: string; environment: 'sandbox' | 'live'; runId?: string }, now = Date.now(),
  seconds = SDK_TOKEN_SECONDS, until?: number): string {
  const exp = sdkTokenExpiry(now, seconds, until);
  return signToken({ applicant_id: p.applicantId, environment: p.environment, ...(p.runId ? { run_id: p.runId } : {}), exp });
}

export const LINK_PURPOSE = 'capture-link';
export const LinkPayload = z.object({ run_id: z.string().min(1), applicant_id: z.string().min(1), environment: z.enum(['sandbox', 'live']) });

/** The run's link token (the same on every read: it is revoked by the run's end or `link.expires_at`). */
export const createLinkToken = (run: { id: string; applicant_id: string; environment: 'sandbox' | 'live' }) =>
  signToken({ run_id: run.id, applicant_id: run.applicant_id, environment: run.environment }, LINK_PURPOSE);

