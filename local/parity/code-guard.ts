/**
 * A function's code folder as Lambda gives it: a fresh copy of the asset per start, read-only
 * (`chmod -R a-w`). Root ignores file modes, so the folder is also fingerprinted (path, size,
 * mtime, mode of every entry) and `verify()` compares it after invocations and at stop: any
 * write, new file or deletion under the code folder is a violation that fails loudly.
 */
import { chmodSync, cpSync, lstatSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export class CodeChangedError extends Error {
  constructor(readonly functionName: string, readonly changes: string[]) {
    super(`parity: ${functionName} wrote under its read-only code folder (Lambda's /var/task): ${changes.slice(0, 10).join(', ')}${changes.length > 10 ? ` and ${changes.length - 10} more` : ''}`);
    this.name = 'CodeChangedError';
  }
}

type Fingerprint = Map<string, string>;

function fingerprint(dir: string): Fingerprint {
  const out: Fingerprint = new Map();
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    const s = lstatSync(full);
    out.set(rel || '.', `${s.mode}:${s.size}:${s.mtimeMs}:${s.ino}`);
    if (s.isDirectory()) for (const name of readdirSync(full)) walk(path.join(rel, name));
  };
  walk('');
  return out;
}

function readOnly(dir: string): void {
  const walk = (full: string) => {
    const s = lstatSync(full);
    if (s.isSymbolicLink()) return;
    if (s.isDirectory()) for (const name of readdirSync(full)) walk(path.join(full, name));
    chmodSync(full, s.mode & ~0o222);
  };
  walk(dir);
}

export class CodeFolder {
  private readonly before: Fingerprint;

  /** Copies `asset` to `dir` (which must not exist), makes it read-only and fingerprints it. */
  constructor(readonly functionName: string, asset: string, readonly dir: string) {
    cpSync(asset, dir, { recursive: true, verbatimSymlinks: true });
    readOnly(dir);
    this.before = fingerprint(dir);
  }

  /** The entries that differ from the copy made at start (empty: untouched). */
  changes(): string[] {
    const now = fingerprint(this.dir);
    const out: string[] = [];
    for (const [p, v] of now) if (this.before.get(p) !== v) out.push(this.before.has(p) ? `changed ${p}` : `added ${p}`);
    for (const p of this.before.keys()) if (!now.has(p)) out.push(`deleted ${p}`);
    return out;
  }

  /** Throws CodeChangedError when anything under the folder changed. */
  verify(): void {
    const changes = this.changes();
    if (changes.length) throw new CodeChangedError(this.functionName, changes);
  }
}
