/** A report type answered by the customer's own service (REPORT_PROVIDERS, http provider). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReportHandler } from '../../lambdas/reports/handler';
import { signBody } from '../../lambdas/reports/providers';
import { createApplicant } from '../../lambdas/store/applicants';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let server: Server;
const seen: Array<{ body: string; valid: boolean }> = [];
const SECRET = 'provider-signing-secret-0123456789';
beforeAll(async () => {
  stack = await startTestStack();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ body, valid: req.headers['x-studio-signature'] === signBody(SECRET, body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: 'consider', breakdown: { sanction: { result: 'consider' } }, properties: { source: 'in-house' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.env.REPORT_PROVIDERS = JSON.stringify({ watchlist_report: { type: 'http', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/screen`, secret: SECRET, backoff_ms: 0 } });
}, 120_000);
afterAll(async () => { delete process.env.REPORT_PROVIDERS; await new Promise<void>((r) => server.close(() => r())); await stack.stop(); });

it('sends the signed report request to the configured service and returns its report; other types keep the built-in check', async () => {
  const applicant = await createApplicant('live', { first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31' });
  const request = (report: string, task: string) => ({
    kind: 'report', report, task_id: task, task_version: 1, config: {},
    run: { workflow_run_id: `run-${task}`, applicant_id: applicant.id, sandbox: false, applicant: {}, custom: {} }, tasks: {},
  });
  const report = createReportHandler();
  expect(await report(request('watchlist_report', 'w1'))).toMatchObject({ result: 'consider', properties: { source: 'in-house' } });
  expect(seen).toHaveLength(1);
  expect(seen[0]!.valid).toBe(true);
  expect(JSON.parse(seen[0]!.body)).toMatchObject({ report: 'watchlist_report', task_id: 'w1', run: { applicant_id: applicant.id } });
  const identity = await report(request('identity_report', 'i1'));
  expect(identity.properties).not.toHaveProperty('source');
  expect(seen).toHaveLength(1);
});

it('a malformed REPORT_PROVIDERS fails loudly', () => {
  const { reportProviders } = jest.requireActual<typeof import('../../lambdas/reports/providers')>('../../lambdas/reports/providers');
  expect(() => reportProviders({ REPORT_PROVIDERS: '{"watchlist_report":{"type":"http","url":"nope"}}' })).toThrow(/REPORT_PROVIDERS is invalid/);
  expect(() => reportProviders({ REPORT_PROVIDERS: '{' })).toThrow('REPORT_PROVIDERS is not JSON');
});
