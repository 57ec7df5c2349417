/**
 * Console sign-in with a Cognito user pool (AWS) in Chromium: the API is configured as in AWS
 * (CONSOLE_USER_POOL_ID, CONSOLE_CLIENT_ID) and points the page at a loopback stand-in of Cognito
 * (CONSOLE_COGNITO_ENDPOINT); the page sends InitiateAuth, answers the authenticator-code challenge
 * and the first new password with RespondToAuthChallenge, and its session is the ID token the API
 * verifies. A wrong password, a wrong code and a user the API refuses are shown in words (the
 * last starts again from the email); axe finds nothing serious.
 * The session outlives the ID token: the refresh token renews it before it expires (InitiateAuth
 * with REFRESH_TOKEN_AUTH; short-lived tokens, and an injected clock for the keeper) and when the
 * API answers 401. Also the parsing of Cognito's answers (web/console/src/cognito.ts).
 */
import { type Browser, type Page } from 'playwright-core';
import { cognitoVerifier } from '../../lambdas/api/console-auth';
import { resetConfig } from '../../lambdas/shared/config';
import { CognitoError, parseReply } from '../../web/console/src/cognito';
import { RENEW_BEFORE_MS, SessionKeeper, type Kept, type Timers } from '../../web/console/src/keeper';
import type { TestStack } from '../helpers/stack';
import { closeContexts, launch, startWebStack } from './web-stack';
import { CognitoStandIn, SECRET } from './cognito-stand-in';
import { consolePage, logIn, seriousViolations } from './console-helpers';

const POOL = 'eu-west-1_Console1';
const CLIENT = 'console-client-1';

let stack: TestStack;
let cognito: CognitoStandIn;
let browser: Browser;

beforeAll(async () => {
  stack = await startWebStack();
  expect((await stack.apiJson('/v3.6/workflows', { method: 'POST', json: { name: 'Approve everyone' } })).status).toBe(201);
  cognito = new CognitoStandIn(POOL, CLIENT, [
    { email: 'ada@example.com', password: 'Admin password 1!', role: 'admin', environments: 'sandbox', mfaCode: '123456' },
    { email: 'neo@example.com', password: 'Temporary 1!xyz', role: 'analyst', environments: 'sandbox', mustSetPassword: true },
    { email: 'bob@example.com', password: 'No environments 1!', role: 'analyst', environments: 'nowhere', mfaCode: '654321' },
    { email: 'eve@example.com', password: 'Short tokens 1!', role: 'admin', environments: 'sandbox', tokenSeconds: 4 },
    { email: 'kim@example.com', password: 'Long tokens 1!', role: 'admin', environments: 'sandbox' },
    { email: 'max@example.com', password: 'Needs an app 1!', role: 'analyst', environments: 'sandbox', setUpMfaCode: '246810' },
  ]);
  await cognito.start();
  // The API as in AWS: Cognito ID tokens of this pool and client; no local users.
  Object.assign(process.env, { CONSOLE_USER_POOL_ID: POOL, CONSOLE_CLIENT_ID: CLIENT, CONSOLE_KEY_FILE: '', CONSOLE_USERS_FILE: '', CONSOLE_COGNITO_ENDPOINT: cognito.url });
  resetConfig();
  cognitoVerifier()!.verifier.cacheJwks({ keys: [cognito.jwk] });
  browser = await launch();
}, 180_000);
afterEach(() => closeContexts(browser));
afterAll(async () => {
  await browser?.close();
  await cognito?.stop();
  await stack?.stop();
});

const newPage = () => consolePage(browser);

test('the config route names the pool, client, region and the test endpoint', async () => {
  const res = await stack.apiJson('/v3.6/console/config', { token: null });
  expect(res.body).toEqual({ sign_in: 'cognito', user_pool_id: POOL, client_id: CLIENT, region: 'eu-west-1', endpoint: cognito.url });
});

test('a wrong password is refused in words, then InitiateAuth, the authenticator code and the ID token sign in', async () => {
  const { page, errors } = await newPage();
  await logIn(page, stack.url, 'ada@example.com', 'not the password');
  await page.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Password', { exact: true }).fill('Admin password 1!');
  await page.getByRole('button', { name: 'Log in with email' }).click();
  await page.getByRole('textbox', { name: 'Code' }).fill('000000');
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('textbox', { name: 'Code' }).fill('123456');
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByText('ada@example.com (admin)').waitFor();
  await page.getByRole('link', { name: 'Approve everyone' }).waitFor();
  expect(cognito.calls.map((c) => c.target)).toEqual(['InitiateAuth', 'InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']
    .map((op) => `POST application/x-amz-json-1.1 AWSCognitoIdentityProviderService.${op}`));
  expect(cognito.calls[1]!.body).toEqual({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'Admin password 1!' } });
  expect(cognito.calls[3]!.body).toEqual({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: CLIENT, Session: 'session-1', ChallengeResponses: { USERNAME: 'sub-ada@example.com', SOFTWARE_TOKEN_MFA_CODE: '123456' } });
  const bearer = await page.evaluate("JSON.parse(sessionStorage.getItem('open-studio.console.session')).authorization") as string;
  expect(JSON.parse(Buffer.from(bearer.split('.')[1]!, 'base64url').toString())).toMatchObject({ iss: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`, token_use: 'id' });
  expect(errors).toEqual([]);
}, 120_000);

test('an admin-created user sets a new password on first sign-in', async () => {
  const { page, errors } = await newPage();
  await logIn(page, stack.url, 'neo@example.com', 'Temporary 1!xyz');
  await page.getByLabel('New password').fill('Neo own password 1!');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByText('neo@example.com (analyst)').waitFor();
  expect(cognito.calls.at(-1)!.body).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeResponses: { USERNAME: 'sub-neo@example.com', NEW_PASSWORD: 'Neo own password 1!' } });
  expect(errors).toEqual([]);
}, 120_000);

test('a user the API refuses (no environments) is told so, and the form starts again from the email', async () => {
  const { page, errors } = await newPage();
  await logIn(page, stack.url, 'bob@example.com', 'No environments 1!');
  await page.getByRole('textbox', { name: 'Code' }).fill('654321');
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByRole('alert').filter({ hasText: 'The API refused this sign-in' }).waitFor();
  await page.getByRole('textbox', { name: 'Email' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'Code' }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 120_000);

test('a user without an authenticator sets one up (MFA_SETUP): the key as text, a QR code and its otpauth URI, then the app\'s code', async () => {
  const { page, errors } = await newPage();
  const before = cognito.calls.length;
  await logIn(page, stack.url, 'max@example.com', 'Needs an app 1!');
  await page.getByRole('img', { name: 'QR code of the authenticator key' }).waitFor();
  await page.getByText(SECRET.replace(/(.{4})/g, '$1 ').trim()).waitFor();
  await page.getByText(`otpauth://totp/Open%20Studio%3Amax%40example.com?secret=${SECRET}&issuer=Open%20Studio`).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('textbox', { name: 'Code' }).fill('000000');
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
  await page.getByRole('textbox', { name: 'Code' }).fill('246810');
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByText('max@example.com (analyst)').waitFor();
  const calls = cognito.calls.slice(before);
  expect(calls.map((c) => c.target.split('.').pop())).toEqual(['InitiateAuth', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'VerifySoftwareToken', 'RespondToAuthChallenge']);
  expect(calls[1]!.body).toEqual({ Session: expect.any(String) });
  expect(calls[3]!.body).toEqual({ Session: calls[2]!.body.Session, UserCode: '246810', FriendlyDeviceName: 'Open Studio console' });
  expect(calls[4]!.body).toEqual({ ChallengeName: 'MFA_SETUP', ClientId: CLIENT, Session: expect.any(String), ChallengeResponses: { USERNAME: 'sub-max@example.com' } });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

const SESSION = 'open-studio.console.session';
const bearerOf = (page: Page) => page.evaluate(`JSON.parse(sessionStorage.getItem('${SESSION}')).authorization`) as Promise<string>;
const refreshCalls = () => cognito.calls.filter((c) => c.body.AuthFlow === 'REFRESH_TOKEN_AUTH');

/** Waits (bounded) for what the page does on its own timer. */
async function until(probe: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the ID token is renewed with the refresh token before it expires, and the console keeps working past its life', async () => {
  const { page, errors } = await newPage();
  const before = refreshCalls().length;
  await logIn(page, stack.url, 'eve@example.com', 'Short tokens 1!');
  await page.getByText('eve@example.com (admin)').waitFor();
  const first = await bearerOf(page);
  // A 4-second token is renewed half-way through its life, again and again.
  await until(() => refreshCalls().length >= before + 2);
  const refresh = refreshCalls()[before]!;
  expect(refresh.target).toBe('POST application/x-amz-json-1.1 AWSCognitoIdentityProviderService.InitiateAuth');
  expect(refresh.body).toEqual({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT, AuthParameters: { REFRESH_TOKEN: expect.stringMatching(/^refresh-\d+$/) } });
  const renewed = await bearerOf(page);
  expect(renewed).not.toBe(first);
  // Well past the first token's expiry, the API still takes the session's calls.
  await page.getByRole('link', { name: 'Results' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).waitFor();
  await page.getByRole('link', { name: 'Workflows' }).click();
  await page.getByRole('link', { name: 'Approve everyone' }).waitFor();
  expect(errors).toEqual([]);
  await page.context().close(); // its renewals stop with it
}, 120_000);

test('an ID token the API refuses (401) is renewed at once and the call sent again; a revoked refresh token is an error, not a loop', async () => {
  const { page, errors } = await newPage();
  await logIn(page, stack.url, 'kim@example.com', 'Long tokens 1!');
  await page.getByRole('link', { name: 'Approve everyone' }).waitFor();
  const token = await page.evaluate(`JSON.parse(sessionStorage.getItem('${SESSION}')).refresh.token`) as string;
  const refreshCalls = () => cognito.calls.filter((c) => (c.body.AuthParameters as { REFRESH_TOKEN?: string } | undefined)?.REFRESH_TOKEN === token);
  const before = refreshCalls().length;
  // The stored token no longer verifies (as an expired one): the next load's first call gets a 401.
  await page.evaluate(`(() => { const s = JSON.parse(sessionStorage.getItem('${SESSION}')); s.authorization = 'Bearer ' + s.authorization.slice(7, -4) + 'AAAA'; sessionStorage.setItem('${SESSION}', JSON.stringify(s)); })()`);
  await page.reload();
  await page.getByRole('link', { name: 'Approve everyone' }).waitFor();
  expect(refreshCalls().length).toBe(before + 1);
  expect(await stack.apiJson('/v3.6/workflows', { token: null, headers: { authorization: await bearerOf(page) } }).then((r) => r.status)).toBe(200);

  cognito.revokeRefreshTokens();
  await page.evaluate(`(() => { const s = JSON.parse(sessionStorage.getItem('${SESSION}')); s.authorization = 'Bearer x.y.z'; sessionStorage.setItem('${SESSION}', JSON.stringify(s)); })()`);
  await page.reload();
  await page.getByRole('alert').first().waitFor();
  expect(refreshCalls().length).toBe(before + 2);
  expect(errors).toEqual([]);
}, 120_000);

describe('SessionKeeper (injected clock and timers)', () => {
  class FakeTimers implements Timers {
    t = 1_000_000; scheduled: Array<{ f: () => void; ms: number }> = [];
    now() { return this.t; }
    setTimeout(f: () => void, ms: number) { this.scheduled.push({ f, ms }); return this.scheduled.length; }
    clearTimeout() { /* the keeper schedules one timer at a time: the last one is the live one */ }
  }
  const config = () => ({ sign_in: 'cognito' as const, client_id: CLIENT, region: 'eu-west-1', endpoint: cognito.url });
  const base = { authorization: 'Bearer old', email: 'kim@example.com' };

  it('renews shortly before an hour-long token expires, with the refresh token, and schedules the next renewal', async () => {
    // A real refresh token of the stand-in: from a sign-in.
    const signIn = await fetch(cognito.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'kim@example.com', PASSWORD: 'Long tokens 1!' } }) });
    const token = ((await signIn.json()) as { AuthenticationResult: { RefreshToken: string } }).AuthenticationResult.RefreshToken;
    const timers = new FakeTimers();
    const renewed: Kept[] = [];
    const keeper = new SessionKeeper({ ...base, refresh: { token, expires_at: timers.t + 3600_000, config: config() } }, (s) => renewed.push(s), timers);
    expect(timers.scheduled.map((x) => x.ms)).toEqual([3600_000 - RENEW_BEFORE_MS]);
    timers.t += 3600_000 - RENEW_BEFORE_MS;
    timers.scheduled[0]!.f();
    await until(() => renewed.length === 1, 5000);
    expect(keeper.authorization()).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(renewed[0]).toMatchObject({ authorization: keeper.authorization(), refresh: { token, expires_at: timers.t + 3600_000 } });
    expect(timers.scheduled.map((x) => x.ms)).toEqual([3600_000 - RENEW_BEFORE_MS, 3600_000 - RENEW_BEFORE_MS]);
    // Concurrent 401s share one renewal.
    const calls = refreshCalls().length;
    expect(await Promise.all([keeper.renew(), keeper.renew()])).toEqual([true, true]);
    expect(refreshCalls().length).toBe(calls + 1);
    keeper.stop();
  });

  it('leaves a session without a refresh token alone, and a refused refresh token reports false', async () => {
    const timers = new FakeTimers();
    const plain = new SessionKeeper({ ...base, authorization: 'Token token=api_sandbox.x' }, () => undefined, timers);
    expect(timers.scheduled).toEqual([]);
    expect(await plain.renew()).toBe(false);
    const revoked = new SessionKeeper({ ...base, refresh: { token: 'refresh-unknown', expires_at: timers.t + 60_000, config: config() } }, () => undefined, timers);
    expect(timers.scheduled.map((x) => x.ms)).toEqual([30_000]);
    expect(await revoked.renew()).toBe(false);
    expect(revoked.authorization()).toBe('Bearer old');
  });
});

describe('Cognito answers (parseReply)', () => {
  it('reads tokens, the challenges this page answers (with Cognito\'s user name), and faults with their exception name', () => {
    expect(parseReply(200, { AuthenticationResult: { IdToken: 'a.b.c', AccessToken: 'x' } }, 'e')).toEqual({ kind: 'signed_in', idToken: 'a.b.c', expiresIn: 3600 });
    expect(parseReply(200, { AuthenticationResult: { IdToken: 'a.b.c', RefreshToken: 'r', ExpiresIn: 60 } }, 'e')).toEqual({ kind: 'signed_in', idToken: 'a.b.c', refreshToken: 'r', expiresIn: 60 });
    expect(parseReply(200, { ChallengeName: 'SMS_MFA', Session: 's', ChallengeParameters: { USER_ID_FOR_SRP: 'u-1' } }, 'e'))
      .toEqual({ kind: 'challenge', name: 'SMS_MFA', session: 's', username: 'u-1' });
    expect(parseReply(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' }, 'e')).toMatchObject({ username: 'e' });
    const fault = (status: number, body: unknown) => { try { parseReply(status, body, 'e'); } catch (e) { return [(e as CognitoError).code, (e as Error).message]; } return undefined; };
    expect(fault(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' })).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
    expect(fault(400, { __type: 'com.amazonaws.cognito#CodeMismatchException', Message: 'bad' })).toEqual(['CodeMismatchException', 'bad']);
    expect(fault(502, null)).toEqual(['HTTP', 'HTTP 502']);
    expect(fault(200, { ChallengeName: 'SELECT_MFA_TYPE', Session: 's' })).toEqual(['UnsupportedChallenge', 'SELECT_MFA_TYPE']);
    expect(fault(200, {})).toEqual(['InvalidResponse', expect.any(String)]);
  });
});
