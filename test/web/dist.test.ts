/**
 * web/dist is built once per change of its sources, not once per browser test file: web/build.js
 * records what the bundles were made from, and a file changed (or gone) since makes it stale.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { builtWeb, staleness } from './dist';

const WEB = path.resolve(__dirname, '../../web');

it('web/build.js records every source of the bundles, and the dist it made is up to date', async () => {
  expect(await builtWeb()).toBe(path.join(WEB, 'dist'));
  expect(staleness(WEB)).toBeUndefined();
  const { inputs } = JSON.parse(readFileSync(path.join(WEB, '.dist-inputs.json'), 'utf8')) as { inputs: string[] };
  const rel = inputs.map((f) => path.relative(path.dirname(WEB), f));
  expect(rel).toEqual(expect.arrayContaining([
    'web/build.js', 'web/capture/index.html', 'web/capture/src/main.tsx', 'web/capture/app.css', 'web/console/index.html', 'web/console/src/main.tsx',
    'compiler/index.ts', // the console bundles the project's compiler
    'node_modules/@vladmandic/human/models/blazeface.bin', // copied, not bundled
  ]));
}, 180_000);

describe('staleness', () => {
  let web: string;
  const source = () => path.join(web, 'src.ts');
  const record = (inputs: string[], started: number) => writeFileSync(path.join(web, '.dist-inputs.json'), JSON.stringify({ started, inputs }));
  beforeEach(() => {
    web = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
    for (const app of ['capture', 'console']) { mkdirSync(path.join(web, 'dist', app), { recursive: true }); writeFileSync(path.join(web, 'dist', app, 'index.html'), ''); }
    writeFileSync(source(), '');
    utimesSync(source(), new Date(1_000_000), new Date(1_000_000));
  });
  afterEach(() => rmSync(web, { recursive: true, force: true }));

  it('up to date while no input changed since the build started', () => {
    record([source()], 2_000_000);
    expect(staleness(web)).toBeUndefined();
  });
  it('stale when an input changed after the build started, or is gone', () => {
    record([source()], 500_000);
    expect(staleness(web)).toBe('src.ts changed');
    record([source(), path.join(web, 'gone.ts')], 2_000_000);
    expect(staleness(web)).toBe('gone.ts changed');
  });
  it('stale without the record, with an unreadable one, or without an app', () => {
    expect(staleness(web)).toBe('no record of its inputs');
    writeFileSync(path.join(web, '.dist-inputs.json'), '{"inputs": []}');
    expect(staleness(web)).toBe('an unreadable record of its inputs');
    record([source()], 2_000_000);
    rmSync(path.join(web, 'dist', 'console'), { recursive: true });
    expect(staleness(web)).toBe('no console app');
  });
});
