/**
 * Console users of a test stack: writes them to its users file (each with the password
 * `<role> password 1`) and signs each in; returns their console JWTs by email.
 */
import { hashPassword, writeUsers, type ConsoleUser } from '../../lambdas/shared/console-users';
import type { TestStack } from './stack';

export async function signedInUsers(stack: TestStack, users: ConsoleUser[]): Promise<Record<string, string>> {
  writeUsers(stack.env.CONSOLE_USERS_FILE, await Promise.all(users.map(async (u) => ({
    ...u, password: await hashPassword(`${u.role} password 1`), created_at: '2026-01-01T00:00:00.000Z',
  }))));
  const jwts: Record<string, string> = {};
  for (const u of users) {
    const res = await stack.apiJson<{ token: string }>('/v3.6/console/sign_in', { method: 'POST', token: null, json: { email: u.email, password: `${u.role} password 1` } });
    if (res.status !== 200) throw new Error(`${u.email} could not sign in: ${res.status}`);
    jwts[u.email] = res.body.token;
  }
  return jwts;
}
