/**
 * Checks AWS Signature Version 4 on a request to a local endpoint (the Step Functions API), as
 * AWS does: the signature over the canonical request with the stack's secret key, the access
 * key, and a request date within 15 minutes of now (the wall clock the SDK signs with, not the
 * stack's injected clock).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface Credentials { accessKeyId: string; secretAccessKey: string }
export interface SignedRequest { method: string; url: string; headers: IncomingHttpHeaders; body: string }
export interface AuthFailure { status: number; type: string; message: string }

const SKEW_MS = 15 * 60 * 1000;
export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();
export const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const header = (h: IncomingHttpHeaders, name: string) => { const v = h[name]; return Array.isArray(v) ? v.join(',') : v; };

/** The query in canonical form (`skip`: a name left out, the signature of a presigned URL). */
export function canonicalQuery(search: string, skip?: string): string {
  return [...new URLSearchParams(search)].filter(([k]) => k !== skip).map(([k, v]) => `${encode(k)}=${encode(v)}`).sort().join('&');
}

/** undefined when the request is signed with `creds`; else the failure AWS would answer. */
export function verifySigV4(req: SignedRequest, creds: Credentials, now = Date.now()): AuthFailure | undefined {
  const auth = header(req.headers, 'authorization');
  const m = auth?.match(/^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/);
  if (!m) return { status: 403, type: 'MissingAuthenticationTokenException', message: 'Requests must be signed with AWS Signature Version 4 (the stack\'s credentials).' };
  const [, keyId = '', day = '', region = '', service = '', signed = '', signature = ''] = m;
  if (keyId !== creds.accessKeyId) return { status: 400, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  const amzDate = header(req.headers, 'x-amz-date') ?? '';
  const at = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!amzDate.startsWith(day) || Number.isNaN(at) || Math.abs(now - at) > SKEW_MS) {
    return { status: 400, type: 'InvalidSignatureException', message: 'Signature expired or X-Amz-Date missing.' };
  }
  const names = signed.split(';');
  if (!names.includes('host')) return { status: 400, type: 'InvalidSignatureException', message: 'The host header must be signed.' };
  const url = new URL(req.url, 'http://local');
  const canonical = [
    req.method, url.pathname, canonicalQuery(url.search),
    names.map((n) => `${n}:${(header(req.headers, n) ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
    signed, header(req.headers, 'x-amz-content-sha256') ?? sha256(req.body),
  ].join('\n');
  if (!sameSignature(signatureOf(creds, amzDate, `${day}/${region}/${service}`, canonical), signature)) {
    return { status: 403, type: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided.' };
  }
  return undefined;
}

/** The signing key of a day, region and service (`scope`: `<yyyymmdd>/<region>/<service>`). */
export function signingKey(creds: Credentials, scope: string): Buffer {
  const [day = '', region = '', service = ''] = scope.split('/');
  return hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day), region), service), 'aws4_request');
}

/** The signature of a canonical request signed at `amzDate` in `scope`. */
export function signatureOf(creds: Credentials, amzDate: string, scope: string, canonical: string): Buffer {
  return createHmac('sha256', signingKey(creds, scope)).update(['AWS4-HMAC-SHA256', amzDate, `${scope}/aws4_request`, sha256(canonical)].join('\n')).digest();
}

/** Compares in constant time; a signature that is not 64 hex digits never matches. */
export const sameSignature = (expected: Buffer, given: string): boolean =>
  /^[0-9a-f]{64}$/.test(given) && timingSafeEqual(expected, Buffer.from(given, 'hex'));
