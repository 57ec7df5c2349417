/**
 * Every Lambda of the template maps to an entry point that exists, is the file the local stack
 * runs and lambdas/README.md lists, and bundles with esbuild as the stack bundles it.
 * (Fails, naming the file, while another engineer's handler has not landed yet.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { FUNCTIONS } from '../../local/stack/lambdas';
import { ENTRY_METADATA, ENTRY_POINTS, ROOT, functionName, type FunctionKey } from '../../lib/functions';
import { REPORT_NODE_MODULES } from '../../lib/report-assets';
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
  test('bundles with esbuild (node22, CJS, the stack externals) and exports handler', async () => {
    const options: BuildOptions = {
      entryPoints: [file], bundle: true, platform: 'node', target: 'node22', write: false, logLevel: 'silent',
      external: key === 'reports' ? [...REPORT_NODE_MODULES] : [], metafile: true,
    };
    const cjs = await build({ ...options, format: 'cjs' });
    expect(cjs.errors).toEqual([]);
    const esm = await build({ ...options, format: 'esm' });
    const exported = Object.values(esm.metafile?.outputs ?? {}).flatMap((o) => o.exports);
    expect(exported).toContain(readme.find((r) => r.file === entry)!.exportName);
  });
});
