/**
 * Console sign-in with a Cognito user pool (AWS) in Chromium: the API is configured as in AWS
 * (CONSOLE_USER_POOL_ID, CONSOLE_CLIENT_ID) and points the page at a loopback stand-in of Cognito
 * (CONSOLE_COGNITO_ENDPOINT); the page sends InitiateAuth, answers the authenticator-code challenge
 * and the first new password with RespondToAuthChallenge, and its session is the ID token the API
 * verifies. A wrong password, a wrong code and a user the API refuses are shown in words (the
 * last starts again from the email); axe finds nothing serious.
 * Also the parsing of Cognito's answers (web/console/src/cognito.ts).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cognitoVerifier } from '../../lambdas/api/console-auth';
import { resetConfig } from '../../lambdas/shared/config';
import { CognitoError, parseReply } from '../../web/console/src/cognito';
import { startTestStack, type TestStack } from '../helpers/stack';
import { CognitoStandIn } from './cognito-stand-in';
import { seriousViolations } from './console-helpers';

const ROOT = path.resolve(__dirname, '../..');
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const POOL = 'eu-west-1_Console1';
const CLIENT = 'console-client-1';

let stack: TestStack;
let cognito: CognitoStandIn;
let browser: Browser;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'web/build.js')], { stdio: 'inherit' });
  stack = await startTestStack({ staticDir: path.join(ROOT, 'web/dist') });
  expect((await stack.apiJson('/v3.6/workflows', { method: 'POST', json: { name: 'Approve everyone' } })).status).toBe(201);
  cognito = new CognitoStandIn(POOL, CLIENT, [
    { email: 'ada@example.com', password: 'Admin password 1!', role: 'admin', environments: 'sandbox', mfaCode: '123456' },
    { email: 'neo@example.com', password: 'Temporary 1!xyz', role: 'analyst', environments: 'sandbox', mustSetPassword: true },
    { email: 'bob@example.com', password: 'No environments 1!', role: 'analyst', environments: 'nowhere', mfaCode: '654321' },
  ]);
  await cognito.start();
  // The API as in AWS: Cognito ID tokens of this pool and client; no local users.
  Object.assign(process.env, { CONSOLE_USER_POOL_ID: POOL, CONSOLE_CLIENT_ID: CLIENT, CONSOLE_KEY_FILE: '', CONSOLE_USERS_FILE: '', CONSOLE_COGNITO_ENDPOINT: cognito.url });
  resetConfig();
  cognitoVerifier()!.verifier.cacheJwks({ keys: [cognito.jwk] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cognito?.stop();
  await stack?.stop();
});

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${stack.url}/console/`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in with email' }).click();
}

test('the config route names the pool, client, region and the test endpoint', async () => {
  const res = await stack.apiJson('/v3.6/console/config', { token: null });
  expect(res.body).toEqual({ sign_in: 'cognito', user_pool_id: POOL, client_id: CLIENT, region: 'eu-west-1', endpoint: cognito.url });
});

test('a wrong password is refused in words, then InitiateAuth, the authenticator code and the ID token sign in', async () => {
  const { page, errors } = await newPage();
  await logIn(page, 'ada@example.com', 'not the password');
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
  await logIn(page, 'neo@example.com', 'Temporary 1!xyz');
  await page.getByLabel('New password').fill('Neo own password 1!');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByText('neo@example.com (analyst)').waitFor();
  expect(cognito.calls.at(-1)!.body).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeResponses: { USERNAME: 'sub-neo@example.com', NEW_PASSWORD: 'Neo own password 1!' } });
  expect(errors).toEqual([]);
}, 120_000);

test('a user the API refuses (no environments) is told so, and the form starts again from the email', async () => {
  const { page, errors } = await newPage();
  await logIn(page, 'bob@example.com', 'No environments 1!');
  await page.getByRole('textbox', { name: 'Code' }).fill('654321');
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByRole('alert').filter({ hasText: 'The API refused this sign-in' }).waitFor();
  await page.getByRole('textbox', { name: 'Email' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'Code' }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 120_000);

describe('Cognito answers (parseReply)', () => {
  it('reads tokens, the challenges this page answers (with Cognito\'s user name), and faults with their exception name', () => {
    expect(parseReply(200, { AuthenticationResult: { IdToken: 'a.b.c', AccessToken: 'x' } }, 'e')).toEqual({ kind: 'signed_in', idToken: 'a.b.c' });
    expect(parseReply(200, { ChallengeName: 'SMS_MFA', Session: 's', ChallengeParameters: { USER_ID_FOR_SRP: 'u-1' } }, 'e'))
      .toEqual({ kind: 'challenge', name: 'SMS_MFA', session: 's', username: 'u-1' });
    expect(parseReply(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' }, 'e')).toMatchObject({ username: 'e' });
    const fault = (status: number, body: unknown) => { try { parseReply(status, body, 'e'); } catch (e) { return [(e as CognitoError).code, (e as Error).message]; } return undefined; };
    expect(fault(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' })).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
    expect(fault(400, { __type: 'com.amazonaws.cognito#CodeMismatchException', Message: 'bad' })).toEqual(['CodeMismatchException', 'bad']);
    expect(fault(502, null)).toEqual(['HTTP', 'HTTP 502']);
    expect(fault(200, { ChallengeName: 'MFA_SETUP', Session: 's' })).toEqual(['UnsupportedChallenge', 'MFA_SETUP']);
    expect(fault(200, {})).toEqual(['InvalidResponse', expect.any(String)]);
  });
});
