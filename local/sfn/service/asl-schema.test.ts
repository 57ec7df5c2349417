/**
 * The schema check asl-validator runs, compiled once (asl-schema.ts): the same errors as
 * asl-validator's own on valid definitions (compiled workflows) and on the definitions AWS
 * refuses (fixtures/invalid), and a new definition no longer costs a schema compilation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ajvBuilds, cachedSchemaErrors, originalSchemaErrors } from './asl-schema';
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
  expect(ajvBuilds()).toBeLessThanOrEqual(2);
});
