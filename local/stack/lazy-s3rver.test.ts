/**
 * A stack on an S3 started elsewhere (the tests' shared s3rver, test/global-setup.ts) never loads
 * s3rver (s3.ts requires it in startS3): ~0.3 s of CPU less in every test file that starts a stack.
 * Measured in a Node process of its own (jest's registry is per file).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function s3rverLoaded(script: string): boolean {
  const out = execFileSync(process.execPath, ['-r', path.join(ROOT, 'bin/register.js'), '-e', `${script};
    process.stdout.write(String(Object.keys(require.cache).some((f) => f.includes('/node_modules/s3rver/'))));`], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  });
  return out === 'true';
}

it('loading the local stack does not load s3rver', () => {
  expect(s3rverLoaded(`require(${JSON.stringify(path.join(ROOT, 'local/stack'))})`)).toBe(false);
});

it('starting an S3 loads it', () => {
  const script = `const s = require(${JSON.stringify(path.join(ROOT, 'local/stack'))});
    const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'lazy-s3-'));
    s.startS3({ dataDir: dir }).then((x) => x.stop()).then(() => require('node:fs').rmSync(dir, { recursive: true, force: true }))`;
  expect(s3rverLoaded(script)).toBe(true);
});
