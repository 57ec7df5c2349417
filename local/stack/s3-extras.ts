/**
 * What S3 does and s3rver does not, for the capture page's direct uploads (local/stack/s3.ts
 * routes these requests here before s3rver sees them):
 *  - POST object (a browser form upload): the policy is enforced as S3 does: not expired, every
 *    form field covered by a condition, `eq` / `starts-with` conditions, `content-length-range`
 *    on the file (400 EntityTooLarge / EntityTooSmall), 403 AccessDenied otherwise; its SigV4
 *    signature is checked by `verify` (s3-auth.ts). A valid form is then stored by s3rver.
 *  - ListParts (`GET ?uploadId`) and AbortMultipartUpload (`DELETE ?uploadId`), read from the
 *    folder where s3rver keeps the parts of an open multipart upload.
 */
import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { parseMultipart } from '../../lambdas/api/multipart';

const MAX_FORM_BYTES = 64 * 1024 * 1024;
const xml = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
};
const escape = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
const s3Error = (res: ServerResponse, status: number, code: string, message: string) =>
  xml(res, status, `<Error><Code>${code}</Code><Message>${escape(message)}</Message></Error>`);

export const isPostObject = (req: IncomingMessage) =>
  req.method === 'POST' && /^\/[^/?]+\/?(\?.*)?$/.test(req.url ?? '') && !/[?&]delete\b/.test(req.url ?? '')
  && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');

const readBody = (req: IncomingMessage) => new Promise<Buffer | undefined>((resolve, reject) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => { size += c.length; if (size <= MAX_FORM_BYTES) chunks.push(c); });
  req.on('end', () => resolve(size > MAX_FORM_BYTES ? undefined : Buffer.concat(chunks)));
  req.on('error', reject);
});

type Condition = Record<string, string> | [string, string | number, string | number];

/** undefined when the form satisfies its policy; else the failure S3 answers. */
export function checkPostPolicy(bucket: string, fields: Record<string, string>, fileSize: number, now = Date.now()):
  { status: number; code: string; message: string } | undefined {
  const field = (name: string) => Object.entries(fields).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const denied = (message: string) => ({ status: 403, code: 'AccessDenied', message });
  const encoded = field('policy');
  if (!encoded || !field('x-amz-signature') || !field('x-amz-credential')) return denied('Bucket POST must contain a policy and its signature');
  let policy: { expiration?: unknown; conditions?: unknown };
  try { policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as typeof policy; } catch { return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' }; }
  if (typeof policy.expiration !== 'string' || !Array.isArray(policy.conditions)) return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: expiration and conditions are required.' };
  if (!(Date.parse(policy.expiration) > now)) return denied('Invalid according to Policy: Policy expired.');
  const covered = new Set(['policy', 'x-amz-signature', 'file', 'bucket']);
  const value = (name: string) => (name.toLowerCase() === 'bucket' ? bucket : field(name) ?? '');
  for (const c of policy.conditions as Condition[]) {
    if (Array.isArray(c)) {
      const [op, a, b] = c;
      if (op === 'content-length-range') {
        if (fileSize > Number(b)) return { status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' };
        if (fileSize < Number(a)) return { status: 400, code: 'EntityTooSmall', message: 'Your proposed upload is smaller than the minimum allowed size' };
        continue;
      }
      const name = String(a).replace(/^\$/, '');
      covered.add(name.toLowerCase());
      const ok = op === 'eq' ? value(name) === String(b) : op === 'starts-with' ? value(name).startsWith(String(b)) : false;
      if (!ok) return denied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(c)}`);
    } else {
      for (const [name, expected] of Object.entries(c)) {
        covered.add(name.toLowerCase());
        if (value(name) !== expected) return denied(`Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", ${JSON.stringify(expected)}]`);
      }
    }
  }
  const extra = Object.keys(fields).filter((k) => !covered.has(k.toLowerCase()) && !k.toLowerCase().startsWith('x-ignore-'));
  return extra.length ? denied(`Invalid according to Policy: Extra input fields: ${extra.join(', ')}`) : undefined;
}

/** A POST object request: checked against its policy, then stored through `store` (s3rver) with the same body. */
export async function postObject(req: IncomingMessage, res: ServerResponse, store: (body: Buffer) => void,
  verify: (fields: Record<string, string>) => { status: number; code: string; message: string } | undefined): Promise<void> {
  const body = await readBody(req);
  if (!body) return s3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
  let form;
  try { form = parseMultipart(body, req.headers['content-type'], MAX_FORM_BYTES); } catch (e) { return s3Error(res, 400, 'MalformedPOSTRequest', (e as Error).message); }
  const files = form.files.filter((f) => f.field === 'file');
  if (files.length !== 1) return s3Error(res, 400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
  const bucket = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname.split('/')[1] ?? '');
  const failure = checkPostPolicy(bucket, form.fields, files[0]!.bytes.length) ?? verify(form.fields);
  if (failure) return s3Error(res, failure.status, failure.code, failure.message);
  store(body);
}

/** ListParts and AbortMultipartUpload on s3rver's folder of an open upload; false for any other request. */
export async function multipartExtras(req: IncomingMessage, res: ServerResponse, dataDir: string): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://local');
  const uploadId = url.searchParams.get('uploadId');
  if (!uploadId || (req.method !== 'GET' && req.method !== 'DELETE') || url.searchParams.has('partNumber')) return false;
  const [bucket = '', ...rest] = url.pathname.replace(/^\//, '').split('/').map(decodeURIComponent);
  const dir = path.join(dataDir, bucket, '._S3rver_uploads', uploadId);
  if (!/^[0-9a-f]{32}$/.test(uploadId) || !(await fs.stat(dir).catch(() => undefined))) {
    s3Error(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
    return true;
  }
  if (req.method === 'DELETE') {
    await fs.rm(dir, { recursive: true, force: true });
    res.writeHead(204).end();
    return true;
  }
  const numbers = (await fs.readdir(dir)).filter((f) => /^\d+$/.test(f)).map(Number).sort((a, b) => a - b);
  // s3rver writes a part's .md5 once the part is whole: a part cut off mid-request is not listed (as in S3).
  const parts = await Promise.all(numbers.map(async (n) => {
    const file = path.join(dir, String(n));
    const md5 = await fs.readFile(`${file}.md5`, 'utf8').catch(() => undefined);
    return md5 ? `<Part><PartNumber>${n}</PartNumber><ETag>"${md5.trim()}"</ETag><Size>${(await fs.stat(file)).size}</Size></Part>` : '';
  }));
  xml(res, 200, `<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${escape(bucket)}</Bucket><Key>${escape(rest.join('/'))}</Key>`
    + `<UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`);
  return true;
}
