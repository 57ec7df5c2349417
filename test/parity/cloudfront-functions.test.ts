/**
 * Parity mode runs the distribution's viewer-request CloudFront Functions from the synthesized
 * template before routing, as CloudFront does: an API body over the Lambda payload limit gets the
 * edge's 413 (Onfido's error body) without reaching the API, and client-side routes of the apps
 * are rewritten to their index.html. The template is the parity assembly's (`cdk synth`, cached).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MAX_PAYLOAD_BYTES } from '../../lambdas/api/limits';
import { createGateway, type Gateway } from '../../local/gateway';
import { readTemplate, synthesize, type ParityTemplate } from '../../local/parity';
import { viewerRequests, viewerRequestFunction } from '../../local/parity/cloudfront-function';

let dir: string;
let template: ParityTemplate;
let gateway: Gateway;
const reached: string[] = [];
beforeAll(async () => {
  template = readTemplate((await synthesize()).dir, '123456789012', 'us-east-1', { apiUrl: 'http://127.0.0.1:1', queueUrl: (n) => n });
  dir = mkdtempSync(path.join(tmpdir(), 'parity-cf-'));
  mkdirSync(path.join(dir, 'web', 'capture'), { recursive: true });
  writeFileSync(path.join(dir, 'web', 'capture', 'index.html'), '<p>capture</p>');
  gateway = await createGateway({
    handler: async (event) => { reached.push((event as { rawPath: string }).rawPath); return { statusCode: 204 }; },
    staticDir: path.join(dir, 'web'), viewerRequest: viewerRequests(template.webHeaders),
  });
}, 900_000);
afterAll(async () => { await gateway?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

it('reads each behavior\'s viewer-request function from the template', () => {
  const named = template.webHeaders.filter((b) => b.viewerRequest).map((b) => b.pathPattern).sort();
  expect(named).toEqual(['*', '/capture/*', '/console/*', '/v3.6/*']);
});

it('answers an API body over the payload limit with the edge function\'s 413; the API is not reached', async () => {
  reached.length = 0;
  const over = await fetch(`${gateway.url}/v3.6/documents`, { method: 'POST', body: Buffer.alloc(MAX_PAYLOAD_BYTES + 1), headers: { 'content-type': 'application/octet-stream' } });
  expect(over.status).toBe(413);
  expect(((await over.json()) as { error: { type: string } }).error.type).toBe('payload_too_large');
  expect(reached).toEqual([]);
  const under = await fetch(`${gateway.url}/v3.6/documents?x=1`, { method: 'POST', body: Buffer.alloc(1024) });
  expect(under.status).toBe(204);
  expect(reached).toEqual(['/v3.6/documents']);
});

it('rewrites client-side routes of the apps to their index.html, files keep their path', async () => {
  const run = viewerRequests(template.webHeaders);
  const at = (uri: string) => run({ method: 'GET', uri, querystring: '', headers: {}, ip: '127.0.0.1' });
  expect(await at('/capture/run-1')).toEqual({ request: { uri: '/capture/index.html', querystring: '' } });
  expect(await at('/console/runs/1')).toEqual({ request: { uri: '/console/index.html', querystring: '' } });
  expect(await at('/capture/assets/app-1a2b.js')).toEqual({ request: { uri: '/capture/assets/app-1a2b.js', querystring: '' } });
  const page = await fetch(`${gateway.url}/capture/run-1`);
  expect(await page.text()).toBe('<p>capture</p>');
});

it('runs a function in a context of its own: query strings and headers in CloudFront\'s shape, no Node globals', async () => {
  const fn = viewerRequestFunction(`function handler(event) {
    var r = event.request;
    r.uri = '/x/' + r.querystring.a.value + '/' + r.headers['x-b'].value + '/' + typeof require + '/' + typeof process;
    return r;
  }`);
  expect(await fn({ method: 'GET', uri: '/', querystring: 'a=1&c', headers: { 'X-B': 'two' }, ip: '127.0.0.1' }))
    .toEqual({ request: { uri: '/x/1/two/undefined/undefined', querystring: 'a=1&c' } });
  await expect(viewerRequestFunction('function handler(event) { while (true) {} }')({ method: 'GET', uri: '/', querystring: '', headers: {}, ip: '' }))
    .rejects.toThrow(/timed out/);
});
