/**
 * Parity mode serves the browser apps as CloudFront would: the files of the synthesized bucket
 * deployment's asset in cdk.out (not web/dist), on the API's origin, with the headers of the
 * response-headers policy of the distribution behavior the path falls under.
 * The assembly is a hard-linked copy whose capture page carries a marker, so the bytes served
 * can only have come from the asset.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readTemplate, startParityStack, synthesize, type ParityStack } from '../../local/parity';

const marker = `<!-- parity asset probe ${randomBytes(8).toString('hex')} -->`;
let stack: ParityStack;
let copy: string;
let asset: string;
beforeAll(async () => {
  const { dir } = await synthesize();
  const parent = path.join(path.dirname(dir), 'test-copies');
  mkdirSync(parent, { recursive: true });
  copy = path.join(mkdtempSync(path.join(parent, 'web-')), 'cdk.out');
  execFileSync('cp', ['-al', dir, copy]); // hard links: no copy of the assets' bytes
  const assets = readTemplate(copy, '123456789012', 'us-east-1', { apiUrl: 'http://127.0.0.1:1', queueUrl: (n) => n }).webAssets;
  expect(assets.length).toBeGreaterThan(0);
  asset = assets[0]!;
  const page = path.join(asset, 'capture', 'index.html');
  const original = readFileSync(page);
  unlinkSync(page); // the cached assembly's file stays as it is
  writeFileSync(page, Buffer.concat([original, Buffer.from(marker)]));
  stack = await startParityStack({ inMemory: true, assemblyDir: copy, prewarm: false });
}, 900_000);
afterAll(async () => { await stack?.stop(); if (copy) rmSync(path.dirname(copy), { recursive: true, force: true }); });

/** The security headers of the response-headers policy whose comment names the app, as the template gives them. */
function policyOf(app: string): { csp: string; permissions: string; hsts: { AccessControlMaxAgeSec: number; IncludeSubdomains: boolean } } {
  const policy = Object.values(stack.parity.template.resources).find((r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy'
    && String((r.Properties.ResponseHeadersPolicyConfig as { Comment: string }).Comment).includes(` ${app} app`));
  if (!policy) throw new Error(`no response-headers policy for ${app}`);
  const c = policy.Properties.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string }; StrictTransportSecurity: { AccessControlMaxAgeSec: number; IncludeSubdomains: boolean } };
    CustomHeadersConfig: { Items: Array<{ Header: string; Value: string }> };
  };
  return {
    csp: c.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy, hsts: c.SecurityHeadersConfig.StrictTransportSecurity,
    permissions: c.CustomHeadersConfig.Items.find((i) => i.Header === 'Permissions-Policy')!.Value,
  };
}

/** Parity serves the policy's CSP with the media bucket's AWS endpoint (`connect-src`, direct uploads)
 *  replaced by the API role's local S3 endpoint on loopback (local/parity/index.ts, localMediaOrigin). */
const BUCKET_ORIGIN = /https:\/\/\S+\.s3[.a-z0-9-]*\.amazonaws\.com/g;
function expectServedCsp(served: string | null, csp: string): void {
  expect(served?.replace(/http:\/\/127\.0\.0\.1:\d+/g, '<media>')).toBe(csp.replace(BUCKET_ORIGIN, '<media>'));
}

it.each(['capture', 'console'])('/%s/ is the index.html of the synthesized asset, with its app\'s policy headers', async (app) => {
  expect(asset.startsWith(copy)).toBe(true);
  const res = await fetch(`${stack.url}/${app}/`);
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.equals(readFileSync(path.join(asset, app, 'index.html')))).toBe(true);
  expect(body.toString('utf8').includes(marker)).toBe(app === 'capture');
  const p = policyOf(app);
  expectServedCsp(res.headers.get('content-security-policy'), p.csp);
  // The capture page uploads to the bucket directly, the console fetches large media from it (a
  // redirect to a presigned GET): each policy names it, and parity the local endpoint.
  expect(p.csp.match(BUCKET_ORIGIN) !== null).toBe(true);
  expect(/http:\/\/127\.0\.0\.1:\d+/.test(res.headers.get('content-security-policy') ?? '')).toBe(true);
  if (app === 'console') {
    const served = res.headers.get('content-security-policy') ?? '';
    const media = /http:\/\/127\.0\.0\.1:\d+/.exec(served)![0];
    for (const directive of ['img-src', 'connect-src']) expect(served.split('; ').find((d) => d.startsWith(`${directive} `))?.split(' ')).toContain(media);
  }
  expect(res.headers.get('permissions-policy')).toBe(p.permissions);
  expect(res.headers.get('strict-transport-security')).toBe(`max-age=${p.hsts.AccessControlMaxAgeSec}${p.hsts.IncludeSubdomains ? '; includeSubDomains' : ''}`);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  // What each app needs, and no more: the capture page runs wasm and the camera; the console neither.
  expect(p.csp.includes("'wasm-unsafe-eval'")).toBe(app === 'capture');
  expect(p.permissions).toContain(app === 'capture' ? 'camera=(self)' : 'camera=()');
}, 60_000);

it('a client-side route of an app is its index.html, with the same headers', async () => {
  const res = await fetch(`${stack.url}/capture/some-run-id`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain(marker);
  expectServedCsp(res.headers.get('content-security-policy'), policyOf('capture').csp);
}, 60_000);
