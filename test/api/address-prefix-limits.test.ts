/**
 * The per-address limits (console sign-in attempts, generic link starts) count an IPv6 caller on
 * its /64: one subscriber holds the whole prefix and could otherwise take a new address for every
 * request. Addresses of one /64, however written, share one count; another /64 has its own; an
 * IPv4-mapped address counts as its IPv4 address; a peer address that is not one still gets an
 * answer, not a 5xx. The API runs in process with an injected clock.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../../lambdas/api/app';
import { buildRouter } from '../../lambdas/api/routes';
import { hashPassword, writeUsers } from '../../lambdas/shared/console-users';
import type { Runtime } from '../../lambdas/shared/ids';
import { e2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let workflow: string;
let now = Date.parse('2030-01-01T10:00:00Z');
const rt: Runtime = { now: () => new Date(now), newId: () => randomUUID() };
const app = createApp(buildRouter(rt), () => undefined, rt);
const EMAIL = 'ada@example.com';
const DEFINITION = {
  name: 'Open', start: 'doc', settings: { generic_link: true, welcome: false },
  tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
};

beforeAll(async () => {
  stack = await startTestStack();
  const password = await hashPassword('right password 1');
  writeUsers(stack.env.CONSOLE_USERS_FILE, [{ email: EMAIL, role: 'admin', environments: ['sandbox'], password, created_at: '2026-01-01T00:00:00.000Z' }]);
  workflow = await e2e(stack).workflow(DEFINITION);
}, 120_000);
afterAll(() => stack.stop());

async function post(path: string, body: unknown, ip: string): Promise<{ status: number; type: string | undefined }> {
  const res = await app({
    version: '2.0', rawPath: path, rawQueryString: '', isBase64Encoded: false,
    headers: { 'content-type': 'application/json' }, requestContext: { http: { method: 'POST', sourceIp: ip } }, body: JSON.stringify(body),
  });
  return { status: res.statusCode, type: (res.body ? JSON.parse(res.body) as { error?: { type: string } } : {}).error?.type };
}
const signIn = (ip: string, email = EMAIL, password = 'right password 1') => post('/v3.6/console/sign_in', { email, password }, ip);
const start = (ip: string) => post(`/v3.6/generic_links/${workflow}/workflow_runs`, { applicant: { first_name: 'Jane', last_name: 'Doe' } }, ip);
/** The i-th address of 2001:db8:1:<subnet>::/64, written in one of the ways an address can be. */
const inPrefix = (subnet: number, i: number) =>
  [`2001:db8:1:${subnet}::${(i + 1).toString(16)}`, `2001:0DB8:0001:${subnet.toString().padStart(4, '0')}:${i}:0:0:1`, `2001:db8:1:${subnet}:${i}::ab%eth0`][i % 3]!;

it('counts console sign-in attempts from one IPv6 /64 together, whichever of its addresses they come from', async () => {
  // 30 attempts per address in 5 minutes, each with another email (10 per email).
  for (let i = 0; i < 30; i++) expect([i, (await signIn(inPrefix(2, i), `nobody${i}@example.com`, 'guess')).status]).toEqual([i, 401]);
  expect(await signIn('2001:db8:1:2:dead:beef:0:1')).toEqual({ status: 429, type: 'rate_limit' });
  expect((await signIn('2001:db8:1:3::1')).status).toBe(200); // another /64 has its own count
}, 60_000);

it('counts generic link starts from one IPv6 /64 together, and another /64 apart', async () => {
  now = Date.parse('2030-01-01T11:00:05Z');
  for (let i = 0; i < 10; i++) expect([i, (await start(inPrefix(4, i))).status]).toEqual([i, 201]);
  expect(await start('2001:db8:1:4:ffff:ffff:ffff:fffe')).toEqual({ status: 429, type: 'rate_limit' });
  expect((await start('2001:db8:1:5::1')).status).toBe(201);
}, 120_000);

it('counts an IPv4-mapped address as its IPv4 address, and answers a peer address that is none', async () => {
  now = Date.parse('2030-01-01T12:00:05Z');
  for (let i = 0; i < 5; i++) expect((await start('198.51.100.7')).status).toBe(201);
  for (let i = 0; i < 5; i++) expect((await start(i % 2 ? '::ffff:c633:6407' : '::FFFF:198.51.100.7')).status).toBe(201);
  expect((await start('198.51.100.7')).status).toBe(429);
  expect((await start('198.51.100.8')).status).toBe(201);
  expect((await start('not an address')).status).toBe(201);
}, 120_000);
