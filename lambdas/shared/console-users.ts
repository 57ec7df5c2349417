/**
 * Console users and their roles. In AWS they are Cognito users (role and environments as the
 * custom attributes `custom:role` and `custom:environments`); locally they are kept in the data
 * folder (`console-users.json`, mode 600, written by `studio users add`), their passwords hashed
 * with scrypt. One schema for the file, one for what a console JWT claims.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const ROLES = ['admin', 'analyst'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
export const ConsoleEnvironment = z.enum(['sandbox', 'live']);
export type ConsoleEnvironment = z.infer<typeof ConsoleEnvironment>;

/** `sandbox,live` → the distinct environments it names (at least one). */
export const EnvironmentList = z.string().transform((s, ctx) => {
  const parts = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
  const parsed = z.array(ConsoleEnvironment).min(1).safeParse(parts);
  if (!parsed.success) { ctx.addIssue({ code: 'custom', message: 'environments: sandbox, live or both, comma-separated' }); return z.NEVER; }
  return parsed.data;
});

/** A signed-in console user, as the API sees them. */
export interface ConsoleUser { email: string; role: Role; environments: ConsoleEnvironment[] }

/** What a console JWT claims: a Cognito ID token's attributes, which local JWTs copy. */
export const ConsoleClaims = z.object({
  email: z.string().email(),
  'custom:role': Role,
  'custom:environments': EnvironmentList,
});

export const LocalUser = z.object({
  email: z.string().email().transform((e) => e.toLowerCase()),
  role: Role,
  environments: z.array(ConsoleEnvironment).min(1),
  /** `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url). */
  password: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/),
  created_at: z.string(),
});
export type LocalUser = z.infer<typeof LocalUser>;
export const UsersFile = z.object({ users: z.array(LocalUser) });

const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const scrypt = (password: string, salt: Buffer, o: ScryptOptions) => new Promise<Buffer>((resolve, reject) => {
  scryptCb(password.normalize('NFC'), salt, KEY_BYTES, { ...o, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key)));
});

export async function hashPassword(password: string, salt = randomBytes(16)): Promise<string> {
  const key = await scrypt(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `password` hashes to `stored` (constant time). */
export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash ?? '', 'base64url');
  const key = await scrypt(password, Buffer.from(salt ?? '', 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/** A random password of 20 characters (about 120 bits). */
export const generatePassword = (): string => randomBytes(15).toString('base64url');

export function readUsers(file: string): LocalUser[] {
  if (!existsSync(file)) return [];
  const parsed = UsersFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a console users file (${parsed.error.issues[0]?.message})`);
  return parsed.data.users;
}

/** Writes the users (mode 600, replaced whole, never half-written). */
export function writeUsers(file: string, users: LocalUser[]): void {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
