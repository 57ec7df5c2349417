/** `studio users`: local console users in the data folder (mode 600), scrypt-hashed, a generated password printed once. */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main';
import { checkPassword, readUsers } from '../lambdas/shared/console-users';

const data = mkdtempSync(join(tmpdir(), 'studio-users-'));
const env = { STUDIO_DATA: data };
async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const file = join(data, 'console-users.json');

describe('studio users', () => {
  it('add: prints a generated password once and stores only its scrypt hash, in a file only the owner reads', async () => {
    const r = await run(['users', 'add', 'Ann@Example.com', '--role', 'analyst', '--environments', 'sandbox']);
    expect(r.code).toBe(0);
    const password = r.out;
    expect(password).toMatch(/^[\w-]{20}$/);
    expect(r.err).toContain('not shown again');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(password);
    const [user] = readUsers(file);
    expect(user).toMatchObject({ email: 'ann@example.com', role: 'analyst', environments: ['sandbox'], password: expect.stringMatching(/^scrypt\$16384\$8\$1\$/) });
    expect(await checkPassword(password, user!.password)).toBe(true);
    expect(await checkPassword(`${password}x`, user!.password)).toBe(false);
  });

  it('add --password: stores the given one, prints nothing; both environments by default', async () => {
    const r = await run(['users', 'add', 'ada@example.com', '--role', 'admin', '--password', 'correct horse battery']);
    expect([r.code, r.out]).toEqual([0, '']);
    const ada = readUsers(file).find((u) => u.email === 'ada@example.com')!;
    expect(ada.environments).toEqual(['sandbox', 'live']);
    expect(await checkPassword('correct horse battery', ada.password)).toBe(true);
    expect((await run(['users', 'list'])).out.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ann@example\.com {2}analyst {2}sandbox {2}/), expect.stringMatching(/^ada@example\.com {2}admin {2}sandbox,live {2}/),
    ]);
  });

  it('refuses a bad role, bad environments, a short password, a second user of the same email (exit 2, file unchanged)', async () => {
    const before = readFileSync(file, 'utf8');
    for (const args of [
      ['users', 'add', 'x@example.com', '--role', 'owner'],
      ['users', 'add', 'x@example.com', '--role', 'admin', '--environments', 'staging'],
      ['users', 'add', 'x@example.com', '--role', 'admin', '--password', 'short'],
      ['users', 'add', 'not-an-email', '--role', 'admin'],
      ['users', 'add', 'ANN@example.com', '--role', 'admin'],
    ]) {
      const r = await run(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('remove: the user can no longer be found', async () => {
    expect((await run(['users', 'remove', 'ann@example.com'])).code).toBe(0);
    expect(readUsers(file).map((u) => u.email)).toEqual(['ada@example.com']);
    expect((await run(['users', 'remove', 'ann@example.com'])).code).toBe(2);
  });
});
