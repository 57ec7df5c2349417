/**
 * Console sign-in and roles: a local user signs in with email and password and gets a console
 * JWT (RS256, the stack's local key set, verified with aws-jwt-verify); JWTs of another key,
 * another issuer, expired or unsigned are 401, as are SDK tokens on console routes; an analyst
 * reads but gets a 403 (Onfido's error body) on every write; an admin saves, and each version
 * records who saved it; a user acts only in their environments.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { createSdkToken } from '../../lambdas/api/auth';
import { localKeys, signConsoleJwt, type LocalKeys } from '../../lambdas/api/console-auth';
import { createApiToken } from '../../lambdas/api/auth';
import { hashPassword, writeUsers, type ConsoleUser } from '../../lambdas/shared/console-users';
import { startTestStack, type TestStack } from '../helpers/stack';

type ErrorBody = { error: { type: string; message: string; fields: Record<string, unknown> } };
const APPROVE_ALL = { name: 'Approve all', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve' }] };
const ADMIN: ConsoleUser = { email: 'ada@example.com', role: 'admin', environments: ['sandbox', 'live'] };
const ANALYST: ConsoleUser = { email: 'ann@example.com', role: 'analyst', environments: ['sandbox'] };

let stack: TestStack;
let workflowId: string;
beforeAll(async () => {
  stack = await startTestStack();
  writeUsers(stack.env.CONSOLE_USERS_FILE, await Promise.all([ADMIN, ANALYST].map(async (u) => ({
    ...u, password: await hashPassword(`${u.role} password 1`), created_at: '2026-01-01T00:00:00.000Z',
  }))));
  const created = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Console' } });
  workflowId = created.body.id;
  expect((await stack.api(`/v3.6/workflows/${workflowId}/versions`, { method: 'POST', json: { definition: APPROVE_ALL } })).status).toBe(201);
}, 120_000);
afterAll(() => stack.stop());

const bearer = (jwt: string, environment?: string) => ({ authorization: `Bearer ${jwt}`, ...(environment ? { 'studio-environment': environment } : {}) });
const asUser = <T>(jwt: string, path: string, init: { method?: string; json?: unknown; environment?: string } = {}) =>
  stack.apiJson<T>(path, { token: null, headers: bearer(jwt, init.environment), ...(init.method ? { method: init.method } : {}), ...(init.json !== undefined ? { json: init.json } : {}) });
const signIn = (email: string, password: string) =>
  stack.apiJson<{ token: string; user: ConsoleUser }>('/v3.6/console/sign_in', { method: 'POST', token: null, json: { email, password } });

describe('sign-in with a local user', () => {
  it('answers a console JWT for the right password, verifiable with the JWKS the gateway serves', async () => {
    const res = await signIn('Ada@Example.com', 'admin password 1');
    expect([res.status, res.body.user]).toEqual([200, ADMIN]);
    const jwks = await stack.apiJson<{ keys: Array<Record<string, string>> }>('/.well-known/jwks.json', { token: null });
    expect(jwks.status).toBe(200);
    expect(JSON.stringify(jwks.body)).not.toMatch(/"d"|"p"|"q"/);
    const verifier = JwtRsaVerifier.create({ issuer: stack.url, audience: 'studio-console', jwksUri: `${stack.url}/.well-known/jwks.json` });
    verifier.cacheJwks(jwks.body as unknown as Parameters<typeof verifier.cacheJwks>[0]);
    expect(verifier.verifySync(res.body.token)).toMatchObject({ email: ADMIN.email, 'custom:role': 'admin', 'custom:environments': 'sandbox,live' });
    expect((await asUser(res.body.token, '/v3.6/console/session')).body).toEqual({ email: ADMIN.email, role: 'admin', environment: 'sandbox', environments: ['sandbox', 'live'] });
  });

  it('refuses a wrong password and an unknown email alike (401)', async () => {
    for (const [email, password] of [[ADMIN.email, 'analyst password 1'], ['nobody@example.com', 'admin password 1']] as const) {
      const res = await signIn(email, password);
      expect([res.status, (res.body as unknown as ErrorBody).error.type]).toEqual([401, 'authorization_error']);
    }
  });

  it('keeps the private key in the data folder, mode 600', () => {
    const file = stack.env.CONSOLE_KEY_FILE;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(createPrivateKey(readFileSync(file, 'utf8')).asymmetricKeyType).toBe('rsa');
  });

  it('in tests, is the run’s key (test/global-setup.ts) copied into the stack’s own folder, not one generated per stack', () => {
    const run = process.env.STUDIO_TEST_CONSOLE_KEY!;
    expect(path.dirname(stack.env.CONSOLE_KEY_FILE)).not.toBe(path.dirname(run));
    expect(readFileSync(stack.env.CONSOLE_KEY_FILE, 'utf8')).toBe(readFileSync(run, 'utf8'));
  });
});

describe('console JWTs are verified', () => {
  const keys = (): LocalKeys => localKeys()!;
  it('accepts one of the local issuer', async () => {
    expect((await asUser(signConsoleJwt(ADMIN), `/v3.6/workflows/${workflowId}`)).status).toBe(200);
  });

  it('refuses another key, another issuer, an expired one, an unsigned one and an SDK token (401)', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const alg = (jwt: string, header: object) => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${jwt.split('.')[1]}.`;
    const refused = [
      signConsoleJwt(ADMIN, Date.now(), 3600, { ...keys(), privateKey: other }),
      signConsoleJwt(ADMIN, Date.now(), 3600, { ...keys(), issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' }),
      signConsoleJwt(ADMIN, Date.now(), 3600, { ...keys(), issuer: 'http://127.0.0.1:1' }),
      signConsoleJwt(ADMIN, Date.now() - 2 * 3600_000, 3600),
      alg(signConsoleJwt(ADMIN), { alg: 'none', typ: 'JWT', kid: keys().jwk.kid }),
    ];
    for (const jwt of refused) {
      const res = await asUser<ErrorBody>(jwt, '/v3.6/workflows');
      expect([res.status, res.body.error.type]).toEqual([401, 'authorization_error']);
    }
    const sdk = createSdkToken({ applicantId: 'a', environment: 'sandbox' });
    expect((await asUser(sdk, '/v3.6/workflows')).status).toBe(401);
    expect((await asUser(sdk, '/v3.6/console/session')).status).toBe(401);
  });
});

describe('roles', () => {
  it('lets an analyst read, and refuses every write with 403 and Onfido\'s error body', async () => {
    const jwt = signConsoleJwt(ANALYST);
    expect((await asUser(jwt, '/v3.6/workflows')).status).toBe(200);
    expect((await asUser(jwt, `/v3.6/workflows/${workflowId}/versions`)).status).toBe(200);
    const writes: Array<[string, unknown?]> = [
      ['/v3.6/workflows', { name: 'Not mine' }],
      [`/v3.6/workflows/${workflowId}/versions`, { definition: APPROVE_ALL }],
      [`/v3.6/workflows/${workflowId}/versions/1/activate`],
      [`/v3.6/workflows/${workflowId}/versions/1/archive`],
      ['/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe' }],
      ['/v3.6/api_tokens', {}],
    ];
    for (const [path, json] of writes) {
      const res = await asUser<ErrorBody>(jwt, path, { method: 'POST', json: json ?? {} });
      expect([path, res.status, res.body.error.type]).toEqual([path, 403, 'authorization_error']);
    }
    expect((await asUser(jwt, '/v3.6/api_tokens')).status).toBe(403);
    const versions = await stack.apiJson<{ versions: unknown[] }>(`/v3.6/workflows/${workflowId}/versions`);
    expect(versions.body.versions).toHaveLength(1);
  });

  it('lets an admin save and activate; each version says who saved it', async () => {
    const jwt = signConsoleJwt(ADMIN);
    const saved = await asUser<{ version: number; created_by: string }>(jwt, `/v3.6/workflows/${workflowId}/versions`, { method: 'POST', json: { definition: APPROVE_ALL } });
    expect([saved.status, saved.body.created_by]).toEqual([201, ADMIN.email]);
    expect((await asUser(jwt, `/v3.6/workflows/${workflowId}/versions/${saved.body.version}/activate`, { method: 'POST' })).status).toBe(200);
    const list = await asUser<{ versions: Array<{ version: number; created_by: string | null }> }>(jwt, `/v3.6/workflows/${workflowId}/versions`);
    expect(list.body.versions.map((v) => v.created_by)).toEqual(['API token', ADMIN.email]);
  });
});

describe('environments', () => {
  it('acts in the environment asked for, and only in the user\'s own', async () => {
    const liveToken = await createApiToken('live');
    const live = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', token: liveToken, json: { name: 'Live one' } });
    const admin = signConsoleJwt(ADMIN);
    expect((await asUser(admin, `/v3.6/workflows/${live.body.id}`, { environment: 'live' })).status).toBe(200);
    expect((await asUser(admin, `/v3.6/workflows/${live.body.id}`)).status).toBe(404);
    const analyst = signConsoleJwt(ANALYST);
    const refused = await asUser<ErrorBody>(analyst, `/v3.6/workflows/${live.body.id}`, { environment: 'live' });
    expect([refused.status, refused.body.error.type]).toEqual([403, 'authorization_error']);
    expect((await asUser(analyst, `/v3.6/workflows/${live.body.id}`)).status).toBe(404);
  });
});
