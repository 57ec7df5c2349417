import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const readJson = <T = unknown>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
export const jsonFiles = (dir: string, suffix = '.json') =>
  readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith(suffix)).sort().map((f) => ({ name: f, path: join(FIXTURES, dir, f) }));
