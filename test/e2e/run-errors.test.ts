/**
 * A run whose report handler throws (with a stack trace, as every Lambda error has) ends
 * `error` showing a listed error type with its fixed message: the API, the webhook body and the
 * completion event never carry the handler's message, stack trace or file paths.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runError } from '../../compiler';
import { createApiToken } from '../../lambdas/api/auth';
import { findEvents } from '../../lambdas/events';
import { buildDelivery } from '../../lambdas/webhooks/payload';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let server: Server;
let live: string;
let calls = 0;
beforeAll(async () => {
  stack = await startTestStack();
  live = await createApiToken('live');
  // The customer's screening service answers, but not with a report: the handler throws ReportProviderError.
  server = createServer((_req, res) => { calls++; res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown field "secret_internal_detail"'); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.env.REPORT_PROVIDERS = JSON.stringify({ watchlist_report: { type: 'http', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/screen`, secret: 'provider-signing-secret-0123456789', backoff_ms: 0 } });
}, 120_000);
afterAll(async () => { delete process.env.REPORT_PROVIDERS; await new Promise<void>((r) => server.close(() => r())); await stack.stop(); });

const call = <T = Record<string, unknown>>(method: string, path: string, json?: unknown) =>
  stack.apiJson<T>(path, { method, ...(json !== undefined ? { json } : {}), token: live });
const INTERNALS = /stackTrace|errorMessage|secret_internal_detail|\/screen|ReportProviderError|\.ts:\d+|node_modules|at \w+ \(/;

it('a report handler error ends the run task_failed after one try, with no internals in the API, webhook or event', async () => {
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Screening' });
  const definition = { name: 'Screening', start: 'watch', tasks: [
    { id: 'watch', type: 'watchlist_report', next: 'done' }, { id: 'done', type: 'result', outcome: 'approve' },
  ] };
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions`, { definition })).status).toBe(201);
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31' });
  const created = await call<{ id: string }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  expect(created.status).toBe(201);
  await stack.flushExecutionEvents();

  const run = await call<{ status: string; error: unknown }>('GET', `/v3.6/workflow_runs/${created.body.id}`);
  expect(run.body).toMatchObject({ status: 'error', error: runError('task_failed') });
  expect(JSON.stringify(run.body)).not.toMatch(INTERNALS);
  expect(calls).toBe(1); // a 400 is not retried, by the provider call nor by the workflow

  const [completed] = await findEvents(created.body.id, 'workflow_run.completed');
  expect(completed).toBeDefined();
  expect(completed!.event.detail).toMatchObject({ status: 'error', result: { error: runError('task_failed') } });
  expect(JSON.stringify(completed!.event)).not.toMatch(INTERNALS);
  const delivery = await buildDelivery(completed!.event);
  expect(JSON.parse(delivery!.body)).toMatchObject({ payload: { resource: { status: 'error', error: runError('task_failed') } } });
  expect(delivery!.body).not.toMatch(INTERNALS);
});
