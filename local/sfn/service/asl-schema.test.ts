/**
 * The schema check asl-validator runs, compiled once (asl-schema.ts): the same errors as
 * asl-validator's own on valid definitions (compiled workflows) and on the definitions AWS
 * refuses (fixtures/invalid), and a new definition no longer costs a schema compilation; the
 * compiled code is kept in a private folder and loaded by later processes instead of compiled.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ajvBuilds, aslFormats, cachedSchemaErrors, compiledCheck, originalSchemaErrors } from './asl-schema';
import { checkDefinition } from './definition';

const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const golden = path.join(__dirname, '../../../test/fixtures/golden');
const invalid = path.join(__dirname, 'fixtures', 'invalid');
const definitions: Array<[string, unknown]> = [
  ...fs.readdirSync(golden).filter((f) => f.endsWith('.asl.json')).sort().slice(0, 4).map((f): [string, unknown] => [f, read(path.join(golden, f))]),
  ...fs.readdirSync(invalid).filter((f) => f.endsWith('.json')).sort()
    .map((f): [string, unknown] => [f, (read(path.join(invalid, f)) as { definition?: unknown }).definition])
    .filter(([, d], i) => d !== undefined && i % 3 === 0), // a third of them: asl-validator's own check costs ~0.3 s of CPU each
];

it('finds exactly the errors asl-validator finds, on valid and refused definitions', () => {
  expect(definitions.length).toBeGreaterThan(8);
  let refused = 0;
  for (const [name, definition] of definitions) {
    const options = { checkPaths: true, checkArn: true }; // as definition.ts calls it
    const ours = cachedSchemaErrors(structuredClone(definition), options);
    expect([name, ours]).toEqual([name, originalSchemaErrors(structuredClone(definition), options)]);
    if (ours.length) refused++;
  }
  expect(refused).toBeGreaterThan(0);
}, 120_000);

it('checks new definitions without compiling the schemas again (CPU time, not wall time)', () => {
  const before = process.cpuUsage();
  for (let i = 0; i < 20; i++) {
    const diagnostics = checkDefinition(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: { i }, End: true } } }));
    expect(diagnostics).toEqual([]);
  }
  const used = process.cpuUsage(before);
  // asl-validator alone compiled its schemas for each one: ~0.3 s of CPU each, 6 s for these 20.
  expect((used.user + used.system) / 1000).toBeLessThan(1500);
  expect(ajvBuilds()).toBeLessThanOrEqual(1);
});

describe('the kept compiled check', () => {
  let dir: string;
  beforeEach(() => { dir = path.join(fs.mkdtempSync(path.join(tmpdir(), 'asl-schema-')), 'kept'); });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));
  // A Task with a bad ARN (a format) and an unknown field.
  const BAD = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'not an arn', End: true, Bogus: 1 } } };
  const errorsOf = (check: ReturnType<typeof compiledCheck>) => {
    const validate = check(aslFormats({ checkPaths: true, checkArn: true }));
    expect(validate(BAD)).toBe(false);
    return validate.errors!.map((e) => `${e.instancePath} ${e.schemaPath} ${e.message}`);
  };
  const kept = () => fs.readdirSync(dir).filter((f) => f.endsWith('.js'));

  it('is compiled once, kept (600 in a 700 folder), then loaded without compiling', () => {
    const before = ajvBuilds();
    const first = errorsOf(compiledCheck(dir));
    expect(first.length).toBeGreaterThan(1);
    expect(ajvBuilds()).toBe(before + 1);
    expect(kept()).toHaveLength(1);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, kept()[0]!)).mode & 0o777).toBe(0o600);
    expect(errorsOf(compiledCheck(dir))).toEqual(first);
    expect(ajvBuilds()).toBe(before + 1);
  });

  it('removes the code kept for other versions when it keeps a new one', () => {
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'state-machine-0123abcd.js'), 'old');
    fs.writeFileSync(path.join(dir, 'other.txt'), 'not ours to remove');
    errorsOf(compiledCheck(dir));
    expect(kept()).toEqual([expect.stringMatching(/^state-machine-[0-9a-f]{32}\.js$/)]);
    expect(fs.readdirSync(dir)).toContain('other.txt');
  });

  it('compiles again over kept code that does not load, and keeps the new code', () => {
    const first = errorsOf(compiledCheck(dir));
    const file = path.join(dir, kept()[0]!);
    fs.writeFileSync(file, 'exports.stateMachine = 1;');
    const before = ajvBuilds();
    expect(errorsOf(compiledCheck(dir))).toEqual(first);
    expect(ajvBuilds()).toBe(before + 1);
    expect(fs.readFileSync(file, 'utf8')).toContain('function validate');
  });

  it('keeps nothing in a folder others can write, nor with STUDIO_ASL_CACHE=off', () => {
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.chmodSync(dir, 0o777);
    const before = ajvBuilds();
    errorsOf(compiledCheck(dir));
    errorsOf(compiledCheck(dir));
    expect(ajvBuilds()).toBe(before + 2);
    expect(kept()).toEqual([]);
    errorsOf(compiledCheck('off'));
    expect(ajvBuilds()).toBe(before + 3);
  });
});
