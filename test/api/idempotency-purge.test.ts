/**
 * Idempotency-Key answers and the purge: an answer holding an applicant's resource (the applicant,
 * a run, an upload) is erased when the applicant is purged, or, for a run and the uploads its tasks
 * name, when the run is purged by retention. A retry with the key then gets a 422 naming the key,
 * never the purged data, and creates nothing again; the key's other answers (another applicant's,
 * the applicant's own at a run's retention) are still replayed. Sweeps run on an injected clock.
 */
import { randomBytes } from 'node:crypto';
import { resetConfig } from '../../lambdas/shared/config';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { startTestStack, type TestStack } from '../helpers/stack';
import { CAPTURE } from '../e2e/workflows';
import { lifecycleKit, setRetention } from './lifecycle-helpers';

const GRACE_S = 3600;
const DAY = 86_400_000;
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==', 'base64');
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
const previous = process.env.STUDIO_DELETION_GRACE_SECONDS;
beforeAll(async () => {
  process.env.STUDIO_DELETION_GRACE_SECONDS = String(GRACE_S);
  stack = await startTestStack();
  kit = lifecycleKit(stack);
}, 120_000);
afterAll(async () => {
  kit.close();
  await stack.stop();
  setRetention(undefined);
  if (previous === undefined) delete process.env.STUDIO_DELETION_GRACE_SECONDS; else process.env.STUDIO_DELETION_GRACE_SECONDS = previous;
  resetConfig();
});

type Answer = { status: number; body: Record<string, unknown> & { id: string; error?: { type: string; message: string; fields: Record<string, string[]> } }; headers: Headers };
const unique = () => `Idem${randomBytes(5).toString('hex')}`;
const newKey = () => `key-${randomBytes(8).toString('hex')}`;
const post = (path: string, json: unknown, key: string) =>
  stack.apiJson<Answer['body']>(path, { method: 'POST', json, headers: { 'idempotency-key': key } });
/** A multipart upload of `kind` with the key, with the API token or an SDK token. */
async function upload(kind: 'documents' | 'live_photos', applicantId: string, key: string, sdkToken?: string): Promise<Answer> {
  const form = new FormData();
  form.append('applicant_id', applicantId);
  if (kind === 'documents') form.append('type', 'passport');
  form.append('file', new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' }), `${kind}.jpg`);
  const res = await stack.api(`/v3.6/${kind}`, { method: 'POST', body: form, headers: { 'idempotency-key': key }, ...(sdkToken ? { sdkToken } : {}) });
  return { status: res.status, body: await res.json() as Answer['body'], headers: res.headers };
}
const applicantCount = async () => Number((await stack.apiJson('/v3.6/applicants?per_page=1')).headers.get('x-total-count'));
const erased = (a: Answer) => [a.status, a.body.error?.type, Object.keys(a.body.error?.fields ?? {}), a.headers.get('idempotent-replayed')];

it('erases the answers holding a purged applicant (its creation, run, uploads): a retry is a 422, never the data, and creates nothing', async () => {
  const name = unique();
  const keys = { applicant: newKey(), run: newKey(), document: newKey(), photo: newKey(), other: newKey() };
  const body = { first_name: name, last_name: 'Purged', email: `${name}@example.com`, dob: '1980-02-03' };
  const created = await post('/v3.6/applicants', body, keys.applicant);
  expect(created.status).toBe(201);
  const applicantId = created.body.id;
  const workflowId = await kit.t.workflow(CAPTURE());
  const runBody = { workflow_id: workflowId, applicant_id: applicantId, customer_user_id: `${name}-user`, tags: [name] };
  const run = await post('/v3.6/workflow_runs', runBody, keys.run);
  expect(run.status).toBe(201);
  const document = await upload('documents', applicantId, keys.document);
  const photo = await upload('live_photos', applicantId, keys.photo);
  expect([document.status, photo.status]).toEqual([201, 201]);
  // Another applicant's answer, untouched by this purge.
  const otherBody = { first_name: unique(), last_name: 'Stays' };
  const other = await post('/v3.6/applicants', otherBody, keys.other);
  // Before the purge every retry is replayed.
  expect((await post('/v3.6/applicants', body, keys.applicant)).headers.get('idempotent-replayed')).toBe('true');
  expect((await upload('live_photos', applicantId, keys.photo)).body.id).toBe(photo.body.id);

  expect((await kit.t.call('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
  expect(await sweep(new Date(Date.now() + GRACE_S * 1000 + 60_000))).toMatchObject({ purged: 1 });
  // Nothing of the applicant is left in the table, idempotency items included.
  expect((await kit.tableText()).filter((i) => i.includes(name))).toEqual([]);

  const before = await applicantCount();
  const retries = [
    await post('/v3.6/applicants', body, keys.applicant), await post('/v3.6/workflow_runs', runBody, keys.run),
    await upload('documents', applicantId, keys.document), await upload('live_photos', applicantId, keys.photo),
  ];
  for (const retry of retries) {
    expect(erased(retry)).toEqual([422, 'validation_error', ['Idempotency-Key'], null]);
    expect(JSON.stringify(retry.body)).not.toContain(name);
  }
  expect(retries[0]!.body.error!.message).toContain('erased');
  // Another request with one of those keys is refused too (the request itself is not remembered).
  expect((await post('/v3.6/applicants', { first_name: 'Someone', last_name: 'Else' }, keys.applicant)).status).toBe(422);
  expect(await applicantCount()).toBe(before);
  const again = await post('/v3.6/applicants', otherBody, keys.other);
  expect([again.status, again.body.id, again.headers.get('idempotent-replayed')]).toEqual([201, other.body.id, 'true']);
}, 180_000);

it('erases, at a run\'s retention, the answers holding that run and its uploads; the applicant\'s own stays', async () => {
  const name = unique();
  const keys = { applicant: newKey(), run: newKey(), document: newKey() };
  const body = { first_name: name, last_name: 'Retained' };
  const applicantId = (await post('/v3.6/applicants', body, keys.applicant)).body.id;
  const workflowId = await kit.t.workflow(CAPTURE());
  const runBody = { workflow_id: workflowId, applicant_id: applicantId, tags: [`${name}-tag`] };
  const run = await post('/v3.6/workflow_runs', runBody, keys.run);
  expect(run.status).toBe(201);
  const runId = run.body.id;
  await kit.t.until(runId, ['awaiting_input']);
  const sdk = String(run.body.sdk_token);
  const document = await upload('documents', applicantId, keys.document, sdk);
  expect(document.status).toBe(201);
  expect((await kit.t.complete(runId, (await kit.t.waitingTask(runId, 'doc')).id, [{ id: document.body.id }], sdk)).status).toBe(200);
  const end = await kit.t.until(runId, ['approved']);

  setRetention('1');
  expect(await sweep(new Date(Date.parse(end.updated_at as string) + 2 * DAY))).toMatchObject({ retention: { sandbox: 1 } });
  expect((await kit.tableText()).filter((i) => i.includes(`${name}-tag`))).toEqual([]);
  expect(erased(await post('/v3.6/workflow_runs', runBody, keys.run))).toEqual([422, 'validation_error', ['Idempotency-Key'], null]);
  // The run's token is refused once the run has ended: a token of the applicant shares its keys.
  const applicantToken = await kit.t.sdkToken(applicantId);
  expect(erased(await upload('documents', applicantId, keys.document, applicantToken))).toEqual([422, 'validation_error', ['Idempotency-Key'], null]);
  const applicant = await post('/v3.6/applicants', body, keys.applicant);
  expect([applicant.status, applicant.body.id, applicant.headers.get('idempotent-replayed')]).toEqual([201, applicantId, 'true']);
}, 180_000);
