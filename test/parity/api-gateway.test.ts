/** API Gateway's answers around the API function in parity mode: limits, timeout, function errors; routes to their functions. */
import { apiGatewayHandler, apiRoutesHandler, LAMBDA_SYNC_PAYLOAD_BYTES, selectRoute, type ApiRoute } from '../../local/parity/api-gateway';
import type { InvokeResult } from '../../local/parity/function-host';

const host = (result: InvokeResult | Promise<InvokeResult>) => () => ({ invoke: jest.fn(() => Promise.resolve(result)) });
const event = (body = '') => ({ version: '2.0', rawPath: '/v3.6/ping', body, isBase64Encoded: false });

it('passes the proxy result through', async () => {
  const out = await apiGatewayHandler(host({ ok: true, payload: JSON.stringify({ statusCode: 201, body: '{}' }) }), 1000)(event(), {});
  expect(out).toEqual({ statusCode: 201, body: '{}' });
});

it('answers 413 for an event over 6 MB without invoking the function', async () => {
  const h = host({ ok: true, payload: '{}' });
  const out = await apiGatewayHandler(h, 1000)(event('x'.repeat(LAMBDA_SYNC_PAYLOAD_BYTES)), {});
  expect(out).toMatchObject({ statusCode: 413 });
});

it('answers 502 for a response over 6 MB, 500 for a function error, 503 at the integration timeout', async () => {
  const large = JSON.stringify({ statusCode: 200, body: 'y'.repeat(LAMBDA_SYNC_PAYLOAD_BYTES) });
  expect(await apiGatewayHandler(host({ ok: true, payload: large }), 1000)(event(), {})).toMatchObject({ statusCode: 502 });
  expect(await apiGatewayHandler(host({ ok: false, errorType: 'Error', errorMessage: 'x', payload: '{}' }), 1000)(event(), {})).toMatchObject({ statusCode: 500, body: '{"message":"Internal Server Error"}' });
  expect(await apiGatewayHandler(host(new Promise<InvokeResult>(() => undefined)), 20)(event(), {})).toMatchObject({ statusCode: 503 });
});

const ROUTES: ApiRoute[] = [
  { routeKey: '$default', functionArn: 'api', integrationTimeoutMs: 1000 },
  { routeKey: 'GET /v3.6/live_videos/{id}/frame', functionArn: 'reports', integrationTimeoutMs: 1000 },
];

it('selects the route whose method and path match, with its path parameters; anything else goes to $default', () => {
  expect(selectRoute(ROUTES, 'GET', '/v3.6/live_videos/a%20b/frame')).toEqual({ route: ROUTES[1], pathParameters: { id: 'a b' } });
  for (const [method, p] of [['POST', '/v3.6/live_videos/x/frame'], ['GET', '/v3.6/live_videos/x/y/frame'], ['GET', '/v3.6/live_videos/x/frame/'], ['GET', '/v3.6/live_videos']]) {
    expect(selectRoute(ROUTES, method!, p!)).toEqual({ route: ROUTES[0] });
  }
  expect(selectRoute(ROUTES.slice(1), 'GET', '/v3.6/ping')).toBeUndefined();
});

it('invokes the route\'s function with the route key and path parameters API Gateway sets; no route is a 404', async () => {
  const seen: Array<[string, unknown]> = [];
  const hostOf = (arn: string) => ({ invoke: jest.fn((e: unknown) => { seen.push([arn, e]); return Promise.resolve<InvokeResult>({ ok: true, payload: '{"statusCode":200}' }); }) });
  const request = (method: string, rawPath: string) => ({ version: '2.0', routeKey: '$default', rawPath, requestContext: { routeKey: '$default', http: { method } }, isBase64Encoded: false });
  await apiRoutesHandler(ROUTES, hostOf)(request('GET', '/v3.6/live_videos/v1/frame'), {});
  await apiRoutesHandler(ROUTES, hostOf)(request('GET', '/v3.6/ping'), {});
  expect(seen.map(([arn, e]) => [arn, (e as { routeKey: string }).routeKey, (e as { requestContext: { routeKey: string } }).requestContext.routeKey, (e as { pathParameters?: unknown }).pathParameters]))
    .toEqual([['reports', 'GET /v3.6/live_videos/{id}/frame', 'GET /v3.6/live_videos/{id}/frame', { id: 'v1' }], ['api', '$default', '$default', undefined]]);
  expect(await apiRoutesHandler(ROUTES.slice(1), hostOf)(request('GET', '/v3.6/ping'), {})).toMatchObject({ statusCode: 404, body: '{"message":"Not Found"}' });
});

it('refuses, before any request, a route to a function the template does not have', () => {
  const hostOf = (arn: string) => (arn === 'api' ? { invoke: jest.fn() } : undefined);
  expect(() => apiRoutesHandler(ROUTES, hostOf)).toThrow('parity: the HTTP API routes GET /v3.6/live_videos/{id}/frame (to reports) to no function of the template');
  expect(() => apiRoutesHandler(ROUTES.slice(0, 1), hostOf)).not.toThrow();
});
