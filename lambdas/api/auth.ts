/**
 * Tokens. API tokens (`api_sandbox.<secret>` / `api_live.<secret>`) are random and stored only
 * as SHA-256 hashes. SDK tokens are stateless: `<payload>.<HMAC-SHA256>` over a JSON payload
 * `{ applicant_id, environment, run_id?, exp }`, signed with the configured secret: 90 minutes
 * from POST /v3.6/sdk_token or a run's `sdk_token`, shorter for capture sessions (links.ts); a
 * run's never past its `link.expires_at`. Every request with one also reads its applicant: a
 * deleted applicant's tokens are refused; and one scoped to a run (`run_id`: a capture session or
 * the run's `sdk_token`) reads the run too: refused once the run has ended or its link expired.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { ApiError, forbidden, unauthorized } from '../shared/errors';
import type { ConsoleUser } from '../shared/console-users';
import { isJwt, verifyConsoleJwt } from './console-auth';
import { isoSeconds } from '../shared/ids';
import { getApplicant } from '../store/applicants';
import { getRun, isEnded, linkExpired } from '../store/runs';
import { noteTokenUse, putApiToken, type ApiTokenItem } from '../store/api-tokens';
import { keys } from '../store/table';
import { readSignedToken, SdkPayload, type Caller } from '../shared/tokens';

export { createSdkToken, readSignedToken, SDK_TOKEN_SECONDS, sdkTokenExpiry, signToken } from '../shared/tokens';

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

/**
 * 401 unless the run of a run-scoped SDK token is still open to its end user: it exists (of the
 * token's environment and applicant), has not ended, and its link has not expired. The capture
 * page, refused, asks for a new session, which tells it why (api/links.ts: `run_ended`, `link_expired`).
 */
export async function assertOpenRun(runId: string, caller: { environment: 'sandbox' | 'live'; applicantId: string }, now: number): Promise<void> {
  const run = await getRun(runId);
  if (!run || run.environment !== caller.environment || run.applicant_id !== caller.applicantId) throw unauthorized();
  if (isEnded(run.status)) throw unauthorized('The workflow run of this token has ended; the token can no longer be used');
  if (linkExpired(run, now)) throw unauthorized('The link of this token\'s workflow run has expired; the token can no longer be used');
}

/**
 * `Authorization: Token token=<api token>`, `Bearer <console JWT>` (console-auth.ts; `environment`:
 * the one the console asks for, `Studio-Environment`, by default the user's first) or `Bearer <sdk token>`.
 */
export async function authenticate(header: string | undefined, allowSdk: boolean, now = Date.now(), environment?: string): Promise<Caller> {
  if (!header) throw unauthorized();
  const api = /^Token token=(.+)$/.exec(header.trim());
  if (api) return verifyApiToken(api[1]!);
  const bearer = /^Bearer (.+)$/.exec(header.trim());
  if (bearer && isJwt(bearer[1]!)) return consoleCaller(await verifyConsoleJwt(bearer[1]!), environment);
  if (bearer && allowSdk) {
    const caller = verifySdkToken(bearer[1]!, now);
    if (caller.kind === 'sdk') {
      await Promise.all([
        assertActiveApplicant(caller.applicantId, caller.environment),
        ...(caller.runId !== undefined ? [assertOpenRun(caller.runId, caller, now)] : []),
      ]);
    }
    return caller;
  }
  throw unauthorized(bearer ? 'This endpoint needs an API token' : 'Please provide a valid token');
}

/** A console user acting in one of their environments (403 for one they have no access to). */
export function consoleCaller(user: ConsoleUser, environment: string | undefined): Caller {
  const chosen = environment ?? user.environments[0]!;
  if (!user.environments.some((e) => e === chosen)) throw forbidden(`${user.email} has no access to the ${chosen} environment`);
  return { kind: 'api', environment: chosen as 'sandbox' | 'live', tokenId: `console:${user.email}`, user: { email: user.email, role: user.role, environments: user.environments } };
}
