/**
 * The local API Gateway: node:http → payload 2.0 event → the API Lambda handler → the proxy
 * result written back (base64 bodies decoded). `/capture/*` and `/console/*` are static files
 * (`/builder/*` redirects to `/console/`).
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { toGatewayEvent } from './event';
import { isStaticPath, redirectBuilder, serveStatic } from './static';

export type ApiHandler = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

export interface GatewayOptions {
  handler: ApiHandler;
  port?: number;
  host?: string;
  /** Folder holding `capture/` and `console/` (web/dist). */
  staticDir?: string;
  /** Headers added to the static files of a path (parity mode: CloudFront's response-headers policy). */
  staticHeaders?: (path: string) => Record<string, string>;
  /** Parity mode: the distribution's viewer-request CloudFront Functions. A response is the
   *  answer (the request goes no further); a request's `uri` and query string are what is routed,
   *  and `origin`, when given, is what the API's event carries instead of the connection's: the
   *  headers CloudFront sends its origin and the peer API Gateway sees (an edge server). */
  viewerRequest?: (r: { method: string; uri: string; querystring: string; headers: http.IncomingHttpHeaders; ip: string }) =>
    Promise<{ request: { uri: string; querystring: string }; origin?: { headers: Record<string, string>; sourceIp: string } }
      | { response: { statusCode: number; headers: Record<string, string>; body: Buffer } } | undefined>;
  /** Largest request body accepted (API Gateway: 10 MB); default 12 MB so the API can answer with its own 413. */
  maxBodyBytes?: number;
  /** How long close() waits for the requests under way to be answered (default 10 s). */
  drainMs?: number;
}
/** `close()` stops taking connections, lets the requests under way finish (up to `drainMs`),
 *  then closes every connection: a stop never cuts a handler off halfway through its work. */
export interface Gateway { url: string; port: number; server: http.Server; close(): Promise<void> }

interface ProxyResult { statusCode?: number; headers?: Record<string, string | number | boolean>; body?: string; isBase64Encoded?: boolean; cookies?: string[] }

export async function createGateway(opts: GatewayOptions): Promise<Gateway> {
  const max = opts.maxBodyBytes ?? 12 * 1024 * 1024;
  const underWay = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= max) chunks.push(c); });
    req.on('end', () => {
      const answered = respond(opts, req, res, size > max ? undefined : Buffer.concat(chunks)).catch((e: unknown) => {
        console.error('gateway: handler failed', e);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal Server Error' }));
      });
      underWay.add(answered);
      void answered.finally(() => underWay.delete(answered));
    });
  });
  // Idle keep-alive sockets outlive every client's (fetch/undici drops its own after 4 s): with the
  // server closing first, a loaded client could reuse a socket the server had just closed (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve); });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, port, server,
    close: async () => {
      const closed = new Promise<void>((resolve) => { server.close(() => resolve()); });
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, opts.drainMs ?? 10_000); });
      await Promise.race([Promise.allSettled([...underWay]), timeUp]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}

async function respond(opts: GatewayOptions, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer | undefined): Promise<void> {
  const [uri = '/', ...query] = (req.url ?? '/').split('?');
  const edge = await opts.viewerRequest?.({ method: req.method ?? 'GET', uri, querystring: query.join('?'), headers: req.headers, ip: req.socket.remoteAddress ?? '127.0.0.1' });
  if (edge && 'response' in edge) {
    res.writeHead(edge.response.statusCode, { ...edge.response.headers, 'content-length': String(edge.response.body.length) });
    res.end(req.method === 'HEAD' ? undefined : edge.response.body);
    return;
  }
  if (edge) req.url = edge.request.querystring ? `${edge.request.uri}?${edge.request.querystring}` : edge.request.uri;
  if (body === undefined) {
    res.writeHead(413, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
    return;
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if ((req.method === 'GET' || req.method === 'HEAD') && isStaticPath(path)) {
    if (redirectBuilder(path, res)) return;
    if (opts.staticDir) return serveStatic(opts.staticDir, path, res, opts.staticHeaders?.(uri));
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { type: 'resource_not_found', message: 'The web apps are not built (web/dist is missing)', fields: {} } }));
    return;
  }
  const event = toGatewayEvent(req, body);
  if (edge?.origin) {
    // Through CloudFront: its headers (Host stays the API's own, cookies apart) and an edge server as the peer.
    const headers: Record<string, string> = Object.fromEntries(Object.entries(edge.origin.headers).filter(([k]) => k !== 'host' && k !== 'cookie'));
    if (event.headers.host !== undefined) headers.host = event.headers.host;
    event.headers = headers;
    event.requestContext.http.sourceIp = edge.origin.sourceIp;
  }
  const context = { functionName: 'studio-api', awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 30_000, callbackWaitsForEmptyEventLoop: false };
  const out = await opts.handler(event, context);
  const result: ProxyResult = typeof out === 'object' && out !== null && 'statusCode' in out
    ? out as ProxyResult
    : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof out === 'string' ? out : JSON.stringify(out ?? null) };
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const payload = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  headers['content-length'] = String(payload.length);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(req.method === 'HEAD' ? undefined : payload);
}
