/**
 * An HTTP request as API Gateway HTTP API hands it to a Lambda (payload format 2.0): raw path
 * and query, lower-case headers (repeated ones joined with commas, cookies apart), a base64
 * body unless the content type is text, and the request context.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const TEXT = /^(text\/|application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml|javascript|graphql))/i;

export interface GatewayEvent {
  version: '2.0'; routeKey: '$default'; rawPath: string; rawQueryString: string; cookies?: string[];
  headers: Record<string, string>; queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string; apiId: string; domainName: string; domainPrefix: string; requestId: string; routeKey: '$default'; stage: '$default';
    time: string; timeEpoch: number; http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
  };
  body?: string; isBase64Encoded: boolean;
}

export function toGatewayEvent(req: IncomingMessage, body: Buffer, now = new Date()): GatewayEvent {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQueryString = q < 0 ? '' : url.slice(q + 1);
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    if (name === 'cookie') { (cookies ??= []).push(...value.split(/;\s*/).filter(Boolean)); continue; }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const params = new URLSearchParams(rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const k of new Set(params.keys())) queryStringParameters[k] = params.getAll(k).join(',');
  const host = headers.host ?? 'localhost';
  const binary = body.length > 0 && !TEXT.test(headers['content-type'] ?? 'application/octet-stream');
  const method = (req.method ?? 'GET').toUpperCase();
  return {
    version: '2.0', routeKey: '$default', rawPath, rawQueryString, ...(cookies ? { cookies } : {}), headers,
    ...(rawQueryString ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000', apiId: 'local', domainName: host, domainPrefix: host.split('.')[0] ?? host, requestId: randomUUID(),
      routeKey: '$default', stage: '$default', time: now.toUTCString(), timeEpoch: now.getTime(),
      http: { method, path: rawPath, protocol: `HTTP/${req.httpVersion}`, sourceIp: sourceIp(req), userAgent: headers['user-agent'] ?? '' },
    },
    ...(body.length > 0 ? { body: body.toString(binary ? 'base64' : 'utf8') } : {}),
    isBase64Encoded: binary,
  };
}

/** The peer of the connection, as API Gateway reports it; X-Forwarded-For is the API's to believe or not (STUDIO_TRUSTED_PROXIES). */
function sourceIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress || '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
