/**
 * `npm run bench:durations`: the handlers' durations for the cost model (lib/cost.ts), measured in
 * parity mode: the synthesized stack, each function in its own Node 22 process, its AWS calls
 * through the IAM-checking local endpoints. One live document + selfie run with the real checks
 * (direct uploads as the capture page makes them, one loopback webhook subscribed) is timed per
 * invocation inside each function's process (local/parity/runtime/shim.js, as Lambda's REPORT
 * line), with the CPU time it used; the means per function are written to
 * lib/lambda-durations-measured.json with the date and this machine's CPU and load. This machine, not AWS: Lambda's CPU share at each memory size, its
 * network to DynamoDB and S3 and cold starts differ; the local endpoints add IAM simulation.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { original } from '../fixtures/faces/variants';
import { createApiToken } from '../lambdas/api/auth';
import { makeDocument } from '../lambdas/reports/fixtures/documents';
import { startParityStack } from '../local/parity';
import { DURATION_FUNCTIONS, type MeasuredDurations } from '../lib/lambda-durations';

const OUT = path.join(__dirname, '..', 'lib', 'lambda-durations-measured.json');

async function main(): Promise<void> {
  const receiver = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200).end()); });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const stack = await startParityStack({ inMemory: true, lifecycleIntervalMs: 0, log: (l) => { if (l.startsWith('!!!')) process.stderr.write(`${l}\n`); } });
  try {
    const live = await createApiToken('live');
    const call = async <T>(method: string, p: string, json?: unknown, sdk?: string): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${stack.url}${p}`, {
        method, headers: { authorization: sdk ? `Bearer ${sdk}` : `Token token=${live}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${p}: ${res.status} ${text}`);
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    };
    await call('POST', '/v3.6/webhooks', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, environments: ['live'] });
    const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Live KYC', template: 'document_selfie_photo' });
    await call('POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`);
    const doc = await makeDocument('valid', 'passport', { today: new Date() });
    const portrait = await sharp(original('astronaut')).resize(256, 336, { fit: 'cover' }).png().toBuffer();
    const passport = await sharp(doc.images[0]!.bytes).composite([{ input: portrait, left: 48, top: 112 }]).png().toBuffer();
    const selfie = await sharp(original('astronaut')).resize(480).png().toBuffer();
    const [first, ...rest] = doc.spec.givenNames.split(' ');
    const cap = (s: string) => `${s[0]}${s.slice(1).toLowerCase()}`;
    const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', {
      first_name: [cap(first!), ...rest.map((r) => r.toLowerCase())].join(' '), last_name: cap(doc.spec.surname), dob: doc.spec.birthDate,
    });
    await stack.engine.idle();
    for (const h of stack.parity.hosts.values()) { h.durations.invokeMs.length = 0; h.durations.cpuMs.length = 0; } // the run only, not the setup

    const run = await call<{ id: string; sdk_token: string }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
    const sdk = run.body.sdk_token;
    const upload = async (kind: string, bytes: Buffer, fields: Record<string, string> = {}) => {
      const up = await call<{ id: string; post: { url: string; fields: Record<string, string> } }>('POST', '/v3.6/uploads',
        { applicant_id: applicant.body.id, kind, file_name: 'capture.png', content_type: 'image/png', file_size: bytes.length, fields }, sdk);
      const form = new FormData();
      for (const [k, v] of Object.entries(up.body.post.fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(bytes)]), 'file');
      const stored = await fetch(up.body.post.url, { method: 'POST', body: form });
      if (stored.status >= 300) throw new Error(`the upload's POST answered ${stored.status}`);
      return (await call<{ id: string }>('POST', `/v3.6/uploads/${up.body.id}/confirm`, undefined, sdk)).body.id;
    };
    const capture = async (defId: string, media: () => Promise<string>) => {
      await stack.engine.idle();
      const tasks = (await call<Array<{ id: string }>>('GET', `/v3.6/workflow_runs/${run.body.id}/tasks`, undefined, sdk)).body;
      const task = tasks.find((t) => t.id.replace(/_[0-9a-f]{10}$/, '') === defId)!;
      await call('POST', `/v3.6/workflow_runs/${run.body.id}/tasks/${task.id}/complete`, { data: [{ id: await media() }] }, sdk);
    };
    await capture('document', () => upload('documents', passport, { type: 'passport', side: 'front', issuing_country: 'GBR' }));
    await capture('selfie', () => upload('live_photos', selfie));
    for (let status = ''; !['approved', 'review', 'declined', 'error'].includes(status);) {
      await stack.engine.idle();
      await stack.flushExecutionEvents();
      status = (await call<{ status: string }>('GET', `/v3.6/workflow_runs/${run.body.id}`)).body.status;
    }
    await stack.bus.idle();

    const hostOf = (key: string) => [...stack.parity.hosts.values()].find((h) => h.spec.name.endsWith(`-${key}`));
    const functions: MeasuredDurations['functions'] = {};
    for (const key of DURATION_FUNCTIONS) {
      const h = hostOf(key);
      const ms = h?.durations.invokeMs ?? [];
      if (!h || ms.length === 0) throw new Error(`${key}: not invoked by the run`);
      const mean = (l: number[]) => Math.round(l.reduce((a, b) => a + b, 0) / l.length);
      functions[key] = { invocations: ms.length, meanCpuMs: mean(h.durations.cpuMs), meanMs: mean(ms), maxMs: Math.round(Math.max(...ms)), memoryMb: h.spec.memoryMb,
        initMs: Math.round(Math.max(...h.durations.initMs)) };
    }
    const measured: MeasuredDurations = {
      measuredOn: new Date().toISOString().slice(0, 10), where: `parity mode on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, load ${loadavg()[0]!.toFixed(1)}`, functions,
    };
    writeFileSync(OUT, `${JSON.stringify(measured, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(measured, null, 2)}\nwritten to ${path.relative(process.cwd(), OUT)}\n`);
  } finally {
    await stack.stop();
    receiver.close();
  }
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exitCode = 1; });
