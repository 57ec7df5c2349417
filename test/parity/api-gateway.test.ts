/** API Gateway's answers around the API function in parity mode: limits, timeout, function errors. */
import { apiGatewayHandler, LAMBDA_SYNC_PAYLOAD_BYTES } from '../../local/parity/api-gateway';
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
