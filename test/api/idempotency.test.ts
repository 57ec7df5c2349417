/** Idempotency-Key on the create endpoints, on the local stack. */
import sharp from 'sharp';
import { createApiToken } from '../../lambdas/api/auth';
import { claimKey, IDEMPOTENCY_TTL_SECONDS } from '../../lambdas/store/idempotency';
import { e2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';

interface Created { id: string }
let stack: TestStack;
let live: string;
let png: Buffer;
beforeAll(async () => {
  stack = await startTestStack();
  live = await createApiToken('live');
  png = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
}, 120_000);
afterAll(() => stack.stop());

let n = 0;
const newKey = () => `key-${Date.now()}-${++n}`;
const post = (path: string, json: unknown, key: string, token?: string) =>
  stack.apiJson<Created & { error: { type: string; fields: Record<string, string[]> } }>(path, { method: 'POST', json, headers: { 'idempotency-key': key }, ...(token ? { token } : {}) });
const applicantCount = async (token?: string) =>
  Number((await stack.apiJson('/v3.6/applicants?per_page=1', token ? { token } : {})).headers.get('x-total-count'));

describe('Idempotency-Key', () => {
  it('answers a retried create (the first answer was lost) with the first result and status, creating nothing more', async () => {
    const key = newKey();
    const before = await applicantCount();
    const first = await post('/v3.6/applicants', { first_name: 'Ada', last_name: 'Lovelace' }, key);
    expect(first.status).toBe(201);
    const again = await post('/v3.6/applicants', { last_name: 'Lovelace', first_name: 'Ada' }, key);
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([201, first.body, 'true']);
    expect(await applicantCount()).toBe(before + 1);
  });

  it('refuses the key with another body (422) and keeps the first result', async () => {
    const key = newKey();
    const first = await post('/v3.6/applicants', { first_name: 'Ada', last_name: 'Lovelace' }, key);
    const other = await post('/v3.6/applicants', { first_name: 'Grace', last_name: 'Hopper' }, key);
    expect([other.status, other.body.error.type, Object.keys(other.body.error.fields)]).toEqual([422, 'validation_error', ['Idempotency-Key']]);
    expect((await post('/v3.6/applicants', { first_name: 'Ada', last_name: 'Lovelace' }, key)).body).toEqual(first.body);
  });

  it('creates one resource for concurrent requests with one key', async () => {
    const key = newKey();
    const before = await applicantCount();
    const answers = await Promise.all(Array.from({ length: 12 }, () => post('/v3.6/applicants', { first_name: 'Con', last_name: 'Current' }, key)));
    const created = answers.filter((a) => a.status === 201);
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.headers.get('retry-after') === '1'))).toBe(true);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    expect(await applicantCount()).toBe(before + 1);
  });

  it('scopes keys to the token\'s environment', async () => {
    const key = newKey();
    const sandbox = await post('/v3.6/applicants', { first_name: 'Ada', last_name: 'Lovelace' }, key);
    const liveOne = await post('/v3.6/applicants', { first_name: 'Ada', last_name: 'Lovelace' }, key, live);
    expect([sandbox.status, liveOne.status]).toEqual([201, 201]);
    expect(liveOne.body.id).not.toBe(sandbox.body.id);
  });

  it('does not keep a failed request: the key can be retried once the input is fixed', async () => {
    const key = newKey();
    expect((await post('/v3.6/applicants', { first_name: 'Ada' }, key)).status).toBe(422);
    expect((await post('/v3.6/applicants', { first_name: 'Ada', last_name: 'L' }, key)).status).toBe(201);
  });

  it('works on webhooks, workflow runs and uploads (a multipart retry with a new boundary is the same request)', async () => {
    const hookKey = newKey();
    const hook = await post('/v3.6/webhooks', { url: 'https://127.0.0.1/h' }, hookKey);
    expect((await post('/v3.6/webhooks', { url: 'https://127.0.0.1/h' }, hookKey)).body).toEqual(hook.body);
    expect((await stack.apiJson<{ webhooks: unknown[] }>('/v3.6/webhooks')).body.webhooks).toHaveLength(1);

    const applicant = (await post('/v3.6/applicants', { first_name: 'Up', last_name: 'Load' }, newKey())).body.id;
    const upload = () => {
      const body = new FormData();
      body.set('applicant_id', applicant);
      body.set('file', new Blob([png], { type: 'image/png' }), 'selfie.png');
      return stack.apiJson<Created>('/v3.6/live_photos', { method: 'POST', body, headers: { 'idempotency-key': 'photo-1' } });
    };
    const photo = await upload();
    expect(photo.status).toBe(201);
    expect((await upload()).body).toEqual(photo.body);
    expect((await stack.apiJson<{ live_photos: unknown[] }>(`/v3.6/live_photos?applicant_id=${applicant}`)).body.live_photos).toHaveLength(1);

    const workflow = (await stack.apiJson<Created>('/v3.6/workflows', { method: 'POST', json: { name: 'Idem', template: 'document_selfie_photo' } })).body.id;
    await stack.apiJson(`/v3.6/workflows/${workflow}/versions/1/activate`, { method: 'POST' });
    const runKey = newKey();
    const run = await post('/v3.6/workflow_runs', { workflow_id: workflow, applicant_id: applicant }, runKey);
    expect(run.status).toBe(201);
    expect((await post('/v3.6/workflow_runs', { workflow_id: workflow, applicant_id: applicant }, runKey)).body.id).toBe(run.body.id);
    expect((await stack.apiJson<unknown[]>(`/v3.6/workflow_runs?applicant_id=${applicant}`)).body).toHaveLength(1);
  });

  it('gives each end user (SDK token) keys of their own: another applicant\'s request is never replayed to them', async () => {
    const a = (await post('/v3.6/applicants', { first_name: 'End', last_name: 'UserA' }, newKey())).body.id;
    const b = (await post('/v3.6/applicants', { first_name: 'End', last_name: 'UserB' }, newKey())).body.id;
    const sdk = async (id: string) => (await stack.apiJson<{ token: string }>('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: id } })).body.token;
    const upload = (sdkToken: string) => {
      const body = new FormData();
      body.set('applicant_id', a);
      body.set('file', new Blob([png], { type: 'image/png' }), 'selfie.png');
      return stack.apiJson<Created>('/v3.6/live_photos', { method: 'POST', body, sdkToken, headers: { 'idempotency-key': 'end-user-1' } });
    };
    expect((await upload(await sdk(a))).status).toBe(201);
    expect((await upload(await sdk(b))).status).toBe(403);
  });

  it('refuses a malformed key (400) and ignores the header on other routes', async () => {
    expect((await post('/v3.6/applicants', { first_name: 'A', last_name: 'B' }, 'x'.repeat(256))).status).toBe(400);
    expect((await post('/v3.6/applicants', { first_name: 'A', last_name: 'B' }, 'has space')).status).toBe(400);
    const key = newKey();
    const a = await stack.apiJson<Created>('/v3.6/workflows', { method: 'POST', json: { name: 'One' }, headers: { 'idempotency-key': key } });
    const b = await stack.apiJson<Created>('/v3.6/workflows', { method: 'POST', json: { name: 'One' }, headers: { 'idempotency-key': key } });
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('works on a generic link\'s start (public), with keys of its own: never a live token\'s, never another link\'s', async () => {
    const open = () => e2e(stack).workflow({
      name: 'Open', start: 'doc', settings: { generic_link: true, welcome: false },
      tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
    });
    const [workflow, other] = [await open(), await open()];
    const key = newKey();
    const start = (id = workflow, last_name = 'Public') => post(`/v3.6/generic_links/${id}/workflow_runs`, { applicant: { first_name: 'Ada', last_name } }, key, 'not-a-token');
    const first = await start();
    const again = await start();
    const elsewhere = await start(other, 'Elsewhere');
    expect([elsewhere.status, elsewhere.headers.get('idempotent-replayed')]).toEqual([201, null]);
    expect(first.status).toBe(201);
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([201, first.body, 'true']);
    // The same key is free for an integrator's live token, whose keys the public never shares.
    expect((await post('/v3.6/applicants', { first_name: 'Ada', last_name: 'Live' }, key, live)).status).toBe(201);
  });

  it('keeps a key 24 hours (DynamoDB TTL): a day later the key is free again', async () => {
    const now = Date.parse('2031-01-01T00:00:00Z');
    expect(await claimKey('sandbox', 'k-ttl', 'request-a', now)).toEqual({ kind: 'claimed' });
    expect(await claimKey('sandbox', 'k-ttl', 'request-b', now + 60_000)).toEqual({ kind: 'mismatch' });
    expect(await claimKey('sandbox', 'k-ttl', 'request-b', now + (IDEMPOTENCY_TTL_SECONDS - 1) * 1000)).toEqual({ kind: 'mismatch' });
    expect(await claimKey('sandbox', 'k-ttl', 'request-b', now + (IDEMPOTENCY_TTL_SECONDS + 1) * 1000)).toEqual({ kind: 'claimed' });
  });
});
