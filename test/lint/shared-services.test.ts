/**
 * The stack suites share one DynamoDB Local and one s3rver per jest run (test/global-setup.ts):
 * each file starts its stack with startTestStack, which makes its own table and bucket there.
 * `startStack` straight from local/stack starts a JVM and an s3rver of its own (seconds, more on
 * a busy machine): only files that need their own data folder (restarts) may.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SUITES = ['api', 'e2e', 'stack', 'web', 'webhooks'].map((d) => join(ROOT, 'test', d));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
}

it('stack suites start their stack on the shared services, unless each start has a data folder of its own', () => {
  const offenders = SUITES.flatMap(testFiles).filter((file) => {
    const calls = readFileSync(file, 'utf8').match(/\bstartStack\(([^)]*)\)/g) ?? [];
    return calls.some((call) => !/\bdataDir\b/.test(call));
  }).map((file) => relative(ROOT, file));
  expect(offenders).toEqual([]);
});
