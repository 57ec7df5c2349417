/**
 * bin/register.js, the TypeScript hook of `studio` and the npm scripts, keeps each transpiled
 * file in its cache folder: a second process runs the cached code instead of transpiling again,
 * a changed source gets a new entry, and a folder others can write is not used at all.
 * Each case runs a real `node -r bin/register.js` on a module in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REGISTER = path.resolve(__dirname, '../bin/register.js');
let root: string;
let cache: string;
let source: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'studio-register-'));
  cache = path.join(root, 'cache');
  source = path.join(root, 'mod.ts');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** What the module prints when a fresh Node process requires it through the hook. */
const load = (env: Record<string, string> = {}) => execFileSync(process.execPath, ['-r', REGISTER, '-e', `require(${JSON.stringify(source)})`], {
  env: { ...process.env, STUDIO_TS_CACHE: cache, ...env }, encoding: 'utf8',
}).trim();
const entries = () => readdirSync(cache).filter((f) => f.endsWith('.js'));

it('transpiles once: the next process runs the cached file (private to its owner)', () => {
  writeFileSync(source, 'const n: number = 41;\nconsole.log(`answer ${n + 1}`);\n');
  expect(load()).toBe('answer 42');
  const [entry] = entries();
  expect(entries()).toHaveLength(1);
  expect((statSync(cache).mode & 0o777).toString(8)).toBe('700');
  expect((statSync(path.join(cache, entry!)).mode & 0o777).toString(8)).toBe('600');
  // The entry, not the source, is what runs now: a process that transpiled again would print 42.
  writeFileSync(path.join(cache, entry!), 'console.log("from the cache");\n');
  expect(load()).toBe('from the cache');
});

it('a changed source is transpiled again under a new entry', () => {
  writeFileSync(source, 'console.log("first" as string);\n');
  expect(load()).toBe('first');
  writeFileSync(source, 'console.log("second" as string);\n');
  expect(load()).toBe('second');
  expect(entries()).toHaveLength(2);
});

it('a cache folder that others can write is not used; STUDIO_TS_CACHE=off caches nothing', () => {
  mkdirSync(cache, { mode: 0o700 });
  chmodSync(cache, 0o777);
  writeFileSync(source, 'console.log("still runs" as string);\n');
  expect(load()).toBe('still runs');
  expect(entries()).toEqual([]);
  chmodSync(cache, 0o700);
  expect(load({ STUDIO_TS_CACHE: 'off' })).toBe('still runs');
  expect(entries()).toEqual([]);
  expect(load()).toBe('still runs');
  expect(entries()).toHaveLength(1);
});
