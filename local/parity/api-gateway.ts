/**
 * API Gateway (HTTP API) in front of the API function, with the limits AWS enforces: payload
 * format 2.0 events (local/gateway builds them from the real request, binary bodies base64),
 * 10 MB HTTP API request, Lambda's 6 MB synchronous invocation payload (the event as JSON:
 * 413) and response (502), the integration timeout of the template (503), and a function
 * error answered as API Gateway does (500 `Internal Server Error`). Routes as the template declares
 * them (`apiRoutesHandler`): a request matching a route's method and path goes to that route's
 * function (the frame routes: the reports function, lib/api.ts), any other to `$default`'s.
 */
import type { ApiHandler } from '../gateway';
import type { FunctionHost } from './function-host';

/** Lambda's synchronous invocation limit, request and response (6 MB = 6,291,456 bytes). */
export const LAMBDA_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** HTTP API's own request limit. */
export const HTTP_API_MAX_BODY_BYTES = 10 * 1024 * 1024;

const answer = (statusCode: number, message: string) => ({ statusCode, headers: { 'content-type': 'application/json', 'apigw-requestid': 'parity' }, body: JSON.stringify({ message }) });

export function apiGatewayHandler(host: () => Pick<FunctionHost, 'invoke'>, integrationTimeoutMs: number, log?: (line: string) => void): ApiHandler {
  return async (event, context) => {
    const json = JSON.stringify(event);
    if (Buffer.byteLength(json) > LAMBDA_SYNC_PAYLOAD_BYTES) return answer(413, 'Request Entity Too Large');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), integrationTimeoutMs); });
    const out = await Promise.race([host().invoke(event, String(context.awsRequestId ?? '')), timeout]).finally(() => clearTimeout(timer));
    if (out === 'timeout') { log?.(`gateway: integration timed out after ${integrationTimeoutMs} ms`); return answer(503, 'Service Unavailable'); }
    if (!out.ok) { log?.(`gateway: ${out.errorType}: ${out.errorMessage}`); return answer(out.errorType === 'Sandbox.Timedout' ? 503 : 500, out.errorType === 'Sandbox.Timedout' ? 'Service Unavailable' : 'Internal Server Error'); }
    if (Buffer.byteLength(out.payload) > LAMBDA_SYNC_PAYLOAD_BYTES) { log?.('gateway: the function response exceeds 6 MB'); return answer(502, 'Internal Server Error'); }
    return JSON.parse(out.payload) as unknown;
  };
}

/** An HTTP API route of the template: `GET /v3.6/live_videos/{id}/frame`, or `$default`; the function it integrates. */
export interface ApiRoute { routeKey: string; functionArn: string; integrationTimeoutMs: number }

/** API Gateway's route selection: the route whose method and path match (`{name}`: one path segment), else `$default`;
 *  with the path parameters it fills. */
export function selectRoute(routes: readonly ApiRoute[], method: string, rawPath: string): { route: ApiRoute; pathParameters?: Record<string, string> } | undefined {
  for (const route of routes) {
    const [routeMethod, routePath] = route.routeKey.split(' ');
    if (!routePath || (routeMethod !== 'ANY' && routeMethod !== method)) continue;
    const names: string[] = [];
    const pattern = routePath.split('/').map((part) => {
      const name = /^\{([^}+]+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    }).join('/');
    const m = new RegExp(`^${pattern}$`).exec(rawPath);
    if (m) return { route, ...(names.length ? { pathParameters: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) } : {}) };
  }
  const fallback = routes.find((r) => r.routeKey === '$default');
  return fallback && { route: fallback };
}

/** The gateway in front of every integrated function: each request to its route's function, with the route key and
 *  path parameters API Gateway gives it; no route: 404 `Not Found`, as API Gateway answers. A route whose function
 *  `hostOf` does not know is refused here, when the stack starts (CloudFormation refuses such an integration). */
export function apiRoutesHandler(routes: readonly ApiRoute[], hostOf: (functionArn: string) => Pick<FunctionHost, 'invoke'> | undefined, log?: (line: string) => void): ApiHandler {
  const hosts = routes.map((r) => ({ route: r, host: hostOf(r.functionArn) }));
  const unknown = hosts.filter((h) => !h.host).map(({ route: r }) => `${r.routeKey} (to ${r.functionArn})`);
  if (unknown.length) throw new Error(`parity: the HTTP API routes ${unknown.join(', ')} to no function of the template`);
  const handlers = new Map(hosts.map(({ route, host }) => [route.routeKey, apiGatewayHandler(() => host!, route.integrationTimeoutMs, log)]));
  return async (event, context) => {
    const e = event as { rawPath: string; requestContext: { http: { method: string }; routeKey: string } };
    const selected = selectRoute(routes, e.requestContext.http.method, e.rawPath);
    if (!selected) return answer(404, 'Not Found');
    const { route, pathParameters } = selected;
    const routed = { ...e, routeKey: route.routeKey, requestContext: { ...e.requestContext, routeKey: route.routeKey }, ...(pathParameters ? { pathParameters } : {}) };
    return handlers.get(route.routeKey)!(routed, context);
  };
}
