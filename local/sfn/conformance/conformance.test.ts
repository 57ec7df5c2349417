import * as fs from 'node:fs';
import * as path from 'node:path';
import { openApiRunner, type ApiRunner } from './api-runner';
import { caseSchema } from './case';

const dir = path.join(__dirname, 'fixtures');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('conformance fixtures through the public API (AWS recordings, see fixtures/NOTICE.md)', () => {
  let runner: ApiRunner;
  beforeAll(async () => {
    runner = await openApiRunner();
  });
  afterAll(async () => {
    await runner.close();
  });

  it('has fixtures to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s', async (f) => {
    const c = caseSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    const r = await runner.run(c);
    expect(r.diffs).toEqual([]);
    expect(r.pass).toBe(true);
  });
});
