/**
 * The local stack for jest integration tests: one per test file (start it in beforeAll, stop it
 * in afterAll). Its own table and bucket in the run's shared DynamoDB Local and s3rver
 * (test/global-setup.ts; its own services when run outside that setup), its own engine, bus
 * and gateway, temp folders, ephemeral ports, a sandbox API token.
 *
 *   let stack: TestStack;
 *   beforeAll(async () => { stack = await startTestStack(); });
 *   afterAll(() => stack.stop());
 *   const res = await stack.api('/v3.6/applicants', { method: 'POST', json: { first_name: 'Jane' } });
 *   expect(res.status).toBe(201); const body = await res.json();
 *
 * `STUDIO_MODE=parity` starts the parity stack instead (local/parity: the synthesized template,
 * each function from its cdk.out asset in its own Node 22 process, IAM simulated): the same
 * suites then run against what would be deployed (`npm run test:parity`). Its functions start on
 * their first invocation, as on Lambda without provisioned concurrency (the stack declares none),
 * not all at once ahead of it: a file starts only the functions it calls (~20% less CPU a file).
 *
 * The timed lifecycle sweep (purges, retention, backfills: every 5 seconds on `npm start`, every 15
 * minutes in AWS) is off unless a file asks for it (`lifecycleIntervalMs`): a file sweeps when it
 * means to (`sweep(now)` with its own clock, `runLifecycle()`). The first sweep loads the lifecycle
 * function (~0.5 s of CPU); an idle one is 3 queries once the one-off walks are done.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startStack, type Stack, type StackOptions } from '../../local/stack';

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON with content-type application/json. */
  json?: unknown;
  body?: RequestInit['body'];
  /** Replaces the API token (`null`: no Authorization header). */
  token?: string | null;
  /** An SDK token sent as `Bearer`. */
  sdkToken?: string;
}

export interface TestStack extends Stack {
  /** fetch against the API with `Authorization: Token token=<api token>`; path like `/v3.6/ping`. */
  api(path: string, init?: ApiInit): Promise<Response>;
  /** The same, parsed: `{ status, body }` (body is the JSON, or the text when not JSON). */
  apiJson<T = unknown>(path: string, init?: ApiInit): Promise<{ status: number; body: T; headers: Headers }>;
}

export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  const { STUDIO_TEST_DYNAMODB: dynamodb, STUDIO_TEST_S3: s3, STUDIO_TEST_AWS_SECRET: awsSecret } = process.env;
  const services = dynamodb && s3 && awsSecret ? { services: { dynamodb, s3, awsSecret } } : {};
  const o: StackOptions = { inMemory: true, port: 0, lifecycleIntervalMs: 0, apiToken: `api_sandbox.test-${randomBytes(12).toString('hex')}-token`, ...options };
  const stack: Stack = process.env.STUDIO_MODE === 'parity'
    ? await (await import('../../local/parity')).startParityStack({ prewarm: false, ...o, log: (l) => { if (l.startsWith('!!!') || l.startsWith('iam:')) console.warn(l); } })
    : await startInMemory({ ...services, ...o });
  const api = (path: string, init: ApiInit = {}) => {
    const { json, token, sdkToken, headers, ...rest } = init;
    const h = new Headers(headers);
    if (sdkToken) h.set('authorization', `Bearer ${sdkToken}`);
    else if (token !== null) h.set('authorization', `Token token=${token ?? stack.apiToken}`);
    if (json !== undefined) h.set('content-type', 'application/json');
    return fetch(`${stack.url}${path}`, { ...rest, headers: h, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  };
  const apiJson = async <T>(path: string, init?: ApiInit) => {
    const res = await api(path, init);
    const text = await res.text();
    let body: unknown = text;
    try { body = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: res.status, body: body as T, headers: res.headers };
  };
  return Object.assign(stack, { api, apiJson });
}

/**
 * An in-memory stack in a folder holding the run's console and evidence keys (test/global-setup.ts),
 * so that it does not generate RSA keys of its own (~0.5 s and ~0.2 s of CPU per stack); the
 * folder goes on stop.
 */
async function startInMemory(o: StackOptions): Promise<Stack> {
  const key = process.env.STUDIO_TEST_CONSOLE_KEY;
  if (!key || o.dataDir || o.inMemory === false) return startStack(o);
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-test-'));
  const drop = () => rmSync(dir, { recursive: true, force: true });
  for (const file of [key, process.env.STUDIO_TEST_EVIDENCE_KEY]) {
    if (!file) continue;
    copyFileSync(file, path.join(dir, path.basename(file)));
    chmodSync(path.join(dir, path.basename(file)), 0o600);
  }
  const stack = await startStack({ ...o, dataDir: dir, inMemory: true }).catch((e: unknown) => { drop(); throw e; });
  const stop = stack.stop;
  return Object.assign(stack, { stop: async () => { try { await stop(); } finally { drop(); } } });
}
