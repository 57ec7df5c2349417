/**
 * The user's private cache folder for what the embedded stack builds once and runs again: the
 * DynamoDB Local launcher kit (stack/java.ts) and the compiled ASL schema check
 * (sfn/service/asl-schema.ts). `$XDG_CACHE_HOME/open-studio`, or `~/.cache/open-studio`.
 * What is kept there is code we run, so a folder that another user owns, or that others can
 * write, is refused.
 */
import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** The cache root (not created). */
export const cacheRoot = (): string => path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'open-studio');

/** `dir`, created 700 if missing; throws if another user owns it or others can write it. */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  if (process.getuid && st.uid !== process.getuid()) throw new Error(`${dir} belongs to another user; remove it`);
  if ((st.mode & 0o022) !== 0) throw new Error(`${dir} is writable by others (mode ${(st.mode & 0o777).toString(8)}); chmod 700 it`);
  return dir;
}
