/**
 * API Gateway (HTTP API) in front of the API function, with the limits AWS enforces: payload
 * format 2.0 events (local/gateway builds them from the real request, binary bodies base64),
 * 10 MB HTTP API request, Lambda's 6 MB synchronous invocation payload (the event as JSON:
 * 413) and response (502), the integration timeout of the template (503), and a function
 * error answered as API Gateway does (500 `Internal Server Error`).
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
