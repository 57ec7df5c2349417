/**
 * The local stack's secrets: the key that signs SDK tokens and the secret half of the AWS
 * credentials its clients sign requests with (the local Step Functions API checks them). Random
 * per data folder, created on first start in `<data>/secrets.json` (mode 600) and read back on
 * every later start, so that tokens and links stay valid across restarts; random per stack in
 * memory. Never a constant: a token signed with a published key would open any applicant.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

export const SECRETS_FILE = 'secrets.json';
/** The evidence signing key and certificate, made by the evidence function on first use (lambdas/evidence/signing-key.ts). */
export const EVIDENCE_KEY_FILE = 'evidence-signing-key.json';

const StackSecrets = z.object({
  sdk_token_secret: z.string().min(32),
  aws_access_key_id: z.string().min(1),
  aws_secret_access_key: z.string().min(32),
});
export type StackSecrets = z.infer<typeof StackSecrets>;

const fresh = (): StackSecrets => ({
  sdk_token_secret: randomBytes(32).toString('base64url'),
  aws_access_key_id: 'local',
  aws_secret_access_key: randomBytes(32).toString('base64url'),
});

/** The data folder private to the owner (700), created when missing. */
export function privateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** The secrets of the stack on `dataDir` (created on first use), or new ones when in memory. */
export function stackSecrets(dataDir?: string): StackSecrets {
  if (!dataDir) return fresh();
  privateDataDir(dataDir);
  const file = path.join(dataDir, SECRETS_FILE);
  if (!existsSync(file)) {
    try { writeFileSync(file, `${JSON.stringify(fresh(), null, 2)}\n`, { mode: 0o600, flag: 'wx' }); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  chmodSync(file, 0o600);
  const parsed = StackSecrets.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not the stack's secrets file (${parsed.error.issues[0]?.message}); remove it to create new ones`);
  return parsed.data;
}
