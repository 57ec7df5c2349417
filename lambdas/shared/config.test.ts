/**
 * Every setting of the functions is declared and parsed in shared/config.ts (Config,
 * ProcessSettings, WebhookSettings). Elsewhere in lambdas/ a module may take an environment to hand
 * to those (`env = process.env`, for tests) and write what it loads into it (shared/secrets.ts),
 * never read a variable or parse the environment itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { processSettings } from './config';

const LAMBDAS = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The environment reads of a source: `env.NAME` or `process.env.NAME` not being assigned, `env['NAME']`, a parse of `env`. */
function environmentReads(text: string): string[] {
  const reads = [...text.matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]*)\b(?!\s*=(?!=))/g)].map((m) => m[0]);
  const indexed = [...text.matchAll(/\benv\[\s*['"`]/g)].map((m) => m[0]);
  const parsed = [...text.matchAll(/\.(?:safeParse|parse)\(\s*(?:process\.)?env\s*\)/g)].map((m) => m[0]);
  return [...reads, ...indexed, ...parsed];
}

it('finds the reads it is meant to find, and not assignments', () => {
  expect(environmentReads("const a = process.env.TABLE_NAME; f(env.REPORT_PROVIDERS); g(env['X']); S.parse(env);"))
    .toEqual(['process.env.TABLE_NAME', 'env.REPORT_PROVIDERS', "env['", '.parse(env)']);
  expect(environmentReads('env.SDK_TOKEN_SECRET = await read(arn); if (env.X === y) {}')).toEqual(['env.X']);
});

it('no module of lambdas/ but shared/config.ts reads the environment', () => {
  const readers = sources(LAMBDAS).filter((f) => !f.endsWith(join('shared', 'config.ts')))
    .map((f) => [relative(LAMBDAS, f), environmentReads(readFileSync(f, 'utf8'))] as const)
    .filter(([, reads]) => reads.length > 0);
  expect(readers).toEqual([]);
});

it('process settings come from the environment given, with their defaults', () => {
  expect(processSettings({ FFMPEG_PATH: '/opt/bin/ffmpeg' })).toEqual({ POWERTOOLS_SERVICE_NAME: 'open-studio', FFMPEG_PATH: '/opt/bin/ffmpeg' });
});
