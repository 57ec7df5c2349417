/**
 * S3's conditional writes, which s3rver ignores (local/stack/s3.ts routes every signed request
 * here before s3rver sees it). As S3 does, on PutObject, CopyObject and CompleteMultipartUpload:
 *  - `If-None-Match: *`: 412 PreconditionFailed when the key holds an object (another value than
 *    `*` is refused, 501 NotImplemented, rather than ignored);
 *  - `If-Match: <etag>`: 412 PreconditionFailed when the object's ETag differs, 404 NoSuchKey
 *    when there is no object.
 * Every write to a key, conditional or not, holds that key's lock from its check until its answer
 * is sent: of concurrent conditional writes to one key exactly one wins and the others get the 412
 * (S3 may answer them 409 ConditionalRequestConflict while the winner is under way). Form uploads
 * (POST object: the key is in the body, and S3 takes no condition there) are not locked.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** s3rver's store (its `store`): an object's metadata with its quoted ETag; rejects (ENOENT) when there is none. */
export interface ObjectStore { getMetadata(bucket: string, key: string): Promise<{ etag: string }> }
interface Write { bucket: string; key: string; ifNoneMatch?: string; ifMatch?: string }
interface Failure { status: number; code: string; message: string; condition?: string }

/** The object a request writes (PutObject, CopyObject, CompleteMultipartUpload) and its conditions; undefined for any other request. */
export function objectWrite(req: IncomingMessage): Write | undefined {
  const url = new URL(req.url ?? '/', 'http://local');
  let bucket: string, rest: string[];
  try {
    [bucket = '', ...rest] = url.pathname.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  // Sub-resources (?acl, ?tagging, ?partNumber&uploadId, ...) are other operations; x-id and a presigned URL's X-Amz-* are not.
  const params = [...url.searchParams.keys()].filter((p) => p !== 'x-id' && !/^x-amz-/i.test(p));
  const put = req.method === 'PUT' && params.length === 0;
  const complete = req.method === 'POST' && params.length === 1 && params[0] === 'uploadId';
  const key = rest.join('/');
  if (!bucket || !key || !(put || complete)) return undefined;
  const header = (name: string) => { const v = req.headers[name]; return Array.isArray(v) ? v.join(',') : v; };
  return { bucket, key, ifNoneMatch: header('if-none-match'), ifMatch: header('if-match') };
}

const unquoted = (etag: string) => etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
const preconditionFailed = (condition: string): Failure =>
  ({ status: 412, code: 'PreconditionFailed', message: 'At least one of the pre-conditions you specified did not hold', condition });

/** The failure S3 answers when the write's conditions do not hold of the object there now; undefined when they hold. */
export async function checkConditions(store: ObjectStore, w: Write): Promise<Failure | undefined> {
  if (w.ifNoneMatch === undefined && w.ifMatch === undefined) return undefined;
  if (w.ifNoneMatch !== undefined && w.ifNoneMatch.trim() !== '*') {
    return { status: 501, code: 'NotImplemented', message: 'A header you provided implies functionality that is not implemented', condition: 'If-None-Match' };
  }
  const etag = await store.getMetadata(w.bucket, w.key).then((m) => m.etag, (e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
    throw e;
  });
  if (w.ifNoneMatch !== undefined && etag !== undefined) return preconditionFailed('If-None-Match');
  if (w.ifMatch === undefined) return undefined;
  if (etag === undefined) return { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' };
  const given = w.ifMatch.split(',').map(unquoted);
  return given.includes('*') || given.includes(unquoted(etag)) ? undefined : preconditionFailed('If-Match');
}

/** Waits for the writes to `id` queued before this one; resolves to this one's release. */
async function lock(tails: Map<string, Promise<void>>, id: string): Promise<() => void> {
  const before = tails.get(id) ?? Promise.resolve();
  let release = () => {};
  const tail = before.then(() => new Promise<void>((r) => { release = r; }));
  tails.set(id, tail);
  await before;
  return () => {
    release();
    if (tails.get(id) === tail) tails.delete(id);
  };
}

const escape = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
function answer(res: ServerResponse, f: Failure, w: Write): void {
  res.writeHead(f.status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${f.code}</Code><Message>${escape(f.message)}</Message>`
    + `${f.condition ? `<Condition>${f.condition}</Condition>` : ''}<Key>${escape(w.key)}</Key></Error>`);
}

/**
 * For one local S3: `guard(req, res)` answers a write whose conditions fail (true), or holds the
 * key's lock until `res` is sent and lets the request go on (false; any request that writes no object too).
 */
export function conditionalWrites(store: ObjectStore): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const tails = new Map<string, Promise<void>>();
  return async (req, res) => {
    const w = objectWrite(req);
    if (!w) return false;
    const closed = new Promise<void>((r) => res.once('close', r));
    void closed.then(await lock(tails, `${w.bucket}/${w.key}`));
    const failure = await checkConditions(store, w);
    if (failure) answer(res, failure, w);
    return failure !== undefined;
  };
}
