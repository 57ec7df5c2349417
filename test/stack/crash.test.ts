/**
 * `kill -9` of the whole local stack (`studio start` in a child process with its own process
 * group: Node and DynamoDB Local's Java die at once) while runs are being created, waiting for
 * a capture and running reports. After a restart on the same data folder no run the API
 * acknowledged is lost, none is `error`, and each finishes as its workflow says. The data
 * folder and its files are private to the owner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { CAPTURE } from '../e2e/workflows';
import { commandLineNaming } from '../helpers/processes';

const ROOT = path.resolve(__dirname, '../..');
const TOKEN = 'api_sandbox.crash-test-token-0123456789abcdef';
type Json = Record<string, unknown>;
interface Running { child: ChildProcess; url: string; exited: Promise<void> }

function startStudio(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/studio.js'), 'start'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    // Each stack lives seconds: DynamoDB Local's JVM without its optimizing compiler (less CPU to start).
    env: { ...process.env, PORT: '0', STUDIO_DATA: dataDir, STUDIO_API_TOKEN: TOKEN, STUDIO_DYNAMODB_QUICK_START: '1', AWS_PROFILE: 'must-not-be-used' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open Studio is running on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], exited });
    });
    void exited.then(() => reject(new Error(`studio start exited before it was ready:\n${out}`)));
  });
}

async function killAll(s: Running) {
  process.kill(-s.child.pid!, 'SIGKILL');
  await s.exited;
}

function client(url: string) {
  const call = async <T = Json>(method: string, p: string, json?: unknown, sdk?: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${url}${p}`, {
      method, headers: { authorization: sdk ? `Bearer ${sdk}` : `Token token=${TOKEN}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  /** Polls (bounded by a deadline) until the run's status is one of `want`; an `error` run fails at once. */
  const until = async (id: string, want: string[], deadlineMs = 240_000) => {
    const end = Date.now() + deadlineMs;
    for (;;) {
      const run = await call<{ status: string; error?: unknown }>('GET', `/v3.6/workflow_runs/${id}`);
      if (run.status !== 200) throw new Error(`run ${id}: ${run.status} ${JSON.stringify(run.body)}`);
      if (want.includes(run.body.status)) return run.body.status;
      if (run.body.status === 'error' || Date.now() > end) throw new Error(`run ${id} is ${run.body.status}: ${JSON.stringify(run.body.error ?? null)}, expected ${want.join('/')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { call, until };
}

let dataDir: string;
let studio: Running | undefined;
beforeAll(() => { dataDir = mkdtempSync(path.join(tmpdir(), 'studio-crash-')); });
afterAll(async () => {
  if (studio) await killAll(studio);
  rmSync(dataDir, { recursive: true, force: true });
});

it('a kill -9 of the whole stack loses no run and turns none into error', async () => {
  studio = await startStudio(dataDir);
  // STUDIO_DYNAMODB_QUICK_START=1 reached DynamoDB Local's JVM: its quick compiler only.
  expect(commandLineNaming(path.join(dataDir, 'dynamodb'))).toContain('-XX:TieredStopAtLevel=1');
  let api = client(studio.url);
  const risk = await api.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Risk', template: 'watchlist_risk_score' });
  expect((await api.call('POST', `/v3.6/workflows/${risk.body.id}/versions/1/activate`)).status).toBe(200);
  const capture = await api.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Capture' });
  expect((await api.call('POST', `/v3.6/workflows/${capture.body.id}/versions`, { definition: CAPTURE() })).status).toBe(201);
  expect((await api.call('POST', `/v3.6/workflows/${capture.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await api.call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Ann', last_name: 'Lee', dob: '1988-04-02' });
  const applicantId = applicant.body.id;
  const create = (workflow: string, extra: Json = {}) => api.call<{ id: string }>('POST', '/v3.6/workflow_runs', { workflow_id: workflow, applicant_id: applicantId, ...extra });

  const captures: string[] = [];
  for (let i = 0; i < 4; i++) captures.push((await create(capture.body.id)).body.id);
  for (const id of captures) await api.until(id, ['awaiting_input']);
  const waiting: string[] = [];
  for (let i = 0; i < 4; i++) waiting.push((await create(risk.body.id, { custom_data: { risk_tier: 'low' } })).body.id);
  for (const id of waiting) await api.until(id, ['awaiting_client_input']);

  // Creates in flight, the earliest already running their reports: then everything dies at once.
  const acknowledged: string[] = [];
  const inFlight = Array.from({ length: 40 }, () => create(risk.body.id, { custom_data: { risk_tier: 'low' } })
    .then((r) => { if (r.status === 201) acknowledged.push(r.body.id); }, () => undefined));
  await new Promise<void>((resolve) => { const t = setInterval(() => { if (acknowledged.length >= 10) { clearInterval(t); resolve(); } }, 5); });
  await killAll(studio);
  await Promise.all(inFlight);
  studio = undefined;

  studio = await startStudio(dataDir);
  api = client(studio.url);
  const all: string[] = [];
  for (let page = 1; ; page++) {
    const listed = await api.call<Array<{ id: string }>>('GET', `/v3.6/workflow_runs?applicant_id=${applicantId}&page=${page}`);
    expect(listed.status).toBe(200);
    if (!listed.body.length) break;
    all.push(...listed.body.map((r) => r.id));
  }
  for (const id of [...captures, ...waiting, ...acknowledged]) expect(all).toContain(id);
  const askRuns = all.filter((id) => !captures.includes(id));

  for (const id of askRuns) {
    expect(await api.until(id, ['awaiting_client_input'])).toBe('awaiting_client_input');
    const tasks = await api.call<Array<{ id: string; task_def_id: string }>>('GET', `/v3.6/workflow_runs/${id}/tasks`);
    const ask = tasks.body.find((t) => t.task_def_id === 'risk_score');
    expect((await api.call('POST', `/v3.6/workflow_runs/${id}/tasks/${ask!.id}/complete`, { data: { score: 5 } })).status).toBe(200);
  }
  const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 120, b: 200 } } }).jpeg().toBuffer();
  for (const id of captures) {
    expect(await api.until(id, ['awaiting_input'])).toBe('awaiting_input');
    const sdk = await api.call<{ token: string }>('POST', '/v3.6/sdk_token', { applicant_id: applicantId });
    const form = new FormData();
    form.append('applicant_id', applicantId);
    form.append('type', 'passport');
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'passport.jpg');
    const doc = await fetch(`${studio.url}/v3.6/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${sdk.body.token}` } });
    const docId = ((await doc.json()) as { id: string }).id;
    const tasks = await api.call<Array<{ id: string }>>('GET', `/v3.6/workflow_runs/${id}/tasks`);
    expect((await api.call('POST', `/v3.6/workflow_runs/${id}/tasks/${tasks.body[0]!.id}/complete`, { data: [{ id: docId }] }, sdk.body.token)).status).toBe(200);
  }
  for (const id of all) expect(await api.until(id, ['approved'])).toBe('approved');

  // Private to the owner: the folder 700, every file 600 (nothing for group or others).
  const open: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.mode & 0o077) open.push(`${path.relative(dataDir, p)} ${(st.mode & 0o777).toString(8)}`);
      if (st.isDirectory()) walk(p);
    }
  };
  expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
  walk(dataDir);
  expect(open).toEqual([]);
}, 900_000);
