/** API tokens on the local stack: list without secrets, create once, revoke, per environment; last_used_at; the CLI. */
import { createApiToken, verifyApiToken, hashToken } from '../../lambdas/api/auth';
import { pendingTokenUses, settleTokenUses } from '../../lambdas/store/api-tokens';
import { main } from '../../cli/main';
import { startTestStack, type TestStack } from '../helpers/stack';

interface Token { id: string; name: string; environment: string; token_hint: string; created_at: string; last_used_at: string | null; token?: string }
let stack: TestStack;
let live: string;
beforeAll(async () => { stack = await startTestStack(); live = await createApiToken('live'); }, 120_000);
afterAll(() => stack.stop());

const list = async (token?: string) => (await stack.apiJson<{ api_tokens: Token[] }>('/v3.6/api_tokens', token ? { token } : {})).body.api_tokens;

describe('/v3.6/api_tokens', () => {
  it('creates a token shown once, lists tokens without secrets, and revokes one: it is refused at once', async () => {
    const created = await stack.apiJson<Token>('/v3.6/api_tokens', { method: 'POST', json: { name: 'ci' } });
    expect(created.status).toBe(201);
    const token = created.body.token!;
    expect(token).toMatch(/^api_sandbox\.[A-Za-z0-9_-]{32}$/);
    expect(created.body).toMatchObject({ id: hashToken(token).slice(0, 16), name: 'ci', environment: 'sandbox', token_hint: `api_sandbox.…${token.slice(-4)}`, last_used_at: null });
    expect((await stack.apiJson('/v3.6/applicants', { token })).status).toBe(200);
    const listed = await list();
    expect(listed.map((t) => t.id)).toEqual(expect.arrayContaining([hashToken(stack.apiToken).slice(0, 16), created.body.id]));
    expect(JSON.stringify(listed)).not.toContain(token.slice(12));
    expect(listed.every((t) => !('token' in t) && !('hash' in t))).toBe(true);

    expect((await stack.apiJson(`/v3.6/api_tokens/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await stack.apiJson('/v3.6/applicants', { token })).status).toBe(401);
    expect((await list()).map((t) => t.id)).not.toContain(created.body.id);
    expect((await stack.apiJson(`/v3.6/api_tokens/${created.body.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('keeps environments apart: a token sees, creates and revokes tokens of its own environment only', async () => {
    const liveId = hashToken(live).slice(0, 16);
    expect((await list()).map((t) => t.id)).not.toContain(liveId);
    expect((await list(live)).map((t) => [t.id, t.environment])).toEqual([[liveId, 'live']]);
    expect((await stack.apiJson(`/v3.6/api_tokens/${liveId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await stack.apiJson('/v3.6/applicants', { token: live })).status).toBe(200);
    const made = await stack.apiJson<Token>('/v3.6/api_tokens', { method: 'POST', token: live, json: {} });
    expect(made.body.token).toMatch(/^api_live\./);
    expect((await stack.apiJson<Token>('/v3.6/api_tokens', { method: 'POST', json: { name: 'a\nb' } })).status).toBe(422);
  });

  it('needs an API token (an SDK token is not one)', async () => {
    expect((await stack.apiJson('/v3.6/api_tokens', { token: null })).status).toBe(401);
    expect((await stack.apiJson('/v3.6/api_tokens', { sdkToken: 'abc.def' })).status).toBe(401);
  });
});

describe('last_used_at', () => {
  it('is written in the background, at most once a minute per token', async () => {
    const token = await createApiToken('sandbox', undefined, { name: 'clock' });
    const id = hashToken(token).slice(0, 16);
    const usedAt = async () => (await list()).find((t) => t.id === id)?.last_used_at;
    await settleTokenUses();
    const t0 = Date.parse('2031-05-01T10:00:00Z');
    await verifyApiToken(token, t0);
    expect(pendingTokenUses()).toBe(1); // the request did not wait for it
    await settleTokenUses();
    expect(await usedAt()).toBe('2031-05-01T10:00:00Z');
    await settleTokenUses();
    await verifyApiToken(token, t0 + 30_000);
    await verifyApiToken(token, t0 + 59_000);
    expect(pendingTokenUses()).toBe(0);
    await settleTokenUses();
    expect(await usedAt()).toBe('2031-05-01T10:00:00Z');
    await verifyApiToken(token, t0 + 61_000);
    await settleTokenUses();
    expect(await usedAt()).toBe('2031-05-01T10:01:01Z');
  });
});

describe('studio api-token', () => {
  it('lists, creates and revokes against a running stack', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) };
    const env = { STUDIO_URL: stack.url, STUDIO_API_TOKEN: stack.apiToken };
    expect(await main(['api-token', 'create', '--name', 'from-cli'], out, env)).toBe(0);
    const token = lines.pop()!;
    expect((await stack.apiJson('/v3.6/applicants', { token })).status).toBe(200);
    const id = hashToken(token).slice(0, 16);
    expect(await main(['api-token', 'list'], out, env)).toBe(0);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${id}  sandbox  api_sandbox\\.…${token.slice(-4).replace(/[-]/g, '\\-')}  .*  from-cli$`)));
    expect(lines.join('\n')).not.toContain(token);
    expect(await main(['api-token', 'revoke', id], out, env)).toBe(0);
    expect((await stack.apiJson('/v3.6/applicants', { token })).status).toBe(401);
    expect(await main(['api-token', 'frobnicate'], out, env)).toBe(2);
  });
});
