/** Every setting of the functions is read in shared/config.ts; the few parsers that take the environment as a parameter default to it there only. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { processSettings } from './config';

const LAMBDAS = join(__dirname, '..');
/** Parsers of their own settings with an injectable `env` (`env = process.env`): the only other reads. */
const ENV_PARAMETER = /\benv: NodeJS\.ProcessEnv = process\.env\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

it('no module of lambdas/ but shared/config.ts reads process.env', () => {
  const readers = sources(LAMBDAS).filter((f) => !f.endsWith(join('shared', 'config.ts')))
    .filter((f) => readFileSync(f, 'utf8').replace(ENV_PARAMETER, '').includes('process.env'))
    .map((f) => relative(LAMBDAS, f));
  expect(readers).toEqual([]);
});

it('process settings come from the environment given, with their defaults', () => {
  expect(processSettings({ FFMPEG_PATH: '/opt/bin/ffmpeg' })).toEqual({ POWERTOOLS_SERVICE_NAME: 'open-studio', FFMPEG_PATH: '/opt/bin/ffmpeg' });
});
