/**
 * Parity mode costs a normal `npm start` nothing: the start loads neither the CDK nor the parity
 * modules nor what they use (IAM simulator, CloudFormation resolver). The real start runs in a
 * child process, and its module cache is read once the stack is up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const PROBE = `
require('./bin/register');
const { start } = require('./cli/start.ts');
const ac = new AbortController();
let loaded;
start([], { signal: ac.signal, log: (l) => {
  if (!l.includes('is running')) return;
  loaded = Object.keys(require.cache).filter((f) => /local[\\\\/]parity|aws-cdk-lib|@cloud-copilot|cfn-resolver-lib|[\\\\/]lib[\\\\/]studio-stack/.test(f));
  ac.abort();
} }).then((code) => { process.stdout.write(JSON.stringify({ code, loaded })); process.exit(0); });
`;

it('a normal start loads no parity module, no aws-cdk-lib, no IAM simulator', () => {
  const data = mkdtempSync(path.join(tmpdir(), 'normal-start-'));
  try {
    const out = execFileSync(process.execPath, ['-e', PROBE], {
      cwd: ROOT, env: { ...process.env, PORT: '0', STUDIO_DATA: data, STUDIO_API_TOKEN: 'api_sandbox.normal-start-probe-0123456789', STUDIO_MODE: '' }, timeout: 120_000,
    }).toString();
    const result = JSON.parse(out.slice(out.lastIndexOf('{"code"'))) as { code: number; loaded?: string[] };
    expect(result.loaded).toEqual([]);
    expect(result.code).toBe(0);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}, 150_000);
