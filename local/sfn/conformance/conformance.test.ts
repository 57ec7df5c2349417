import * as fs from 'node:fs';
import * as path from 'node:path';
import { caseSchema } from './case';
import { runCase } from './run-case';

const dir = path.join(__dirname, 'fixtures');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('conformance fixtures (AWS recordings, see fixtures/NOTICE.md)', () => {
  it('has fixtures to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s', async (f) => {
    const c = caseSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    const r = await runCase(c);
    expect(r.diffs).toEqual([]);
    expect(r.pass).toBe(true);
  });
});
