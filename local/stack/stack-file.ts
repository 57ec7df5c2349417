/**
 * `<data folder>/stack.json` (mode 600): where a running `npm start` (or `--parity`) keeps its
 * S3, the bucket and the credentials its clients sign with, for the command line's operator
 * tasks that write to the stack's storage (`studio watchlist import`). Written once the stack
 * is up, removed when it stops.
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

export const STACK_FILE = 'stack.json';

export const StackFile = z.object({
  s3: z.url(), bucket: z.string().min(1), region: z.string().min(1),
  aws_access_key_id: z.string().min(1), aws_secret_access_key: z.string().min(1),
});
export type StackFile = z.infer<typeof StackFile>;

export function writeStackFile(dataDir: string, s: StackFile): () => void {
  const file = path.join(dataDir, STACK_FILE);
  writeFileSync(file, `${JSON.stringify(StackFile.parse(s), null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return () => rmSync(file, { force: true });
}

export function readStackFile(dataDir: string): StackFile {
  const file = path.join(dataDir, STACK_FILE);
  if (!existsSync(file)) throw new Error(`no running stack on ${dataDir} (${STACK_FILE} is missing): start it first (npm start), or pass --out FILE`);
  return StackFile.parse(JSON.parse(readFileSync(file, 'utf8')));
}
