/**
 * web/dist as the sources are now, for the browser tests: built when a file it was made from
 * changed since (web/build.js records them in web/.dist-inputs.json), else as it is, so a jest
 * run builds once rather than once per test file. A lock folder makes parallel jest workers
 * build one at a time: web/build.js empties the app folders first, which would break the pages
 * of a test running in another worker. `builtWeb('test')`: the console's test build
 * (web/build.js --test, web/.dist-test), the same way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '../..');
const WEB = path.join(ROOT, 'web');
const Inputs = z.object({ started: z.number(), inputs: z.array(z.string()).min(1) });

export type WebBuild = 'production' | 'test';
const BUILDS: Record<WebBuild, { dist: string; record: string; lock: string; apps: string[]; args: string[] }> = {
  production: { dist: 'dist', record: '.dist-inputs.json', lock: '.dist-lock', apps: ['capture', 'console'], args: [] },
  test: { dist: '.dist-test', record: '.dist-test-inputs.json', lock: '.dist-test-lock', apps: ['console'], args: ['--test'] },
};

/** Why `web` (a folder laid out as web/) needs building, or undefined when its dist is up to date. */
export function staleness(web: string, build: WebBuild = 'production'): string | undefined {
  const b = BUILDS[build];
  for (const app of b.apps) if (!existsSync(path.join(web, b.dist, app, 'index.html'))) return `no ${app} app`;
  const record = path.join(web, b.record);
  if (!existsSync(record)) return 'no record of its inputs';
  const parsed = Inputs.safeParse(JSON.parse(readFileSync(record, 'utf8')));
  if (!parsed.success) return 'an unreadable record of its inputs';
  const changed = parsed.data.inputs.find((f) => !existsSync(f) || statSync(f).mtimeMs > parsed.data.started);
  return changed ? `${path.relative(web, changed)} changed` : undefined;
}

/** Takes the lock folder, waiting (bounded) for another worker's build; one older than the longest build is left over from a killed run. */
async function locked<T>(lock: string, work: () => T, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { mkdirSync(lock); break; } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > timeoutMs) { rmdirSync(lock, { recursive: false }); continue; }
      if (Date.now() > deadline) throw new Error(`${lock}: another build did not finish within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try { return work(); } finally { rmdirSync(lock); }
}

/** The path of web/dist (`test`: web/.dist-test), built first when a source changed (or it is missing). */
export async function builtWeb(build: WebBuild = 'production'): Promise<string> {
  const b = BUILDS[build];
  if (staleness(WEB, build)) {
    await locked(path.join(WEB, b.lock), () => {
      if (staleness(WEB, build)) execFileSync(process.execPath, [path.join(WEB, 'build.js'), ...b.args], { stdio: 'inherit' });
    });
  }
  return path.join(WEB, b.dist);
}
