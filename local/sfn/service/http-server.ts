/**
 * The HTTP face of the API, speaking AWS JSON 1.0 as @aws-sdk/client-sfn expects: POST / with
 * `X-Amz-Target: AWSStepFunctions.<Operation>`, JSON in and out, errors as 400 with
 * `{"__type": name, "message"}` (plus `x-amzn-ErrorType`), and a bare 500 for anything
 * unexpected. SigV4 headers are checked only when `authenticate` is given (the local stack).
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../contract';
import { createSfnApi, type SfnApi } from './api';
import type { ControlPlane } from './control-plane';
import { isApiError } from './errors';
import { JSON_1_0, TARGET_PREFIX, toWireJson } from './wire';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export type SfnServerOptions = ({ engine: Engine; controlPlane: ControlPlane } | { api: SfnApi }) & {
  port?: number;
  host?: string;
  /** Refuses a request (its failure) before it runs, e.g. one without a valid signature. */
  authenticate?: (req: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }) => { status: number; type: string; message: string } | undefined;
  /** Where unexpected (500) errors are reported; stderr by default. */
  onInternalError?: (err: unknown, operation: string) => void;
};

export interface SfnServer {
  url: string;
  port: number;
  api: SfnApi;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: string;
  errorType?: string;
}

const errorReply = (status: number, type: string, message: string): Reply => ({ status, body: JSON.stringify({ __type: type, message }), errorType: type });

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(api: SfnApi, req: http.IncomingMessage, onInternalError: NonNullable<SfnServerOptions['onInternalError']>, authenticate: SfnServerOptions['authenticate']): Promise<Reply> {
  const target = req.headers['x-amz-target'];
  if (req.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
    return errorReply(400, 'UnknownOperationException', `Expected POST / with header X-Amz-Target: ${TARGET_PREFIX}<Operation>; got ${req.method} with target ${JSON.stringify(target ?? null)}.`);
  }
  const operation = target.slice(TARGET_PREFIX.length);
  const text = await readBody(req);
  if (text === undefined) return errorReply(413, 'RequestEntityTooLargeException', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  const refused = authenticate?.({ method: req.method, url: req.url ?? '/', headers: req.headers, body: text });
  if (refused) return errorReply(refused.status, refused.type, refused.message);
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return errorReply(400, 'SerializationException', 'The request body is not valid JSON.');
  }
  try {
    return { status: 200, body: toWireJson(await api.call(operation, body)) };
  } catch (err) {
    if (isApiError(err) && err.httpStatus < 500) return errorReply(err.httpStatus, err.name, err.message);
    onInternalError(err, operation);
    return errorReply(500, 'InternalFailure', 'An internal error occurred; see the server log.');
  }
}

export async function createSfnServer(options: SfnServerOptions): Promise<SfnServer> {
  const api = 'api' in options ? options.api : createSfnApi(options);
  const onInternalError = options.onInternalError ?? ((err: unknown, op: string) => console.error(`sfn-local: ${op} failed:`, err));
  const server = http.createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST, OPTIONS' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    handle(api, req, onInternalError, options.authenticate).then(
      (reply) => {
        res.writeHead(reply.status, {
          ...cors,
          'content-type': JSON_1_0,
          'content-length': Buffer.byteLength(reply.body),
          'x-amzn-requestid': randomUUID(),
          ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
        });
        res.end(reply.body);
      },
      (err: unknown) => {
        onInternalError(err, 'request');
        if (!res.headersSent) res.writeHead(500, { 'content-type': JSON_1_0 });
        res.end(JSON.stringify({ __type: 'InternalFailure', message: 'An internal error occurred.' }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    api,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
