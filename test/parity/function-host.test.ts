/**
 * A function as parity mode runs it, on a small asset written here: the Lambda runtime's Node
 * (22) in a child process, handler string and environment as given (the template's), a
 * writable per-function TMPDIR, the timeout, and a write under the code folder detected (the
 * tests run as root, which ignores the read-only modes).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CodeChangedError } from '../../local/parity';
import { FunctionHost, type FunctionSpec } from '../../local/parity/function-host';

const HANDLER = `
const fs = require('node:fs'); const os = require('node:os'); const path = require('node:path');
exports.main = async (event, context) => {
  if (event.op === 'env') return { node: process.version, env: { TABLE_NAME: process.env.TABLE_NAME, AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL, AWS_EC2_METADATA_DISABLED: process.env.AWS_EC2_METADATA_DISABLED, HOME_LEAK: process.env.PARITY_TEST_HOST_ONLY ?? null }, remaining: context.getRemainingTimeInMillis(), functionName: context.functionName, tmp: os.tmpdir() };
  if (event.op === 'tmp') { const f = path.join(os.tmpdir(), 'x.txt'); fs.writeFileSync(f, 'ok'); return fs.readFileSync(f, 'utf8'); }
  if (event.op === 'code') { fs.writeFileSync(path.join(__dirname, 'patched.js'), '1'); return 'wrote'; }
  if (event.op === 'hang') return new Promise(() => undefined);
  throw new TypeError('bad op ' + event.op);
};`;

let root: string;
let host: FunctionHost;
const spec = (asset: string, over: Partial<FunctionSpec> = {}): FunctionSpec => ({
  logicalId: 'Fn', name: 'studio-test-fn', arn: 'arn:aws:lambda:us-east-1:123456789012:function:studio-test-fn', handler: 'lib/app.main',
  assetDir: asset, environment: { TABLE_NAME: 'from-template' }, memoryMb: 256, timeoutSeconds: 2, roleArn: 'arn:aws:iam::123456789012:role/r', ...over,
});

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'parity-host-'));
  mkdirSync(path.join(root, 'asset', 'lib'), { recursive: true });
  writeFileSync(path.join(root, 'asset', 'lib', 'app.js'), HANDLER);
  process.env.PARITY_TEST_HOST_ONLY = 'leaked';
});
afterEach(async () => { await host?.stop(); });
afterAll(() => { delete process.env.PARITY_TEST_HOST_ONLY; rmSync(root, { recursive: true, force: true }); });

const start = (name: string, over: Partial<FunctionSpec> = {}) => new FunctionHost(spec(path.join(root, 'asset'), { name, ...over }), {
  runDir: path.join(root, name), region: 'us-east-1', runtimeEnv: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true' },
});

it('runs the handler string under Node 22 with only the template environment and the runtime variables', async () => {
  host = start('env');
  const out = await host.invoke({ op: 'env' });
  expect(out.ok).toBe(true);
  const body = JSON.parse(out.ok ? out.payload : '{}') as { node: string; env: Record<string, unknown>; remaining: number; functionName: string; tmp: string };
  expect(body.node).toMatch(/^v22\./);
  expect(body.env).toEqual({ TABLE_NAME: 'from-template', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', HOME_LEAK: null });
  expect(body.functionName).toBe('env');
  expect(body.remaining).toBeGreaterThan(0);
  expect(body.remaining).toBeLessThanOrEqual(2000);
  expect(body.tmp).toBe(host.tmpDir);
  expect(await host.invoke({ op: 'tmp' })).toEqual({ ok: true, payload: '"ok"' });
});

it('answers a thrown error as Lambda does and a handler that does not exist as an init error', async () => {
  host = start('errors');
  expect(await host.invoke({ op: 'nope' })).toMatchObject({ ok: false, errorType: 'TypeError', errorMessage: 'bad op nope' });
  await host.stop();
  host = start('missing', { handler: 'lib/app.other' });
  expect(await host.invoke({})).toMatchObject({ ok: false, errorType: 'Runtime.InitError', errorMessage: expect.stringContaining('Runtime.HandlerNotFound') });
});

it('an invocation that the stop overtakes while it takes its instance fails as stopped (nothing is sent to the killed instance)', async () => {
  host = start('stopping');
  expect(await host.invoke({ op: 'tmp' })).toEqual({ ok: true, payload: '"ok"' });
  const overtaken = host.invoke({ op: 'tmp' });
  await host.stop();
  expect(await overtaken).toMatchObject({ ok: false, errorType: 'ResourceNotReadyException', errorMessage: 'stopping is stopped' });
});

it('stops an invocation at the timeout and starts a fresh instance for the next', async () => {
  host = start('timeout', { timeoutSeconds: 1 });
  expect(await host.invoke({ op: 'hang' })).toMatchObject({ ok: false, errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' });
  expect(await host.invoke({ op: 'tmp' })).toEqual({ ok: true, payload: '"ok"' });
});

it('detects a write under the code folder, refuses every later invocation and fails the stop check', async () => {
  host = start('code');
  expect(await host.invoke({ op: 'code' })).toMatchObject({ ok: false, errorType: 'Runtime.CodeFolderModified', errorMessage: expect.stringContaining('added lib/patched.js') });
  expect(() => host.check()).toThrow(CodeChangedError);
  expect(() => host.check()).toThrow(/added lib\/patched\.js/);
  expect(await host.invoke({ op: 'tmp' })).toMatchObject({ ok: false, errorType: 'Runtime.CodeFolderModified' });
});

it('leaves an untouched code folder unflagged', async () => {
  host = start('clean');
  await host.invoke({ op: 'tmp' });
  expect(() => host.check()).not.toThrow();
});
