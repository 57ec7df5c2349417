/**
 * The evidence function from its esbuild bundle, bundled by NodejsFunction with the options the
 * stack gives it (functionBundling('evidence')): the bundle loads outside the source tree and
 * draws and signs a PDF in a child process. pdfkit's ESM build (import.meta.url) and its
 * run-time font requires once made every evidence run fail in Lambda.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { functionBundling, ROOT } from '../../lib/functions';

let out = '';
let asset = '';

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'evidence-bundle-'));
  const app = new App({ outdir: out, builtinCloudFormationValidation: false });
  new NodejsFunction(new Stack(app, 'Probe'), 'Evidence', {
    entry: path.join(__dirname, 'evidence-bundle-probe.ts'), handler: 'handler', runtime: Runtime.NODEJS_22_X,
    projectRoot: ROOT, depsLockFilePath: path.join(ROOT, 'package-lock.json'), bundling: functionBundling('evidence', 'arm64'),
  });
  app.synth();
  const dirs = readdirSync(out).filter((d) => d.startsWith('asset.')).map((d) => path.join(out, d));
  asset = dirs.find((d) => existsSync(path.join(d, 'index.js'))) ?? '';
}, 120_000);
afterAll(() => { if (out) rmSync(out, { recursive: true, force: true }); });

const PROBE = `
const m = require('./index.js');
if (typeof m.handler !== 'function') throw new Error('no handler');
m.signedTimelinePdf().then((b64) => process.stdout.write(b64), (e) => { console.error(e); process.exit(1); });
`;

test('the bundle loads and signs a PDF drawn with the standard fonts, from its own folder only', () => {
  expect(asset).not.toBe('');
  const b64 = execFileSync(process.execPath, ['-e', PROBE], {
    cwd: asset, encoding: 'utf8', timeout: 60_000,
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', AWS_EC2_METADATA_DISABLED: 'true' },
  });
  const pdf = Buffer.from(b64, 'base64').toString('latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  expect(pdf).toContain('/BaseFont /Helvetica-Bold');
  expect(pdf).toContain('/SubFilter /ETSI.CAdES.detached');
  expect(pdf).toMatch(/\/ByteRange \[0 \d+ \d+ \d+\]/);
});
