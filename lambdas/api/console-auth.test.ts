/**
 * Console JWTs in AWS: with a Cognito pool configured, the API takes the pool's ID tokens of its
 * app client as console users (role and environments from the custom attributes) and nothing
 * else: an access token, another client's token, another pool's, a local JWT, an expired one, a
 * user without a role. The pool's keys are seeded with `cacheJwks` (no network).
 */
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { resetConfig } from '../shared/config';
import { cognitoVerifier, verifyConsoleJwt } from './console-auth';

const POOL = 'eu-west-1_Abc123';
const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...(createPublicKey(privateKey).export({ format: 'jwk' }) as { kty: string; n: string; e: string }), kid: 'k1', alg: 'RS256', use: 'sig' };
const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'RS256', kid: 'k1' })}.${part({
    iss: ISSUER, aud: 'client-1', token_use: 'id', email: 'Ana@Example.com', 'custom:role': 'analyst', 'custom:environments': 'live', iat: now, exp: now + 3600, ...claims,
  })}`;
  return `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`;
}

const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, { CONSOLE_USER_POOL_ID: POOL, CONSOLE_CLIENT_ID: 'client-1', CONSOLE_KEY_FILE: '' });
  resetConfig();
  cognitoVerifier()!.verifier.cacheJwks({ keys: [jwk] });
});
afterAll(() => { process.env = saved; resetConfig(); });

test('an ID token of the pool\'s app client is a console user with the role and environments of its attributes', async () => {
  expect(await verifyConsoleJwt(jwt({}))).toEqual({ email: 'ana@example.com', role: 'analyst', environments: ['live'] });
  expect(await verifyConsoleJwt(jwt({ 'custom:role': 'admin', 'custom:environments': 'sandbox,live' }))).toMatchObject({ role: 'admin', environments: ['sandbox', 'live'] });
});

test.each([
  ['an access token', { token_use: 'access' }],
  ['another app client\'s', { aud: 'client-2' }],
  ['another pool\'s', { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' }],
  ['a local issuer\'s', { iss: 'http://127.0.0.1:3000', aud: 'studio-console' }],
  ['an expired one', { exp: Math.floor(Date.now() / 1000) - 60 }],
])('refuses %s (401)', async (_name, claims) => {
  await expect(verifyConsoleJwt(jwt(claims))).rejects.toMatchObject({ status: 401 });
});

test('a pool user without a role or with unknown environments is refused (403)', async () => {
  await expect(verifyConsoleJwt(jwt({ 'custom:role': undefined }))).rejects.toMatchObject({ status: 403 });
  await expect(verifyConsoleJwt(jwt({ 'custom:environments': 'staging' }))).rejects.toMatchObject({ status: 403 });
});
