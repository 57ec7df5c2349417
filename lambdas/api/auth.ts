/**
 * Tokens. API tokens (`api_sandbox.<secret>` / `api_live.<secret>`) are random and stored only
 * as SHA-256 hashes. SDK tokens are stateless: `<payload>.<HMAC-SHA256>` over a JSON payload
 * `{ applicant_id, environment, run_id?, exp }`, signed with the configured secret: 90 minutes
 * from POST /v3.6/sdk_token or a run's `sdk_token`, shorter for capture sessions (links.ts).
 * Every request with one also reads its applicant: a deleted applicant's tokens are refused.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { ApiError, unauthorized } from '../shared/errors';
import { isoSeconds } from '../shared/ids';
import { getApplicant } from '../store/applicants';
import { noteTokenUse, putApiToken, type ApiTokenItem } from '../store/api-tokens';
import { keys } from '../store/table';
import type { Caller } from './http';

export const SDK_TOKEN_SECONDS = 90 * 60;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an API token, stores its hash (with an id, a name and the last 4 characters), returns the token (shown once). */
export async function createApiToken(environment: 'sandbox' | 'live', token = `api_${environment}.${randomBytes(24).toString('base64url')}`,
  opts: { name?: string; now?: Date } = {}): Promise<string> {
  return (await newApiToken(environment, token, opts)).token;
}

export async function newApiToken(environment: 'sandbox' | 'live', token = `api_${environment}.${randomBytes(24).toString('base64url')}`,
  opts: { name?: string; now?: Date } = {}): Promise<{ token: string; item: ApiTokenItem }> {
  if (!token.startsWith(`api_${environment}.`)) throw new Error(`an ${environment} token starts with api_${environment}.`);
  const hash = hashToken(token);
  const item: ApiTokenItem = {
    hash, id: hash.slice(0, 16), environment, name: opts.name ?? '', token_hint: `api_${environment}.…${token.slice(-4)}`,
    created_at: isoSeconds(opts.now ?? new Date()),
  };
  await putApiToken(item);
  return { token, item };
}

const SdkPayload = z.object({ applicant_id: z.string(), environment: z.enum(['sandbox', 'live']), run_id: z.string().optional(), exp: z.number() });
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

export function verifySdkToken(token: string, now = Date.now()): Caller {
  const parsed = readSignedToken(token, SdkPayload);
  if (parsed.exp * 1000 <= now) throw unauthorized('The SDK token has expired; ask the integrator for a new one');
  return { kind: 'sdk', environment: parsed.environment, applicantId: parsed.applicant_id, ...(parsed.run_id ? { runId: parsed.run_id } : {}) };
}

/**
 * API tokens verified in the last minute, by hash (never the token itself), so that a busy
 * caller costs one GetItem a minute instead of one per request. Only successes are kept (an
 * unknown token is looked up every time, so a token created elsewhere works at once). Revoking
 * a token clears its entry in the process that revoked it; other processes (other warm Lambda
 * instances) keep theirs up to VERIFIED_TTL_MS, so a revoked token may work for up to a minute
 * there. Per process (in Lambda, per warm instance) and per table and
 * set of clients: the local stack and tests that start another stack in the same process
 * (new clients, maybe another database) start with an empty cache.
 */
export const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 1000;
const verified = new Map<string, { environment: 'sandbox' | 'live'; until: number }>();
let verifiedWith: object | undefined;
/** Forgets the verified tokens (tests). */
export const clearVerifiedTokens = () => { verified.clear(); };
/** Forgets one token (it was revoked). */
export const forgetVerifiedToken = (hash: string) => { verified.delete(`${config().TABLE_NAME}/${hash}`); };

export async function verifyApiToken(token: string, now = Date.now()): Promise<Caller> {
  const match = /^api_(sandbox|live)\.[A-Za-z0-9_-]{16,}$/.exec(token);
  if (!match) throw unauthorized();
  const environment = match[1] as 'sandbox' | 'live';
  const hash = hashToken(token);
  const { doc } = clients();
  if (verifiedWith !== doc) { verified.clear(); verifiedWith = doc; }
  const table = config().TABLE_NAME;
  const key = `${table}/${hash}`;
  const known = verified.get(key);
  if (!known || known.until <= now || known.environment !== environment) {
    const item = await doc.send(new GetCommand({ TableName: table, Key: keys.apiToken(hash) }));
    if (!item.Item || item.Item.environment !== environment) { verified.delete(key); throw unauthorized(); }
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(key, { environment, until: now + VERIFIED_TTL_MS });
  }
  noteTokenUse(hash, now);
  return { kind: 'api', environment, tokenId: hash.slice(0, 16) };
}

/** 401 unless the applicant exists in `environment` and is not scheduled for deletion. */
export async function assertActiveApplicant(applicantId: string, environment: 'sandbox' | 'live'): Promise<void> {
  const applicant = await getApplicant(applicantId, environment).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  });
  if (!applicant || applicant.delete_at) throw unauthorized('The applicant of this token has been deleted');
}

/** `Authorization: Token token=<api token>` or `Bearer <sdk token>`. */
export async function authenticate(header: string | undefined, allowSdk: boolean, now = Date.now()): Promise<Caller> {
  if (!header) throw unauthorized();
  const api = /^Token token=(.+)$/.exec(header.trim());
  if (api) return verifyApiToken(api[1]!);
  const bearer = /^Bearer (.+)$/.exec(header.trim());
  if (bearer && allowSdk) {
    const caller = verifySdkToken(bearer[1]!, now);
    if (caller.kind === 'sdk') await assertActiveApplicant(caller.applicantId, caller.environment);
    return caller;
  }
  throw unauthorized(bearer ? 'This endpoint needs an API token' : 'Please provide a valid token');
}
