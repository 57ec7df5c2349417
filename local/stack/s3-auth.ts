/**
 * S3's own check of a request's SigV4 signature, which s3rver does not make: with the stack's
 * credentials, a request signed in its Authorization header (the SDK), a presigned URL (query
 * `X-Amz-*`: refused once `X-Amz-Expires` has passed since `X-Amz-Date`) or a browser form upload
 * (its policy signed with the day's signing key). As S3, the canonical URI is the path as sent
 * (encoded once), and the payload's hash is what `x-amz-content-sha256` says (a presigned URL:
 * `UNSIGNED-PAYLOAD`); that the body matches that hash is not checked here.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalQuery, sameSignature, signatureOf, signingKey, type Credentials } from './sigv4';
import { createHmac } from 'node:crypto';

export interface S3Failure { status: number; code: string; message: string }

const SKEW_MS = 15 * 60 * 1000;
const MAX_EXPIRES_S = 7 * 24 * 3600;
const header = (h: IncomingHttpHeaders, name: string) => { const v = h[name]; return Array.isArray(v) ? v.join(',') : v; };
const dateOf = (amz: string) => Date.parse(amz.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
const denied = (code: string, message: string): S3Failure => ({ status: 403, code, message });
const MISMATCH = denied('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');

/** `<key id>/<yyyymmdd>/<region>/s3/aws4_request` → the scope without its last part, when the key is ours. */
function scopeOf(credential: string, creds: Credentials, amzDate: string): string | S3Failure {
  const m = /^([^/]+)\/(\d{8})\/([^/]+)\/(s3)\/aws4_request$/.exec(credential);
  if (!m) return { status: 400, code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed.' };
  if (m[1] !== creds.accessKeyId) return denied('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  if (!amzDate.startsWith(m[2]!)) return MISMATCH;
  return `${m[2]}/${m[3]}/${m[4]}`;
}

function canonical(method: string, rawUrl: string, headers: IncomingHttpHeaders, signed: string, payload: string, skip?: string): string {
  const q = rawUrl.indexOf('?');
  const [pathPart, search] = q < 0 ? [rawUrl, ''] : [rawUrl.slice(0, q), rawUrl.slice(q + 1)];
  return [method, pathPart, canonicalQuery(search, skip),
    signed.split(';').map((n) => `${n}:${(header(headers, n) ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''), signed, payload].join('\n');
}

/** undefined when the request carries a valid signature of `creds`; else S3's refusal. Unsigned requests are refused by the caller. */
export function verifyS3Request(req: { method: string; url: string; headers: IncomingHttpHeaders }, creds: Credentials, now = Date.now()): S3Failure | undefined {
  const auth = header(req.headers, 'authorization');
  if (auth) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=(\S+)$/.exec(auth);
    if (!m) return { status: 400, code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed.' };
    const amzDate = header(req.headers, 'x-amz-date') ?? '';
    const scope = scopeOf(m[1]!, creds, amzDate);
    if (typeof scope !== 'string') return scope;
    const at = dateOf(amzDate);
    if (Number.isNaN(at) || Math.abs(now - at) > SKEW_MS) return denied('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    const text = canonical(req.method, req.url, req.headers, m[2]!, header(req.headers, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD');
    return sameSignature(signatureOf(creds, amzDate, scope, text), m[3]!) ? undefined : MISMATCH;
  }
  const q = new URL(req.url, 'http://local').searchParams;
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return denied('AccessDenied', 'Only AWS4-HMAC-SHA256 presigned URLs are accepted.');
  const amzDate = q.get('X-Amz-Date') ?? '';
  const scope = scopeOf(q.get('X-Amz-Credential') ?? '', creds, amzDate);
  if (typeof scope !== 'string') return scope;
  const at = dateOf(amzDate);
  const expires = Number(q.get('X-Amz-Expires'));
  if (Number.isNaN(at) || !Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_S) return { status: 400, code: 'AuthorizationQueryParametersError', message: 'X-Amz-Date and X-Amz-Expires (1 to 604800 seconds) are required.' };
  if (now > at + expires * 1000) return denied('AccessDenied', 'Request has expired');
  if (at - now > SKEW_MS) return denied('AccessDenied', 'Request is not valid yet');
  const text = canonical(req.method, req.url, req.headers, q.get('X-Amz-SignedHeaders') ?? '', 'UNSIGNED-PAYLOAD', 'X-Amz-Signature');
  return sameSignature(signatureOf(creds, amzDate, scope, text), q.get('X-Amz-Signature') ?? '') ? undefined : MISMATCH;
}

/** A browser form upload's policy signature (`x-amz-signature` over the base64 policy, with the day's key of `x-amz-credential`). */
export function verifyPostSignature(fields: Record<string, string>, creds: Credentials): S3Failure | undefined {
  const field = (name: string) => Object.entries(fields).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
  const scope = scopeOf(field('x-amz-credential'), creds, field('x-amz-date'));
  if (typeof scope !== 'string') return scope;
  const expected = createHmac('sha256', signingKey(creds, scope)).update(field('policy'), 'utf8').digest();
  return sameSignature(expected, field('x-amz-signature')) ? undefined : MISMATCH;
}
