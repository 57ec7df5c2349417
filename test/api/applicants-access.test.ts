/** Applicant lists (Onfido paging), sandbox/live separation and SDK tokens, against the local stack. */
import { createApiToken, createSdkToken } from '../../lambdas/api/auth';
import { startTestStack, type TestStack } from '../helpers/stack';

interface Applicant { id: string; sandbox: boolean; delete_at?: string }
interface List { applicants: Applicant[] }
interface ErrorBody { error: { type: string; message: string; fields: Record<string, string[]> } }

let stack: TestStack;
let live: string;
beforeAll(async () => {
  stack = await startTestStack();
  live = await createApiToken('live');
});
afterAll(() => stack.stop());

const create = async (token?: string) =>
  (await stack.apiJson<Applicant>('/v3.6/applicants', { method: 'POST', json: { first_name: 'Sam', last_name: 'Lee' }, ...(token ? { token } : {}) })).body;

describe('GET /v3.6/applicants paging (live environment, empty at first)', () => {
  let ids: string[];
  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < 5; i++) ids.push((await create(live)).id);
    expect((await stack.api(`/v3.6/applicants/${ids[4]}`, { method: 'DELETE', token: live })).status).toBe(204);
  });
  const page = (query: string) => stack.apiJson<List>(`/v3.6/applicants?${query}`, { token: live });

  it('pages with X-Total-Count and Link (first, prev, next, last), every applicant exactly once', async () => {
    const pages = [await page('page=1&per_page=2'), await page('page=2&per_page=2'), await page('page=3&per_page=2')];
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
    expect(pages.map((p) => p.headers.get('x-total-count'))).toEqual(['4', '4', '4']);
    expect(pages.map((p) => p.body.applicants.length)).toEqual([2, 2, 0]);
    const seen = pages.flatMap((p) => p.body.applicants.map((a) => a.id));
    expect(new Set(seen)).toEqual(new Set(ids.slice(0, 4)));
    const base = `${stack.url}/v3.6/applicants`;
    expect(pages[0]!.headers.get('link')).toBe(`<${base}?page=2&per_page=2>; rel="next", <${base}?page=2&per_page=2>; rel="last"`);
    expect(pages[1]!.headers.get('link')).toBe(`<${base}?page=1&per_page=2>; rel="first", <${base}?page=1&per_page=2>; rel="prev"`);
    expect(pages.every((p) => p.body.applicants.every((a) => a.sandbox === false))).toBe(true);
  });

  it('lists newest first, with include_deleted counting the deleted one', async () => {
    const all = await page('include_deleted=true');
    expect(all.headers.get('x-total-count')).toBe('5');
    expect(all.body.applicants.map((a) => a.id).sort()).toEqual([...ids].sort());
    const created = all.body.applicants.map((a) => (a as Applicant & { created_at: string }).created_at);
    expect([...created].sort().reverse()).toEqual(created);
    expect(all.headers.get('link')).toBeNull();
    const middle = await page('page=2&per_page=2&include_deleted=true');
    expect(middle.headers.get('link')).toContain('include_deleted=true>; rel="next"');
  });

  it('answers 422 for bad paging parameters', async () => {
    for (const q of ['page=0', 'per_page=501', 'page=abc', 'include_deleted=yes']) {
      const res = await stack.apiJson<ErrorBody>(`/v3.6/applicants?${q}`, { token: live });
      expect([q, res.status, res.body.error.type]).toEqual([q, 422, 'validation_error']);
      expect(Object.keys(res.body.error.fields)).toEqual([q.split('=')[0]]);
    }
  });
});

describe('environment separation', () => {
  it('keeps sandbox applicants away from live tokens and the other way round', async () => {
    const sandboxApplicant = await create();
    const liveApplicant = await create(live);
    expect(sandboxApplicant.sandbox).toBe(true);
    expect((await stack.apiJson(`/v3.6/applicants/${sandboxApplicant.id}`, { token: live })).status).toBe(404);
    expect((await stack.apiJson(`/v3.6/applicants/${liveApplicant.id}`)).status).toBe(404);
    expect((await stack.apiJson(`/v3.6/applicants/${sandboxApplicant.id}`, { method: 'DELETE', token: live })).status).toBe(404);
    expect((await stack.apiJson(`/v3.6/applicants/${sandboxApplicant.id}`, { method: 'PUT', json: { first_name: 'X' }, token: live })).status).toBe(404);
    const liveList = await stack.apiJson<List>('/v3.6/applicants?per_page=500&include_deleted=true', { token: live });
    expect(liveList.body.applicants.map((a) => a.id)).not.toContain(sandboxApplicant.id);
    expect((await stack.apiJson('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: sandboxApplicant.id }, token: live })).status).toBe(404);
  });
});

describe('POST /v3.6/sdk_token and SDK callers', () => {
  it('gives a token that reads its own applicant only, and nothing an API token alone may do', async () => {
    const own = await create();
    const other = await create();
    const res = await stack.apiJson<{ token: string }>('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: own.id, referrer: 'https://*.example.com/*', cross_device_url: 'https://verify.example.com' } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['token']);
    const sdkToken = res.body.token;
    expect((await stack.apiJson<Applicant>(`/v3.6/applicants/${own.id}`, { sdkToken })).body.id).toBe(own.id);
    const denied = await stack.apiJson<ErrorBody>(`/v3.6/applicants/${other.id}`, { sdkToken });
    expect(denied.status).toBe(403);
    expect(denied.body.error.type).toBe('authorization_error');
    expect((await stack.apiJson('/v3.6/applicants', { sdkToken })).status).toBe(401);
    expect((await stack.apiJson(`/v3.6/applicants/${own.id}`, { method: 'PUT', json: { first_name: 'X' }, sdkToken })).status).toBe(401);
    expect((await stack.apiJson('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: own.id }, sdkToken })).status).toBe(401);
  });

  it('refuses expired tokens, unknown or deleted applicants and bad bodies', async () => {
    const a = await create();
    const expired = createSdkToken({ applicantId: a.id, environment: 'sandbox' }, Date.now() - 91 * 60_000);
    expect((await stack.apiJson(`/v3.6/applicants/${a.id}`, { sdkToken: expired })).status).toBe(401);
    const unknown = await stack.apiJson<ErrorBody>('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: 'no-such-applicant' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Could not find the following resource: Applicant with id=no-such-applicant');
    const bad = await stack.apiJson<ErrorBody>('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: 7, cross_device_url: 'not a url' } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['applicant_id', 'cross_device_url']);
    expect((await stack.apiJson('/v3.6/sdk_token', { method: 'POST', body: '{' })).status).toBe(400);
    await stack.api(`/v3.6/applicants/${a.id}`, { method: 'DELETE' });
    expect((await stack.apiJson('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: a.id } })).status).toBe(422);
  });
});
