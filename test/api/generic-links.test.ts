/**
 * Generic links per workflow: a workflow whose live version sets `settings.generic_link` tells
 * anyone what to ask (GET /v3.6/generic_links/<id>) and starts a run for a new applicant in the
 * workflow's environment (POST .../workflow_runs); 10 runs a minute per client IP, then 429 with
 * Retry-After, counted in DynamoDB so that two API instances (two Lambdas) share the count. The
 * API runs in process with an injected clock.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../../lambdas/api/app';
import { buildRouter } from '../../lambdas/api/routes';
import type { Runtime } from '../../lambdas/shared/ids';
import { getRun } from '../../lambdas/store/runs';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let t: E2e;
let open: string;
let closed: string;
let now = Date.parse('2030-01-01T10:00:05Z');
const rt: Runtime = { now: () => new Date(now), newId: () => randomUUID() };
// Two instances of the API, as two Lambdas would be: they share only the table.
const apps = [createApp(buildRouter(rt), () => undefined, rt), createApp(buildRouter(rt), () => undefined, rt)];

const DEFINITION = {
  name: 'Open', start: 'doc', settings: { generic_link: true, welcome: false }, input: { applicant: ['email'] },
  tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
};

beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  open = await t.workflow(DEFINITION);
  const { settings: _settings, ...withoutLink } = DEFINITION;
  closed = await t.workflow(withoutLink);
}, 120_000);
afterAll(() => stack.stop());

async function call<T = Json>(method: string, path: string, opts: { body?: unknown; ip?: string; app?: number; token?: boolean } = {}) {
  const res = await apps[opts.app ?? 0]!({
    version: '2.0', rawPath: path, rawQueryString: '', isBase64Encoded: false,
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Token token=${stack.apiToken}` } : {}) },
    requestContext: { http: { method, sourceIp: opts.ip ?? '127.0.0.1' } },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  return { status: res.statusCode, headers: res.headers ?? {}, body: (res.body ? JSON.parse(res.body) : undefined) as T };
}
const jane = { first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com' };
const start = (workflow: string, ip: string, app = 0, applicant: Json = jane) =>
  call<{ workflow_run_id: string; url: string; error?: { type: string; fields: Record<string, string[]> } }>('POST', `/v3.6/generic_links/${workflow}/workflow_runs`, { body: { applicant }, ip, app });

it('answers what to ask only for a workflow that opts in', async () => {
  const info = await call('GET', `/v3.6/generic_links/${open}`);
  expect(info).toMatchObject({ status: 200, body: { workflow_id: open, name: 'E2E', applicant_fields: ['first_name', 'last_name', 'email'], settings: { generic_link: true } } });
  const no = await call<{ error: { type: string } }>('GET', `/v3.6/generic_links/${closed}`);
  expect(no).toMatchObject({ status: 404, body: { error: { type: 'resource_not_found' } } });
  expect((await start(closed, '10.0.0.1')).status).toBe(404);
  expect((await call('GET', `/v3.6/generic_links/${randomUUID()}`)).status).toBe(404);
});

it('creates the applicant and the run in the workflow\'s environment, and answers the run\'s link', async () => {
  const missing = await start(open, '10.0.0.2', 0, { first_name: 'Jane', last_name: 'Doe' });
  expect(missing).toMatchObject({ status: 422, body: { error: { type: 'validation_error', fields: { 'applicant.email': ['is required by this workflow'] } } } });
  const bad = await start(open, '10.0.0.2', 0, { ...jane, email: 'not an email', ssn: '1' });
  expect(bad.status).toBe(422);
  const res = await start(open, '10.0.0.2');
  expect(res.status).toBe(201);
  expect(res.body.url).toMatch(new RegExp(`^${stack.url}/capture/${res.body.workflow_run_id}#link=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
  const run = await call<{ workflow_id: string; applicant_id: string; status: string }>('GET', `/v3.6/workflow_runs/${res.body.workflow_run_id}`, { token: true });
  expect(run).toMatchObject({ status: 200, body: { workflow_id: open } }); // the stack's token is the sandbox one, as the workflow's
  const applicant = await call('GET', `/v3.6/applicants/${run.body.applicant_id}`, { token: true });
  expect(applicant.body).toMatchObject(jane);
});

it('starts 10 runs a minute per client IP across API instances, then 429 with Retry-After until the next minute', async () => {
  now = Date.parse('2030-01-01T11:00:05Z');
  for (let i = 0; i < 10; i++) expect((await start(open, '10.0.0.3', i % 2)).status).toBe(201);
  const refused = await start(open, '10.0.0.3', 0);
  expect(refused.status).toBe(429);
  expect(refused.headers['retry-after']).toBe('55');
  expect(refused.body.error?.type).toBe('rate_limit');
  expect((await start(open, '10.0.0.3', 1)).status).toBe(429); // the other instance counts the same
  expect((await start(open, '10.0.0.4', 1)).status).toBe(201); // another address has its own count
  now = Date.parse('2030-01-01T11:00:59Z');
  expect((await start(open, '10.0.0.3')).headers['retry-after']).toBe('1');
  now = Date.parse('2030-01-01T11:01:00Z');
  expect((await start(open, '10.0.0.3')).status).toBe(201);
}, 120_000);

it('asks for ID numbers, the country of residence and the required custom inputs, checked per field, and passes them to the run', async () => {
  now = Date.parse('2030-01-01T12:00:05Z');
  const wf = await t.workflow({
    ...DEFINITION, input: {
      applicant: ['email', 'id_numbers', 'location', 'nationality'],
      custom: { plan: { type: 'string' }, seats: { type: 'number' }, adult: { type: 'boolean' }, tags: { type: 'string_list' }, since: { type: 'date_time' }, note: { type: 'string', required: false } },
    },
  });
  const info = await call('GET', `/v3.6/generic_links/${wf}`);
  expect(info.body).toMatchObject({
    applicant_fields: ['first_name', 'last_name', 'email', 'id_numbers', 'location'],
    custom_inputs: [{ name: 'plan', type: 'string' }, { name: 'seats', type: 'number' }, { name: 'adult', type: 'boolean' }, { name: 'tags', type: 'string_list' }, { name: 'since', type: 'date_time' }],
  });
  const post = (body: Json) => call<{ workflow_run_id: string; error?: { fields: Record<string, string[]> } }>('POST', `/v3.6/generic_links/${wf}/workflow_runs`, { body, ip: '10.0.1.1' });
  const missing = await post({ applicant: { ...jane, id_numbers: [] } });
  expect(missing.status).toBe(422);
  expect(Object.keys(missing.body.error!.fields).sort()).toEqual([
    'applicant.id_numbers', 'applicant.location', 'custom_data.adult', 'custom_data.plan', 'custom_data.seats', 'custom_data.since', 'custom_data.tags',
  ]);
  const custom = { plan: 'gold', seats: 3, adult: false, tags: ['a', 'b'], since: '2029-12-31T10:00:00.000Z' };
  const applicant = { ...jane, id_numbers: [{ type: 'tax_id', value: 'AB123' }], location: { country_of_residence: 'FRA' } };
  const wrong = await post({ applicant, custom_data: { ...custom, seats: 'three', note: 'mine', risk: 'low' } });
  expect(wrong.status).toBe(422);
  expect(Object.keys(wrong.body.error!.fields).sort()).toEqual(['custom_data.note', 'custom_data.risk', 'custom_data.seats']); // only the asked inputs, typed
  const spoofed = await post({ applicant: { ...applicant, location: { country_of_residence: 'FRA', ip_address: '1.2.3.4' } }, custom_data: custom });
  expect(spoofed.status).toBe(422); // the location is only the country of residence
  const res = await post({ applicant, custom_data: custom });
  expect(res.status).toBe(201);
  const run = await getRun(res.body.workflow_run_id);
  expect(run?.custom_data).toEqual(custom);
  const stored = await call('GET', `/v3.6/applicants/${run!.applicant_id}`, { token: true });
  expect(stored.body).toMatchObject(applicant);
}, 60_000);
