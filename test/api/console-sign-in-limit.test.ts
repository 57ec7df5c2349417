/**
 * Console sign-in attempts are limited before the password is checked: 10 per email and 30 per
 * client address in 5 minutes, counted in the table (two API instances share the count), then
 * 429 with Onfido's error body and Retry-After, the right password included. The API runs in
 * process with an injected clock.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../../lambdas/api/app';
import { buildRouter } from '../../lambdas/api/routes';
import { hashPassword, writeUsers } from '../../lambdas/shared/console-users';
import type { Runtime } from '../../lambdas/shared/ids';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let now = Date.parse('2030-01-01T10:00:10Z');
const rt: Runtime = { now: () => new Date(now), newId: () => randomUUID() };
const apps = [createApp(buildRouter(rt), () => undefined, rt), createApp(buildRouter(rt), () => undefined, rt)];
const USERS = ['ada', 'bob', 'cy', 'dee', 'eve'].map((n) => `${n}@example.com`);

beforeAll(async () => {
  stack = await startTestStack();
  const password = await hashPassword('right password 1');
  writeUsers(stack.env.CONSOLE_USERS_FILE, USERS.map((email) => ({ email, role: 'admin' as const, environments: ['sandbox' as const], password, created_at: '2026-01-01T00:00:00.000Z' })));
}, 120_000);
afterAll(() => stack.stop());

type Answer = { status: number; retryAfter: string | undefined; type: string | undefined };
async function signIn(email: string, password: string, ip: string, app = 0): Promise<Answer> {
  const res = await apps[app]!({
    version: '2.0', rawPath: '/v3.6/console/sign_in', rawQueryString: '', isBase64Encoded: false,
    headers: { 'content-type': 'application/json' }, requestContext: { http: { method: 'POST', sourceIp: ip } },
    body: JSON.stringify({ email, password }),
  });
  const body = (res.body ? JSON.parse(res.body) : {}) as { error?: { type: string } };
  return { status: res.statusCode, retryAfter: res.headers?.['retry-after'] as string | undefined, type: body.error?.type };
}

it('refuses the 11th attempt on one email in 5 minutes, even with the right password, from any address and instance', async () => {
  for (let i = 0; i < 10; i++) expect((await signIn('Ada@example.com', `wrong ${i}`, `10.0.1.${i}`, i % 2)).status).toBe(401);
  expect(await signIn('ada@example.com', 'right password 1', '10.0.1.99', 1)).toEqual({ status: 429, retryAfter: '290', type: 'rate_limit' });
  expect((await signIn('bob@example.com', 'right password 1', '10.0.1.99')).status).toBe(200); // another email has its own count
  now = Date.parse('2030-01-01T10:04:59Z');
  expect((await signIn('ada@example.com', 'right password 1', '10.0.1.98')).retryAfter).toBe('1');
  now = Date.parse('2030-01-01T10:05:00Z');
  expect((await signIn('ada@example.com', 'right password 1', '10.0.1.98')).status).toBe(200);
}, 60_000);

it('refuses the 31st attempt from one address in 5 minutes, whatever the emails', async () => {
  now = Date.parse('2030-01-01T11:00:00Z');
  for (let i = 0; i < 30; i++) expect((await signIn(`nobody${i}@example.com`, 'guess', '10.0.2.1', i % 2)).status).toBe(401);
  expect(await signIn('cy@example.com', 'right password 1', '10.0.2.1')).toEqual({ status: 429, retryAfter: '300', type: 'rate_limit' });
  expect((await signIn('cy@example.com', 'right password 1', '10.0.2.2')).status).toBe(200); // another address has its own count
}, 60_000);
