/** The synth cache key: what shapes the assembly changes it, nothing else does. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sourceHash } from '../../local/parity';

let root: string;
const write = (rel: string, text: string) => { mkdirSync(path.dirname(path.join(root, rel)), { recursive: true }); writeFileSync(path.join(root, rel), text); };
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'parity-hash-'));
  write('lambdas/api/handler.ts', 'export const handler = 1;');
  write('lib/stack.ts', 'export {};');
  write('package-lock.json', '{}');
  write('package.json', '{"scripts":{}}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('changes with a handler, the CDK app, the lock file or the architecture', () => {
  const before = sourceHash(root, 'x86_64');
  expect(sourceHash(root, 'arm64')).not.toBe(before);
  for (const [file, text] of [['lambdas/api/handler.ts', 'export const handler = 2;'], ['lib/new.ts', 'x'], ['package-lock.json', '{"v":2}']] as const) {
    const was = sourceHash(root, 'x86_64');
    write(file, text);
    expect(sourceHash(root, 'x86_64')).not.toBe(was);
  }
});

it('changes with the workflows deployed as code: their list and their files', () => {
  write('fixtures/workflows/a.workflow.json', '{"a":1}');
  write('workflows/b.workflow.json', '{"b":1}');
  const one = sourceHash(root, 'x86_64', ['fixtures/workflows/a.workflow.json']);
  const both = sourceHash(root, 'x86_64', ['fixtures/workflows/a.workflow.json', 'workflows/b.workflow.json']);
  expect(both).not.toBe(one);
  expect(sourceHash(root, 'x86_64', [])).not.toBe(one);
  write('workflows/b.workflow.json', '{"b":2}'); // outside SOURCES: only the list brings it in
  expect(sourceHash(root, 'x86_64', ['fixtures/workflows/a.workflow.json', 'workflows/b.workflow.json'])).not.toBe(both);
  expect(sourceHash(root, 'x86_64', ['fixtures/workflows/a.workflow.json'])).toBe(one);
});

it('stays the same for tests, docs outside the sources, built web apps and package.json scripts', () => {
  const before = sourceHash(root, 'x86_64');
  write('test/x.test.ts', 'x');
  write('README.md', 'x');
  write('web/dist/capture/app.js', 'x');
  write('package.json', '{"scripts":{"test:parity":"jest"}}');
  expect(sourceHash(root, 'x86_64')).toBe(before);
});
