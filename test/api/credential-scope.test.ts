/**
 * What each credential reaches beyond its role, on the local stack:
 * - an analyst reads runs without their capture credentials (`sdk_token`, the link's token), and
 *   never reads webhooks (their signing secrets) or uploads (their presigned URLs);
 * - a run's capture session (the SDK token of its link) sees and names only what it uploaded
 *   itself, never the applicant's other runs' or the integrator's uploads, and never the
 *   applicant's record; an applicant's SDK token (minted by the integrator) still sees its applicant's.
 */
import type { ConsoleUser } from '../../lambdas/shared/console-users';
import { e2e, type E2e, type Run } from '../e2e/helpers';
import { CAPTURE } from '../e2e/workflows';
import { signedInUsers } from '../helpers/console-users';
import { startTestStack, type TestStack } from '../helpers/stack';

type ErrorBody = { error: { type: string; message: string; fields: Record<string, string[]> } };
const ADMIN: ConsoleUser = { email: 'ada@example.com', role: 'admin', environments: ['sandbox'] };
const ANALYST: ConsoleUser = { email: 'ann@example.com', role: 'analyst', environments: ['sandbox'] };

let stack: TestStack;
let t: E2e;
const jwt: Record<string, string> = {};
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  const jwts = await signedInUsers(stack, [ADMIN, ANALYST]);
  for (const u of [ADMIN, ANALYST]) jwt[u.role] = jwts[u.email]!;
}, 120_000);
afterAll(() => stack.stop());

const as = <T>(role: string, path: string) => stack.apiJson<T>(path, { token: null, headers: { authorization: `Bearer ${jwt[role]}` } });
const credentialsOf = (run: Run & { link: { url: string } }) => [run.sdk_token !== null, run.link.url.includes('#link=')];

it('gives an analyst live runs without their capture credentials, and an admin with them', async () => {
  const run = await t.startRun(await t.workflow(CAPTURE()), await t.applicant());
  await t.until(run.id, ['awaiting_input']);
  for (const [role, expected] of [['admin', [true, true]], ['analyst', [false, false]]] as const) {
    const one = await as<Run & { link: { url: string } }>(role, `/v3.6/workflow_runs/${run.id}`);
    expect([role, one.status, credentialsOf(one.body)]).toEqual([role, 200, expected]);
    const list = await as<Array<Run & { link: { url: string } }>>(role, '/v3.6/workflow_runs');
    const listed = list.body.find((r) => r.id === run.id);
    expect([role, listed && credentialsOf(listed)]).toEqual([role, expected]);
  }
  expect(credentialsOf((await t.call<Run & { link: { url: string } }>('GET', `/v3.6/workflow_runs/${run.id}`)).body)).toEqual([true, true]);
});

it('refuses an analyst the webhooks and the uploads (403), as the API tokens', async () => {
  const hook = await t.call<{ id: string; token: string }>('POST', '/v3.6/webhooks', { url: 'https://receiver.example.com/hook' });
  expect(hook.status).toBe(201);
  for (const path of ['/v3.6/webhooks', `/v3.6/webhooks/${hook.body.id}`, '/v3.6/uploads/u1', '/v3.6/api_tokens']) {
    const res = await as<ErrorBody>('analyst', path);
    expect([path, res.status, res.body.error.type]).toEqual([path, 403, 'authorization_error']);
    expect(JSON.stringify(res.body)).not.toContain(hook.body.token);
  }
  expect((await as<{ webhooks: unknown[] }>('admin', '/v3.6/webhooks')).body.webhooks).toHaveLength(1);
});

it('keeps a capture session to its own uploads and off the applicant record', async () => {
  const workflow = await t.workflow(CAPTURE());
  const applicant = await t.applicant();
  const [a, b] = [await t.startRun(workflow, applicant), await t.startRun(workflow, applicant)];
  const [sessionA, sessionB] = [a.sdk_token!, b.sdk_token!];
  const fromA = await t.upload('documents', applicant, sessionA, { type: 'passport' });
  const fromB = await t.upload('documents', applicant, sessionB, { type: 'passport' });
  const fromIntegrator = await t.upload('documents', applicant, await t.sdkToken(applicant), { type: 'passport' });

  const listed = await stack.apiJson<{ documents: Array<{ id: string }> }>(`/v3.6/documents?applicant_id=${applicant}`, { sdkToken: sessionA });
  expect(listed.body.documents.map((d) => d.id)).toEqual([fromA]);
  for (const id of [fromB, fromIntegrator]) {
    for (const path of [`/v3.6/documents/${id}`, `/v3.6/documents/${id}/download`]) expect([path, (await stack.api(path, { sdkToken: sessionA })).status]).toEqual([path, 404]);
  }
  expect((await stack.api(`/v3.6/documents/${fromA}/download`, { sdkToken: sessionA })).status).toBe(200);
  // The integrator's token and an applicant-wide SDK token still see every upload of the applicant.
  expect((await t.call<{ documents: unknown[] }>('GET', `/v3.6/documents?applicant_id=${applicant}`)).body.documents).toHaveLength(3);
  const wide = await stack.apiJson<{ documents: unknown[] }>(`/v3.6/documents?applicant_id=${applicant}`, { sdkToken: await t.sdkToken(applicant) });
  expect(wide.body.documents).toHaveLength(3);

  await t.until(a.id, ['awaiting_input']);
  const task = await t.waitingTask(a.id, 'doc');
  for (const id of [fromB, fromIntegrator]) {
    const refused = await t.complete(a.id, task.id, [{ id }], sessionA) as unknown as { status: number; body: ErrorBody };
    expect([refused.status, refused.body.error.fields['data.0.id']]).toEqual([422, ['is not one of this run\'s documents (a capture session names only what it uploaded)']]);
  }
  expect((await t.complete(a.id, task.id, [{ id: fromA }], sessionA)).status).toBe(200);

  const record = await stack.apiJson<ErrorBody>(`/v3.6/applicants/${applicant}`, { sdkToken: sessionB });
  expect([record.status, record.body.error.type]).toEqual([403, 'authorization_error']);
  expect((await stack.apiJson<{ id: string }>(`/v3.6/applicants/${applicant}`, { sdkToken: await t.sdkToken(applicant) })).body.id).toBe(applicant);
});
