/**
 * `studio users add EMAIL --role admin|analyst [--environments sandbox,live] [--password P]`,
 * `studio users list`, `studio users remove EMAIL`: the local console users, kept in the data
 * folder (`console-users.json`, mode 600; STUDIO_DATA, default `.studio/`, `--parity`:
 * `.studio/parity-data/`) that `npm start` reads at every sign-in, so a running stack sees them
 * at once. Passwords are hashed with scrypt; a generated one is printed once, on stdout.
 * In AWS, console users are Cognito users (README "Console users").
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { EnvironmentList, generatePassword, hashPassword, readUsers, Role, writeUsers } from '../lambdas/shared/console-users';
import { options, type Out } from './io';

const ROOT = path.resolve(__dirname, '..');
const USERS_FILE = 'console-users.json';
const USAGE = 'usage: studio users add EMAIL --role admin|analyst [--environments sandbox,live] [--password P] | list | remove EMAIL   [--parity] (STUDIO_DATA: the data folder)';
const AddOptions = z.object({ email: z.string().email(), role: Role, environments: EnvironmentList, password: z.string().min(12, 'a password has at least 12 characters').optional() });

export async function usersCommand(args: string[], out: Out, env: NodeJS.ProcessEnv = process.env, now = () => new Date()): Promise<number> {
  const { positional, flags } = options(args, ['--role', '--environments', '--password']);
  const [action, email, ...rest] = positional;
  if (flags.has('--help') || !action || rest.length) { out.error(USAGE); return action || flags.has('--help') ? 0 : 2; }
  const dataDir = path.resolve(env.STUDIO_DATA ?? path.join(ROOT, '.studio', flags.has('--parity') ? 'parity-data' : ''));
  const file = path.join(dataDir, USERS_FILE);
  const users = readUsers(file);
  if (action === 'list' && !email) {
    out.log('email  role  environments  created_at');
    for (const u of users) out.log([u.email, u.role, u.environments.join(','), u.created_at].join('  '));
    return 0;
  }
  if (action === 'add' && email) {
    const str = (f: string) => { const v = flags.get(f); return typeof v === 'string' ? v : undefined; };
    const parsed = AddOptions.safeParse({ email, role: str('--role'), environments: str('--environments') ?? 'sandbox,live', password: str('--password') });
    if (!parsed.success) { out.error(`users add: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}\n${USAGE}`); return 2; }
    const o = parsed.data;
    const key = o.email.toLowerCase();
    if (users.some((u) => u.email === key)) { out.error(`users add: ${key} exists already (studio users remove ${key} first)`); return 2; }
    const password = o.password ?? generatePassword();
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeUsers(file, [...users, { email: key, role: o.role, environments: o.environments, password: await hashPassword(password), created_at: now().toISOString() }]);
    if (!o.password) out.log(password);
    out.error(`added ${o.role} ${key} (${o.environments.join(', ')}) to ${file}${o.password ? '' : '; the password above is not shown again'}`);
    return 0;
  }
  if (action === 'remove' && email) {
    const left = users.filter((u) => u.email !== email.toLowerCase());
    if (left.length === users.length) { out.error(`users remove: no user ${email}`); return 2; }
    writeUsers(file, left);
    out.error(`removed ${email.toLowerCase()}`);
    return 0;
  }
  out.error(USAGE);
  return 2;
}
