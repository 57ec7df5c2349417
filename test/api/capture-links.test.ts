/**
 * Capture links and sessions (issue 10, finding 4): a run's link token opens short capture
 * sessions until `link.expires_at` or the run's end; SDK tokens never renew themselves; a
 * deleted applicant's tokens are refused. The API runs in process on the test stack's data with
 * an injected clock (`offset`), so that expiry needs no waiting.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../../lambdas/api/app';
import { buildRouter } from '../../lambdas/api/routes';
import { isoSeconds, type Runtime } from '../../lambdas/shared/ids';
import { e2e, type E2e, type Json, type Run } from '../e2e/helpers';
import { CAPTURE } from '../e2e/workflows';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let t: E2e;
let capture: string;
let offset = 0;
const rt: Runtime = { now: () => new Date(Date.now() + offset), newId: () => randomUUID() };
const app = createApp(buildRouter(rt), () => undefined, rt);
const MINUTE = 60_000;

beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  capture = await t.workflow(CAPTURE());
}, 120_000);
afterAll(() => stack.stop());
beforeEach(() => { offset = 0; });

type ErrorBody = { error: { type: string; message: string; fields: Record<string, string[]> } };
interface Session { token: string; expires_at: string; workflow_run_id: string; applicant_id: string }

/** Calls the in-process API as `who`: the stack's API token, an SDK token (`Bearer`), or nobody. */
async function call<T = Json>(method: string, path: string, who: 'api' | { bearer: string } | null, body?: unknown) {
  const authorization = who === 'api' ? `Token token=${stack.apiToken}` : who ? `Bearer ${who.bearer}` : undefined;
  const res = await app({
    version: '2.0', rawPath: path, rawQueryString: '', isBase64Encoded: false,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    requestContext: { http: { method, sourceIp: '127.0.0.1' } },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : undefined) as T };
}
const linkOf = (run: Run) => /#link=(.+)$/.exec((run.link as { url: string }).url)?.[1] ?? '';
const session = (link: string) => call<Session>('POST', '/v3.6/capture_sessions', null, { link_token: link });
const readRun = (id: string, bearer: string) => call<Json>('GET', `/v3.6/workflow_runs/${id}`, { bearer });

async function newRun(link: Json = {}, workflow = capture): Promise<Run> {
  const res = await call<Run>('POST', '/v3.6/workflow_runs', 'api', { workflow_id: workflow, applicant_id: await t.applicant(), link });
  expect(res.status).toBe(201);
  return res.body;
}

it('mints sdk_token only for API reads: a read with an SDK token returns no token and no link credential', async () => {
  const run = await newRun();
  expect(typeof run.sdk_token).toBe('string');
  expect((run.link as { url: string }).url).toBe(`${stack.url}/capture/${run.id}#link=${linkOf(run)}`);
  const bySdk = await readRun(run.id, run.sdk_token ?? '');
  expect(bySdk.status).toBe(200);
  expect(bySdk.body.sdk_token).toBeUndefined();
  expect(JSON.stringify(bySdk.body)).not.toContain('#');
  const byApi = await call<Run>('GET', `/v3.6/workflow_runs/${run.id}`, 'api');
  expect(typeof byApi.body.sdk_token).toBe('string');
  expect(linkOf(byApi.body)).toBe(linkOf(run)); // the link stays the same on every read
});

it('the link opens short sessions and is no bearer token itself; an expired session is refused and a new one works', async () => {
  const run = await newRun();
  const link = linkOf(run);
  expect((await readRun(run.id, link)).status).toBe(401);
  const first = await session(link);
  expect(first).toMatchObject({ status: 200, body: { workflow_run_id: run.id, applicant_id: run.applicant_id } });
  expect(Math.abs(Date.parse(first.body.expires_at) - (Date.now() + 15 * MINUTE))).toBeLessThan(3000);
  expect((await readRun(run.id, first.body.token)).status).toBe(200);
  offset = 15 * MINUTE + 1000;
  expect(await readRun(run.id, first.body.token)).toMatchObject({ status: 401, body: { error: { type: 'authorization_error' } } });
  const second = await session(link);
  expect(second.status).toBe(200);
  expect((await readRun(run.id, second.body.token)).status).toBe(200);
});

it('refuses forged, malformed and foreign link tokens with 401', async () => {
  const run = await newRun();
  const [payload, signature] = linkOf(run).split('.');
  const other = await newRun();
  const forged = `${Buffer.from(JSON.stringify({ run_id: other.id, applicant_id: other.applicant_id, environment: 'sandbox' })).toString('base64url')}.${signature}`;
  for (const bad of [forged, `${payload}.x`, 'garbage', run.sdk_token ?? '', `${linkOf(run)}.extra`]) {
    expect(await session(bad)).toMatchObject({ status: 401, body: { error: { type: 'authorization_error', fields: {} } } });
  }
  expect((await call('POST', '/v3.6/capture_sessions', null, {})).status).toBe(422);
});

it('refuses a link past link.expires_at (401, Onfido body); sessions never outlive it', async () => {
  const expiresAt = isoSeconds(new Date(Date.now() + 30 * MINUTE));
  const run = await newRun({ expires_at: expiresAt, expired_redirect_url: 'https://verify.example.com/expired' });
  offset = 20 * MINUTE;
  const late = await session(linkOf(run));
  expect(late.body.expires_at).toBe(expiresAt);
  expect((await readRun(run.id, late.body.token)).status).toBe(200);
  offset = 31 * MINUTE;
  const refused = await session(linkOf(run));
  // The holder of the link learns where the integrator sends expired links (the page goes there on first open).
  expect(refused).toMatchObject({ status: 401, body: { error: { type: 'link_expired', message: expect.stringContaining('expired'), fields: {}, expired_redirect_url: 'https://verify.example.com/expired' } } });
  expect((await readRun(run.id, late.body.token)).status).toBe(401);
});

it('refuses a link.expires_at in the past when the run is created (422), and creates nothing', async () => {
  const applicant = await t.applicant();
  const res = await call<ErrorBody>('POST', '/v3.6/workflow_runs', 'api', {
    workflow_id: capture, applicant_id: applicant, link: { expires_at: isoSeconds(new Date(Date.now() - MINUTE)) },
  });
  expect(res).toMatchObject({ status: 422, body: { error: { type: 'validation_error', fields: { 'link.expires_at': ['must be in the future'] } } } });
  expect((await t.call<Run[]>('GET', `/v3.6/workflow_runs?applicant_id=${applicant}`)).body).toEqual([]);
});

it('refuses the link of a run that has ended', async () => {
  const done = await t.workflow({ name: 'Done', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }] });
  const run = await newRun({}, done);
  await t.until(run.id, ['approved']);
  expect(await session(linkOf(run))).toMatchObject({ status: 401, body: { error: { type: 'run_ended', message: expect.stringContaining('ended') } } });
});

it('refuses every token of a deleted applicant (401): SDK token, run token, link and session', async () => {
  const run = await newRun();
  const sdk = (await call<{ token: string }>('POST', '/v3.6/sdk_token', 'api', { applicant_id: run.applicant_id })).body.token;
  const open = (await session(linkOf(run))).body.token;
  expect((await call('GET', `/v3.6/applicants/${run.applicant_id}`, { bearer: sdk })).status).toBe(200);
  expect((await call('DELETE', `/v3.6/applicants/${run.applicant_id}`, 'api')).status).toBe(204);
  expect((await call('GET', `/v3.6/applicants/${run.applicant_id}`, { bearer: sdk })).status).toBe(401);
  for (const token of [sdk, run.sdk_token ?? '', open]) expect((await readRun(run.id, token)).status).toBe(401);
  expect(await session(linkOf(run))).toMatchObject({ status: 401, body: { error: { type: 'authorization_error' } } });
});
