/**
 * A run's own SDK tokens (its `sdk_token`, minted on API reads and in webhooks, and its link's
 * capture sessions) live no longer than its link: the `sdk_token` never expires past
 * `link.expires_at` and is not handed out once the link has expired or the run has ended, and any
 * run-scoped token, whatever its `exp`, is refused (401, Onfido's error body) from then on: it
 * lists no task, uploads nothing, completes nothing. A live link's tokens keep working. The API
 * runs in process on the test stack's data with an injected clock (`offset`): no waiting.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../../lambdas/api/app';
import { createSdkToken } from '../../lambdas/api/auth';
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
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==', 'base64');

beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  capture = await t.workflow(CAPTURE());
}, 120_000);
afterAll(() => stack.stop());
beforeEach(() => { offset = 0; });

type ErrorBody = { error: { type: string; message: string; fields: Record<string, string[]> } };

async function send<T>(method: string, path: string, headers: Record<string, string>, body?: Buffer) {
  const res = await app({
    version: '2.0', rawPath: path, rawQueryString: '', isBase64Encoded: body !== undefined, headers,
    requestContext: { http: { method, sourceIp: '127.0.0.1' } },
    ...(body === undefined ? {} : { body: body.toString('base64') }),
  });
  return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : undefined) as T };
}
/** Calls the in-process API with the stack's API token or an SDK token (`Bearer`). */
const call = <T = Json>(method: string, path: string, who: 'api' | { bearer: string }, json?: unknown) =>
  send<T>(method, path, {
    'content-type': 'application/json', authorization: who === 'api' ? `Token token=${stack.apiToken}` : `Bearer ${who.bearer}`,
  }, json === undefined ? undefined : Buffer.from(JSON.stringify(json)));
/** Uploads a document as the capture page's multipart form. */
async function upload(applicantId: string, bearer: string) {
  const form = new FormData();
  form.append('applicant_id', applicantId);
  form.append('type', 'passport');
  form.append('file', new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' }), 'passport.jpg');
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return send<{ id: string }>('POST', '/v3.6/documents', { 'content-type': req.headers.get('content-type')!, authorization: `Bearer ${bearer}` }, Buffer.from(await req.arrayBuffer()));
}
const expOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { exp: number }).exp;
const readByApi = async (id: string) => (await call<Run>('GET', `/v3.6/workflow_runs/${id}`, 'api')).body;

async function newRun(link: Json = {}): Promise<Run & { applicant_id: string }> {
  const res = await call<Run & { applicant_id: string }>('POST', '/v3.6/workflow_runs', 'api', { workflow_id: capture, applicant_id: await t.applicant(), link });
  expect(res.status).toBe(201);
  await t.until(res.body.id, ['awaiting_input']);
  return res.body;
}

it('caps the run\'s sdk_token at link.expires_at, hands out none after it, and refuses the run\'s tokens once the link has expired', async () => {
  const expiresAt = isoSeconds(new Date(Date.now() + 30 * MINUTE));
  const run = await newRun({ expires_at: expiresAt });
  const early = (await readByApi(run.id)).sdk_token!;
  expect(expOf(early)).toBe(Date.parse(expiresAt) / 1000);
  // A run-scoped token minted before the cap (90 minutes, past the link's expiry), as one already handed out may be.
  const uncapped = createSdkToken({ applicantId: run.applicant_id, environment: 'sandbox', runId: run.id }, Date.now());
  expect(expOf(uncapped) * 1000).toBeGreaterThan(Date.parse(expiresAt));

  // While the link lives, the capture page's calls work with both.
  offset = 20 * MINUTE;
  expect(expOf((await readByApi(run.id)).sdk_token!)).toBe(Date.parse(expiresAt) / 1000);
  for (const token of [early, uncapped]) expect((await call('GET', `/v3.6/workflow_runs/${run.id}/tasks`, { bearer: token })).status).toBe(200);

  offset = 31 * MINUTE;
  expect((await readByApi(run.id)).sdk_token).toBeNull();
  const tasks = await call<ErrorBody>('GET', `/v3.6/workflow_runs/${run.id}/tasks`, { bearer: uncapped });
  expect(tasks).toMatchObject({ status: 401, body: { error: { type: 'authorization_error', message: expect.stringContaining('expired'), fields: {} } } });
  expect((await call('GET', `/v3.6/workflow_runs/${run.id}`, { bearer: uncapped })).status).toBe(401);
  expect((await upload(run.applicant_id, uncapped)).status).toBe(401);
  const waiting = await t.waitingTask(run.id, 'doc');
  expect((await call('POST', `/v3.6/workflow_runs/${run.id}/tasks/${waiting.id}/complete`, { bearer: uncapped }, { data: [{ id: 'any' }] })).status).toBe(401);
  expect((await t.run(run.id)).status).toBe('awaiting_input');
}, 120_000);

it('refuses the run\'s tokens once the run has ended, and hands out none; an applicant\'s own token is not concerned', async () => {
  const run = await newRun();
  const token = (await readByApi(run.id)).sdk_token!;
  const applicantToken = (await call<{ token: string }>('POST', '/v3.6/sdk_token', 'api', { applicant_id: run.applicant_id })).body.token;
  const doc = await upload(run.applicant_id, token);
  expect(doc.status).toBe(201);
  const waiting = await t.waitingTask(run.id, 'doc');
  expect((await call('POST', `/v3.6/workflow_runs/${run.id}/tasks/${waiting.id}/complete`, { bearer: token }, { data: [{ id: doc.body.id }] })).status).toBe(200);
  await t.until(run.id, ['approved']);

  expect((await readByApi(run.id)).sdk_token).toBeNull();
  const refused = await call<ErrorBody>('GET', `/v3.6/workflow_runs/${run.id}/tasks`, { bearer: token });
  expect(refused).toMatchObject({ status: 401, body: { error: { type: 'authorization_error', message: expect.stringContaining('ended') } } });
  expect((await upload(run.applicant_id, token)).status).toBe(401);
  expect((await call('GET', `/v3.6/documents/${doc.body.id}`, { bearer: token })).status).toBe(401);
  // A token of the applicant (POST /v3.6/sdk_token, no run) still works.
  expect((await call('GET', `/v3.6/documents/${doc.body.id}`, { bearer: applicantToken })).status).toBe(200);
}, 120_000);
