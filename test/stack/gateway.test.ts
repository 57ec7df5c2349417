import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createGateway, type Gateway, type GatewayEvent } from '../../local/gateway';

let gw: Gateway;
let seen: GatewayEvent[] = [];
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gw-'));
  mkdirSync(path.join(dir, 'capture/assets'), { recursive: true });
  writeFileSync(path.join(dir, 'capture/index.html'), '<html>capture</html>');
  writeFileSync(path.join(dir, 'capture/assets/app.js'), 'console.log(1)');
  mkdirSync(path.join(dir, 'console'), { recursive: true });
  writeFileSync(path.join(dir, 'console/index.html'), '<html>console</html>');
  gw = await createGateway({
    staticDir: dir,
    handler: async (event) => {
      const e = event as GatewayEvent;
      seen.push(e);
      if (e.rawPath === '/binary') return { statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: Buffer.from([137, 80, 78, 71]).toString('base64'), isBase64Encoded: true };
      return { statusCode: 201, headers: { 'content-type': 'application/json', 'x-test': 'yes' }, body: '{"ok":true}', isBase64Encoded: false };
    },
  });
});
afterAll(async () => { await gw.close(); rmSync(dir, { recursive: true, force: true }); });
beforeEach(() => { seen = []; });

test('a JSON request becomes a payload 2.0 event, and the result is written back', async () => {
  const res = await fetch(`${gw.url}/v3.6/applicants?page=2&tags=a&tags=b`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Custom': 'v', 'User-Agent': 'jest', cookie: 'a=1; b=2' }, body: '{"first_name":"Jane"}',
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-test')).toBe('yes');
  expect(await res.json()).toEqual({ ok: true });
  const e = seen[0]!;
  expect(e).toMatchObject({
    version: '2.0', routeKey: '$default', rawPath: '/v3.6/applicants', rawQueryString: 'page=2&tags=a&tags=b',
    queryStringParameters: { page: '2', tags: 'a,b' }, cookies: ['a=1', 'b=2'], body: '{"first_name":"Jane"}', isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/v3.6/applicants', sourceIp: '127.0.0.1', userAgent: 'jest' }, stage: '$default' },
  });
  expect(e.headers['x-custom']).toBe('v');
  expect(e.headers['content-type']).toBe('application/json');
});

test('multipart and binary bodies are base64; base64 results are decoded', async () => {
  const form = new FormData();
  form.set('file', new Blob([Buffer.from([0, 255, 1])], { type: 'image/png' }), 'a.png');
  await fetch(`${gw.url}/upload`, { method: 'POST', body: form });
  const e = seen[0]!;
  expect(e.isBase64Encoded).toBe(true);
  expect(e.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  expect(Buffer.from(e.body!, 'base64').includes(Buffer.from([0, 255, 1]))).toBe(true);
  const bin = await fetch(`${gw.url}/binary`);
  expect(bin.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await bin.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
});

test('web apps are static files with an index fallback; other apps 404', async () => {
  const js = await fetch(`${gw.url}/capture/assets/app.js`);
  expect(js.headers.get('content-type')).toMatch(/javascript/);
  expect(await js.text()).toBe('console.log(1)');
  expect(await (await fetch(`${gw.url}/capture/run/123`)).text()).toBe('<html>capture</html>');
  expect((await fetch(`${gw.url}/capture/missing.js`)).status).toBe(404);
  expect((await fetch(`${gw.url}/other/`)).status).toBe(201);
  expect((await fetch(`${gw.url}/capture/..%2f..%2fetc/passwd`)).status).toBe(404);
  expect(seen.map((e) => e.rawPath)).toEqual(['/other/']);
});

test('the console is served at /console/ with a fallback for its routes; /builder/ redirects there', async () => {
  expect(await (await fetch(`${gw.url}/console/`)).text()).toBe('<html>console</html>');
  expect(await (await fetch(`${gw.url}/console/workflows/wf_1/edit`)).text()).toBe('<html>console</html>');
  for (const old of ['/builder', '/builder/', '/builder/workflows']) {
    const res = await fetch(`${gw.url}${old}`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/console/']);
  }
  expect(seen).toEqual([]);
});

describe('close', () => {
  const slowGateway = async (drainMs?: number) => {
    let finish!: () => void;
    const started: string[] = [];
    const done: string[] = [];
    const g = await createGateway({
      ...(drainMs === undefined ? {} : { drainMs }),
      handler: async (event) => {
        const p = (event as GatewayEvent).rawPath;
        started.push(p);
        await new Promise<void>((resolve) => { finish = resolve; });
        done.push(p);
        return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: `done ${p}` };
      },
    });
    return { g, started, done, finish: () => finish() };
  };
  const until = async (check: () => boolean) => { while (!check()) await new Promise((r) => setImmediate(r)); };

  test('waits for the request under way, which is answered, and takes no new connection', async () => {
    const { g, started, done, finish } = await slowGateway();
    const answer = fetch(`${g.url}/slow`).then(async (r) => [r.status, await r.text()]);
    await until(() => started.length === 1);
    let closed = false;
    const closing = g.close().then(() => { closed = true; });
    await new Promise((r) => setImmediate(r));
    await expect(fetch(`${g.url}/late`)).rejects.toThrow();
    expect([closed, done]).toEqual([false, []]);
    finish();
    await closing;
    expect(await answer).toEqual([200, 'done /slow']);
    expect(started).toEqual(['/slow']);
  });

  test('closes the connections once drainMs has passed, even with a handler still at work', async () => {
    const { g, started, done } = await slowGateway(20);
    const answer = fetch(`${g.url}/stuck`).then(() => 'answered', () => 'connection closed');
    await until(() => started.length === 1);
    await g.close();
    expect(await answer).toBe('connection closed');
    expect(done).toEqual([]);
  });
});
