/**
 * The API as one function: API Gateway event → route → handler → proxy result. Errors become
 * Onfido error bodies; anything unexpected is logged and answered with a bare 500. Each request
 * counts its DynamoDB round trips under its route (shared/round-trips.ts).
 */
import { config } from '../shared/config';
import { ApiError, badRequest, internal } from '../shared/errors';
import { authenticate } from './auth';
import { authorize } from './roles';
import { clientIp, EDGE_SECRET_HEADER, trustedProxies } from './client-ip';
import { idempotent } from './idempotency';
import { ApiGatewayEvent, type ApiResult, type Caller, type Request, type Response } from './http';
import { MAX_PAYLOAD_BYTES } from './limits';
import type { Router } from './router';
import { systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { labelRequest, withRequestScope } from '../shared/round-trips';

/** The largest request body: what fits Lambda's payload after base64 (limits.ts). */
export const MAX_BODY_BYTES = MAX_PAYLOAD_BYTES;
/** Longest id in a path: every id is shorter (uuids, applicant ids up to 100, task ids up to 75), and
 *  DynamoDB refuses keys over 2 KB, so a longer one names nothing (404, before any lookup). */
export const MAX_PATH_ID_LENGTH = 100;

/** `rt`: the clock that SDK tokens are checked against (tests inject one). */
export function createApp(router: Router, log: (msg: string, err?: unknown) => void = logError, rt: Runtime = systemRuntime) {
  return (rawEvent: unknown): Promise<ApiResult> => withRequestScope('unrouted', () => handle(rawEvent));
  async function handle(rawEvent: unknown): Promise<ApiResult> {
    try {
      return toResult(await dispatch(router, rawEvent, rt));
    } catch (e) {
      if (e instanceof ApiError) return toResult({ status: e.status, body: e.body(), headers: e.headers });
      log('unhandled error', e);
      const err = internal();
      return toResult({ status: err.status, body: err.body() });
    }
  }
}

async function dispatch(router: Router, rawEvent: unknown, rt: Runtime): Promise<Response> {
  const parsed = ApiGatewayEvent.safeParse(rawEvent);
  if (!parsed.success) throw badRequest('The request could not be read');
  const event = parsed.data;
  const method = event.requestContext.http.method.toUpperCase();
  const headers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(event.headers)) headers[k.toLowerCase()] = v;
  // The viewer's address behind CloudFront, or the peer's (client-ip.ts); the edge secret goes no further than this.
  const sourceIp = clientIp(event.requestContext.http.sourceIp, headers, { trusted: trustedProxies(config().STUDIO_TRUSTED_PROXIES), edgeSecret: config().STUDIO_EDGE_SECRET });
  delete headers[EDGE_SECRET_HEADER];
  if (method === 'OPTIONS') return { status: 204, headers: corsHeaders(headers) };
  const found = router.match(method, event.rawPath);
  if (!('route' in found)) {
    if (found.allowed.length > 0) throw new ApiError(405, 'method_not_allowed', `${method} is not allowed here; use ${found.allowed.join(', ')}`);
    throw new ApiError(404, 'resource_not_found', `There is no endpoint ${method} ${event.rawPath}`);
  }
  const body = event.body === undefined ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (body.length > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', `The request body is over ${MAX_BODY_BYTES} bytes (what fits AWS Lambda's 6 MB payload once base64-encoded)`);
  const { route, params } = found;
  labelRequest(`${route.method} ${route.pattern}`);
  const caller: Caller = route.access === 'public'
    ? { kind: 'api', environment: 'live', tokenId: 'public' }
    : await authenticate(headers.authorization, route.access === 'api_or_sdk', rt.now().getTime(), headers['studio-environment']);
  authorize(caller, route);
  if (found.malformed) throw badRequest('The path is not valid percent-encoding (UTF-8)');
  const long = Object.values(params).find((v) => v.length > MAX_PATH_ID_LENGTH);
  if (long !== undefined) throw new ApiError(404, 'resource_not_found', `Could not find the following resource: an id of ${long.length} characters (ids are at most ${MAX_PATH_ID_LENGTH})`);
  const req: Request = {
    method, path: event.rawPath, params, query: new URLSearchParams(event.rawQueryString), headers, body, caller,
    ...(sourceIp ? { sourceIp } : {}),
    ...(event.requestContext.http.userAgent ? { userAgent: event.requestContext.http.userAgent } : {}),
  };
  const res = await idempotent(req, { key: `${route.method} ${route.pattern}`, public: route.access === 'public' }, () => route.handler(req));
  return { ...res, headers: { ...corsHeaders(headers), ...res.headers } };
}

/** CORS for the configured origins only (`STUDIO_ALLOWED_ORIGINS`); any other origin gets no CORS headers, so browsers refuse it. */
function corsHeaders(req: Record<string, string>): Record<string, string> {
  if (!req.origin) return {};
  if (!config().STUDIO_ALLOWED_ORIGINS.includes(req.origin)) return { vary: 'origin' };
  return {
    'access-control-allow-origin': req.origin, 'access-control-allow-headers': 'authorization,content-type,idempotency-key,studio-environment',
    'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS', vary: 'origin',
  };
}

function toResult(res: Response): ApiResult {
  if (res.raw) return { statusCode: res.status, headers: { ...res.headers }, body: res.raw.toString('base64'), isBase64Encoded: true };
  const body = res.body === undefined ? '' : JSON.stringify(res.body);
  return { statusCode: res.status, headers: { ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...res.headers }, body, isBase64Encoded: false };
}
