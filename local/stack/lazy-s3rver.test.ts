/**
 * A stack on an S3 started elsewhere (the tests' shared s3rver, test/global-setup.ts) never loads
 * s3rver (s3.ts requires it in startS3): ~0.3 s of CPU less in every test file that starts a stack.
 * Measured in a Node process of its own (jest's registry is per file).
 */
import * as path from 'node:path';
import { modulesLoadedBy, ROOT } from '../../test/helpers/loaded-modules';

const s3rverLoaded = (script: string): boolean => modulesLoadedBy(script).some((f) => f.includes('/node_modules/s3rver/'));

it('loading the local stack does not load s3rver', () => {
  expect(s3rverLoaded(`require(${JSON.stringify(path.join(ROOT, 'local/stack'))})`)).toBe(false);
});

it('starting an S3 loads it', () => {
  const script = `const s = require(${JSON.stringify(path.join(ROOT, 'local/stack'))});
    const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'lazy-s3-'));
    s.startS3({ dataDir: dir, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }).then((x) => x.stop()).then(() => require('node:fs').rmSync(dir, { recursive: true, force: true }))`;
  expect(s3rverLoaded(script)).toBe(true);
});
