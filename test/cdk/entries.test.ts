/**
 * Every Lambda of the template maps to an entry point that exists, is the file the local stack
 * runs and lambdas/README.md lists, and exports the handler the README names. That each entry
 * point bundles with esbuild as the stack bundles it is checked in grants.test.ts, which bundles
 * each one once for its import graph. (Fails, naming the file, while another engineer's handler
 * has not landed yet.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { FUNCTIONS } from '../../local/stack/lambdas';
import { ENTRY_METADATA, ENTRY_POINTS, ROOT, functionName, type FunctionKey } from '../../lib/functions';
import { studioFunctions, synthStudio } from './synth';

const { template } = synthStudio();
const lambdas = Object.values(studioFunctions(template)).map((fn) => {
  const name = fn.Properties!.FunctionName as string;
  const key = (Object.keys(ENTRY_POINTS) as FunctionKey[]).find((k) => functionName('studio-prod', k) === name);
  return { name, key, entry: fn.Metadata?.[ENTRY_METADATA] as string | undefined };
});
/** `| `api/handler.ts` | `handler` | ...` rows of the entry-point table. */
const readme = [...readFileSync(path.join(ROOT, 'lambdas/README.md'), 'utf8').matchAll(/^\| `([\w/-]+\.ts)` \| `(\w+)` \|/gm)]
  .map((m) => ({ file: `lambdas/${m[1]}`, exportName: m[2] }));

test('every function of the template has an entry point, one per README row', () => {
  expect(lambdas.map((l) => l.entry).sort()).toEqual(readme.map((r) => r.file).sort());
  for (const l of lambdas) expect(l.key).toBeDefined();
});

describe.each(lambdas)('$name', ({ key, entry }) => {
  const file = path.join(ROOT, entry!);
  test('is the module the local stack runs', () => expect(`lambdas/${FUNCTIONS[key!]}`).toBe(entry));
  test(`${entry} exists`, () => expect(existsSync(file) ? entry : `missing: ${entry}`).toBe(entry));
  test('exports the handler its README row names', () => {
    // The entry module's own exports, as esbuild sees them in an ES module (a bundle of it exports the same names).
    const esm = buildSync({ entryPoints: [file], bundle: false, platform: 'node', target: 'node22', format: 'esm', write: false, outdir: '/unused', logLevel: 'silent', metafile: true });
    const exported = Object.values(esm.metafile?.outputs ?? {}).flatMap((o) => o.exports);
    expect(exported).toContain(readme.find((r) => r.file === entry)!.exportName);
  });
});
