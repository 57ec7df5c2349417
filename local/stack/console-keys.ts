/**
 * The local console's sign-in: the RS256 key that signs console JWTs (`console-jwt-key.pem`,
 * generated at first start, mode 600) and the local users (`console-users.json`, written by
 * `studio users add`), both in the data folder. The API gets their paths (CONSOLE_KEY_FILE,
 * CONSOLE_USERS_FILE) and serves the key's public half at `/.well-known/jwks.json`. This is
 * also parity mode's stand-in for the template's Cognito user pool.
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const CONSOLE_KEY_FILE = 'console-jwt-key.pem';
export const CONSOLE_USERS_FILE = 'console-users.json';

/** The paths of the key (created when missing) and of the users file in `dataDir`. */
export function consoleKeys(dataDir: string): { CONSOLE_KEY_FILE: string; CONSOLE_USERS_FILE: string } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(dataDir, CONSOLE_KEY_FILE);
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    try { writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' }); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  chmodSync(keyFile, 0o600);
  return { CONSOLE_KEY_FILE: keyFile, CONSOLE_USERS_FILE: path.join(dataDir, CONSOLE_USERS_FILE) };
}
