/**
 * S3 on s3rver: loopback, a free port, objects under a data folder; buckets created with
 * `ensureBucket` (one per stack; the tests' stacks share one s3rver, with one secret key for the
 * run: test/global-setup.ts). s3rver checks no SigV4 signature and serves anonymous requests, so
 * here, as by a private bucket, a request without a signature is refused, and a signature is
 * checked with the stack's credentials (s3-auth.ts: header, presigned URL with its expiry, form
 * policy); and the bucket's CORS rule names only the allowed origins (a page of any other origin
 * cannot read it). Form uploads (POST
 * object) are checked against their policy, and ListParts / AbortMultipartUpload answered, by
 * s3-extras.ts (s3rver has neither); conditional writes (`If-None-Match: *`, `If-Match`) are
 * enforced, one write to a key at a time, by s3-conditions.ts (s3rver ignores them). Clients must
 * use `forcePathStyle: true`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { CreateBucketCommand, PutBucketCorsCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { freePort } from './ports';
import { verifyPostSignature, verifyS3Request, type S3Failure } from './s3-auth';
import { conditionalWrites, type ObjectStore } from './s3-conditions';
import { isPostObject, multipartExtras, postObject } from './s3-extras';
import type { Credentials } from './sigv4';

interface S3rverInstance { run(): Promise<{ port: number }>; close(): Promise<void>; reset(): void; httpServer?: import('node:http').Server; store: ObjectStore }
type S3rverCtor = new (opts: Record<string, unknown>) => S3rverInstance;
/** s3rver (Koa, winston, fs-extra: ~0.3 s of CPU to load), required when an S3 is started: a
 *  stack on an S3 started elsewhere (the tests' shared s3rver) never loads it. */
let s3rver: S3rverCtor | undefined;
function loadS3rver(): S3rverCtor {
  if (s3rver) return s3rver;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ctor = require('s3rver') as S3rverCtor;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const account = require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
  account.DUMMY_ACCOUNT.createKeyPair('local', 'local');
  return (s3rver = ctor);
}

/** `credentials`: the only key whose signatures are accepted. */
export interface S3Options { dataDir: string; credentials: Credentials; port?: number; resetOnClose?: boolean }
export interface LocalS3 { endpoint: string; port: number; stop(): Promise<void> }

/** A form upload whose policy was checked here (s3-extras.ts), handed to s3rver with this header's per-process value. */
const POST_CHECKED = 'x-studio-post-checked';
const postChecked = randomBytes(16).toString('hex');
const signed = (req: IncomingMessage) => req.method === 'OPTIONS' || req.headers.authorization !== undefined || /[?&](X-Amz-Algorithm|Signature)=/.test(req.url ?? '')
  || req.headers[POST_CHECKED] === postChecked;

const ANONYMOUS: S3Failure = { status: 403, code: 'AccessDenied', message: 'Anonymous requests are not allowed: sign the request or use a presigned URL.' };
function refuse(res: ServerResponse, f: S3Failure = ANONYMOUS) {
  res.writeHead(f.status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${f.code}</Code><Message>${f.message.replace(/[<>&]/g, '')}</Message></Error>`);
}

export async function startS3(opts: S3Options): Promise<LocalS3> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const S3rver = loadS3rver();
  const server = new S3rver({
    address: '127.0.0.1', port: opts.port ?? await freePort(), silent: true, directory: opts.dataDir, resetOnClose: opts.resetOnClose ?? false,
  });
  const { port } = await server.run();
  const http = server.httpServer;
  if (!http) throw new Error('s3rver started without its HTTP server');
  const listeners = http.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  http.removeAllListeners('request');
  const toS3rver = (req: IncomingMessage, res: ServerResponse) => listeners.forEach((l) => l(req, res));
  const guard = conditionalWrites(server.store);
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isPostObject(req) && req.headers[POST_CHECKED] !== postChecked) {
      void postObject(req, res, (body) => storeForm(port, req, res, body), (fields) => verifyPostSignature(fields, opts.credentials)).catch(() => refuse(res));
      return;
    }
    if (!signed(req)) return refuse(res);
    const failure = req.method === 'OPTIONS' || req.headers[POST_CHECKED] === postChecked ? undefined
      : verifyS3Request({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, opts.credentials);
    if (failure) return refuse(res, failure);
    void guard(req, res).then((done) => done || multipartExtras(req, res, opts.dataDir))
      .then((done) => { if (!done) toS3rver(req, res); }, () => refuse(res));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`, port,
    async stop() {
      const closing = server.close().catch(() => undefined);
      server.httpServer?.closeAllConnections();
      await closing;
    },
  };
}

/** s3rver stores a checked form: the same request again, marked as checked. */
function storeForm(port: number, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const headers = { ...req.headers, [POST_CHECKED]: postChecked, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  const out = request({ host: '127.0.0.1', port, method: 'POST', path: req.url, headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on('error', () => refuse(res));
  out.end(body);
}

/** Creates the bucket unless it exists, with a CORS rule for `origins` only (the capture page PUTs and GETs presigned URLs). */
export async function ensureBucket(client: S3Client, bucket: string, origins: string[]): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (e) {
    if (!(e instanceof S3ServiceException && /BucketAlready(OwnedByYou|Exists)/.test(e.name))) throw e;
  }
  await client.send(new PutBucketCorsCommand({
    Bucket: bucket,
    CORSConfiguration: { CORSRules: [{ AllowedOrigins: origins, AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'] }] },
  }));
}
