/**
 * The "done when": an applicant with a unique name does a live document + selfie run on
 * a durable stack (engine journals and event deliveries on disk); it is deleted with a grace
 * period of a few seconds; once GET answers 404 (the stack's own scheduler purged it), its name,
 * the document number and the uploaded bytes are nowhere: not in any DynamoDB item (Scan), not
 * in S3, not in the engine's journals or the bus's files. Runs in parity mode too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { original } from '../../fixtures/faces/variants';
import { createApiToken } from '../../lambdas/api/auth';
import { closeOcr } from '../../lambdas/reports/document_report';
import { makeDocument } from '../../lambdas/reports/fixtures/documents';
import { resetConfig } from '../../lambdas/shared/config';
import { filesContaining, lifecycleKit } from '../api/lifecycle-helpers';
import { startTestStack, type TestStack } from '../helpers/stack';

const GRACE_SECONDS = 3;
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
let live: string;
const dataDir = mkdtempSync(path.join(tmpdir(), 'studio-purge-'));
const previous = process.env.STUDIO_DELETION_GRACE_SECONDS;
beforeAll(async () => {
  process.env.STUDIO_DELETION_GRACE_SECONDS = String(GRACE_SECONDS);
  stack = await startTestStack({ dataDir, inMemory: false, lifecycleIntervalMs: 500 });
  kit = lifecycleKit(stack);
  live = await createApiToken('live');
}, 300_000);
afterAll(async () => {
  await closeOcr();
  kit.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (previous === undefined) delete process.env.STUDIO_DELETION_GRACE_SECONDS; else process.env.STUDIO_DELETION_GRACE_SECONDS = previous;
  resetConfig();
});

const call = <T = Record<string, unknown>>(method: string, p: string, json?: unknown, sdkToken?: string) =>
  stack.apiJson<T>(p, { method, ...(json !== undefined ? { json } : {}), ...(sdkToken ? { sdkToken } : { token: live }) });

async function upload(kind: 'documents' | 'live_photos', applicantId: string, sdk: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('applicant_id', applicantId);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'capture.png');
  const res = await stack.api(`/v3.6/${kind}`, { method: 'POST', body: form, sdkToken: sdk });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function waitingTask(runId: string, defId: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    await stack.engine.idle();
    const tasks = (await call<Array<{ id: string }>>('GET', `/v3.6/workflow_runs/${runId}/tasks`)).body;
    const task = tasks.find((t) => t.id.replace(/_[0-9a-f]{10}$/, '') === defId);
    if (task) return task.id;
  }
  throw new Error(`task ${defId} never started`);
}

/** Polls (bounded by a deadline) until `done` holds. */
async function until(what: string, done: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('a deleted applicant\'s live document + selfie run leaves nothing personal behind once the purge ran', async () => {
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Live KYC', template: 'document_selfie_photo' });
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const name = `Zelda${randomBytes(6).toString('hex')}`;
  const doc = await makeDocument('valid', 'passport', { today: new Date() });
  const portrait = await sharp(original('astronaut')).resize(256, 336, { fit: 'cover' }).png().toBuffer();
  const passport = await sharp(doc.images[0]!.bytes).composite([{ input: portrait, left: 48, top: 112 }]).png().toBuffer();
  const selfie = await sharp(original('astronaut')).resize(480).png().toBuffer();
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: name, last_name: 'Martin', dob: doc.spec.birthDate, email: `${name}@example.com` });
  expect(applicant.status).toBe(201);
  // Custom data the workflow's conditions and outputs do not read stays out of the execution (and the engine's journal).
  const custom = `Custom${randomBytes(6).toString('hex')}`;
  const run = await call<{ id: string; sdk_token: string }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id, custom_data: { note: custom } });
  const sdk = run.body.sdk_token;
  const docId = await upload('documents', applicant.body.id, sdk, passport, { type: 'passport', side: 'front', issuing_country: 'GBR' });
  expect((await call('POST', `/v3.6/workflow_runs/${run.body.id}/tasks/${await waitingTask(run.body.id, 'document')}/complete`, { data: [{ id: docId }] }, sdk)).status).toBe(200);
  const selfieId = await upload('live_photos', applicant.body.id, sdk, selfie);
  expect((await call('POST', `/v3.6/workflow_runs/${run.body.id}/tasks/${await waitingTask(run.body.id, 'selfie')}/complete`, { data: [{ id: selfieId }] }, sdk)).status).toBe(200);
  await until('the run ends', async () => {
    await stack.engine.idle();
    return !['processing', 'awaiting_input'].includes((await call<{ status: string }>('GET', `/v3.6/workflow_runs/${run.body.id}`)).body.status);
  }, 240_000);

  const needles = [name, doc.spec.documentNumber, custom];
  // The execution's history (which AWS keeps 90 days after the run, beyond any purge) holds ids and results, not the
  // applicant's name, document number or date of birth, nor the run's custom data: the template's conditions and outputs
  // name none of them.
  const history = await kit.executionHistory(run.body.id);
  expect(history.some((e) => e.includes('TaskSucceeded') && e.includes('\\"result\\":'))).toBe(true);
  expect(history.filter((e) => [name, doc.spec.documentNumber, doc.spec.birthDate, custom].some((n) => e.toLowerCase().includes(n.toLowerCase())))).toEqual([]);
  const needleBytes = needles.map((n) => Buffer.from(n));
  // They were there: in DynamoDB (applicant, report outputs, the run's custom data) and the bucket; the engine's journal
  // holds the run's execution (its id), which the purge forgets, but not the custom data.
  const before = await kit.tableText();
  for (const n of needles) expect(before.some((i) => i.includes(n))).toBe(true);
  expect((await kit.bucketObjects()).some((o) => o.bytes.equals(passport))).toBe(true);
  const journals = () => filesContaining(dataDir, [Buffer.from(run.body.id)], ['dynamodb']).filter((f) => f.endsWith('.jnl'));
  expect(journals().length).toBeGreaterThan(0);
  expect(filesContaining(dataDir, [Buffer.from(custom)], ['dynamodb'])).toEqual([]);

  // The applicant's objects: the two uploads, and the run's evidence PDF and folder (lambdas/evidence, once the bus has
  // delivered the run's end); whatever the count, the erasure record must name them all.
  await stack.bus.idle();
  const held = (await kit.bucketObjects(`live/${applicant.body.id}/`)).length;
  expect(held).toBeGreaterThanOrEqual(2);
  expect((await call('DELETE', `/v3.6/applicants/${applicant.body.id}`)).status).toBe(204);
  await until('GET answers 404', async () => (await call('GET', `/v3.6/applicants/${applicant.body.id}`)).status === 404);
  await stack.bus.idle();
  await stack.flushExecutionEvents();

  // Case-insensitively: search indexes keep names lower-cased (store/run-index.ts).
  expect((await kit.tableText()).filter((i) => needles.some((n) => i.toLowerCase().includes(n.toLowerCase())))).toEqual([]);
  const objects = await kit.bucketObjects();
  expect(objects.filter((o) => o.bytes.equals(passport) || o.bytes.equals(selfie) || needleBytes.some((n) => o.bytes.includes(n)))).toEqual([]);
  // The engine's journals and the bus's files (and s3rver's). Parity runs its own DynamoDB Local under the data folder:
  // its SQLite file keeps deleted items' bytes in free pages until reused, so DynamoDB is checked item by item (Scan) above.
  expect(filesContaining(dataDir, [...needleBytes, passport.subarray(0, 4096), selfie.subarray(0, 4096)], ['dynamodb'])).toEqual([]);
  expect(journals()).toEqual([]);
  const erasures = await call<{ erasures: Array<{ removed: Record<string, number> }> }>('GET', `/v3.6/erasures?applicant_id=${applicant.body.id}`);
  expect(erasures.body.erasures).toEqual([expect.objectContaining({ removed: expect.objectContaining({ applicant: 1, media: 2, s3_objects: held, runs: 1 }) })]);
}, 420_000);
