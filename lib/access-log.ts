/**
 * The HTTP API's access log line (lib/api.ts sets it on the stage), in a module of its own so the
 * cost model (lib/cost.ts, bundled into the console) can measure it without aws-cdk-lib.
 */
/** One JSON line per request; no headers or bodies (they carry tokens and applicant data). */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId', ip: '$context.identity.sourceIp', time: '$context.requestTime',
  method: '$context.httpMethod', route: '$context.routeKey', path: '$context.path', status: '$context.status',
  protocol: '$context.protocol', bytes: '$context.responseLength', latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency', integrationError: '$context.integrationErrorMessage',
  userAgent: '$context.identity.userAgent',
} as const;
export const ACCESS_LOG = JSON.stringify(ACCESS_LOG_FIELDS);

/** Typical values of one request (a run's route, a browser's user agent), to size a log line. */
const SAMPLE: Record<keyof typeof ACCESS_LOG_FIELDS, string> = {
  requestId: 'Ab1Cd2Ef3Gh4Ij5=', ip: '203.0.113.10', time: '30/Nov/2026:12:00:00 +0000', method: 'POST',
  route: 'POST /v3.6/workflow_runs/{id}', path: '/v3.6/workflow_runs/0f9c2b7e-3d7a-4f1b-9a51-6f0a1d2c3b4e', status: '200',
  protocol: 'HTTP/1.1', bytes: '1843', latencyMs: '142', integrationLatencyMs: '139', integrationError: '-',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};

/** Bytes of one access log line with the sample values. */
export const accessLogLineBytes = (): number => JSON.stringify(SAMPLE).length;
