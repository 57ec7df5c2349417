/**
 * Evidence and timeline files (Onfido v3.6 routes) through Onfido's own client: a run ends, the
 * evidence function signs its PDF and builds its folder and the webhook announces it; the PDF's
 * PAdES signature verifies with poppler's `pdfsig`; the folder holds the PDF, the run, its tasks
 * and reports; a timeline file is asked for (202), announced, and fetched. Before a run ends, or
 * before a file is ready: 422 with Onfido's error body.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Configuration, DefaultApi } from '@onfido/api';
import { unzipSync } from 'fflate';
import { putTimelineFile } from '../../lambdas/store/evidence';
import { startTestStack, type TestStack } from '../helpers/stack';
import { startReceiver, type Receiver } from '../webhooks/helpers';

let stack: TestStack;
let api: DefaultApi;
let receiver: Receiver;
const dir = mkdtempSync(path.join(tmpdir(), 'evidence-test-'));
beforeAll(async () => {
  [stack, receiver] = await Promise.all([startTestStack(), startReceiver([200])]);
  api = new DefaultApi(new Configuration({ apiToken: stack.apiToken, basePath: `${stack.url}/v3.6` }));
}, 900_000); // parity mode: the first start may synthesize
afterAll(async () => { await receiver?.close(); await stack?.stop(); rmSync(dir, { recursive: true, force: true }); });

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    await stack.flushExecutionEvents();
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

type Payload = { action: string; object: { id: string; href: string }; resource: { workflow_run_id?: string; timeline_file_download_url?: string } };
const received = (action: string) => receiver.received.map((r) => JSON.parse(r.body) as { payload: Payload })
  .find((b) => b.payload.action === action);

it('signs the evidence PDF of an ended run, builds its folder and makes timeline files, each announced by webhook', async () => {
  await api.createWebhook({ url: receiver.url, events: ['workflow_run_evidence_folder.created', 'workflow_timeline_file.created'] });
  const applicant = (await api.createApplicant({ first_name: 'Eva', last_name: 'Denz', dob: '1985-02-03' })).data;
  const workflow = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Risk', template: 'watchlist_risk_score' } });
  await stack.apiJson(`/v3.6/workflows/${workflow.body.id}/versions/1/activate`, { method: 'POST' });
  const run = (await api.createWorkflowRun({ workflow_id: workflow.body.id, applicant_id: applicant.id, custom_data: { risk_tier: 'low' } })).data;
  await eventually(async () => ((await api.findWorkflowRun(run.id)).data.status === 'awaiting_client_input' ? true : undefined), 'awaiting input');

  // Not ended yet: no evidence.
  const early = await stack.apiJson<{ error: { type: string; message: string } }>(`/v3.6/workflow_runs/${run.id}/signed_evidence_file`);
  expect(early.status).toBe(422);
  expect(early.body.error.message).toMatch(/awaiting_client_input/);

  const risk = (await api.listTasks(run.id)).data.find((t) => t.task_def_id === 'risk_score')!;
  await api.completeTask(run.id, risk.id!, { data: { score: 12, segment: 'retail' } });
  const announced = await eventually(async () => received('workflow_run_evidence_folder.created'), 'evidence folder announced');
  expect(announced.payload.object).toMatchObject({ id: run.id, href: `${stack.url}/v3.6/workflow_runs/${run.id}/evidence_folder` });

  const pdf = Buffer.from((await api.downloadSignedEvidenceFile(run.id, { responseType: 'arraybuffer' })).data.buffer);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const file = path.join(dir, 'evidence.pdf');
  writeFileSync(file, pdf);
  const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
  expect(sig).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
  expect(sig).toMatch(/Signature Validation: Signature is Valid\./);
  expect(sig).toMatch(/Total document signed/);
  // A changed byte breaks it.
  const tampered = Buffer.from(pdf);
  const at = tampered.indexOf('/Producer');
  expect(at).toBeGreaterThan(0);
  tampered[at + 1] = 'p'.charCodeAt(0);
  writeFileSync(file, tampered);
  const broken = (() => { try { return execFileSync('pdfsig', [file], { encoding: 'utf8' }); } catch (e) { return String((e as { stdout?: string }).stdout); } })();
  expect(broken).not.toMatch(/Signature is Valid/);

  const zip = unzipSync(new Uint8Array((await api.downloadEvidenceFolder(run.id, { responseType: 'arraybuffer' })).data.buffer));
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['evidence.pdf', 'workflow_run.json', 'applicant.json', 'tasks.json']));
  expect(Buffer.from(zip['evidence.pdf']!).equals(pdf)).toBe(true);
  expect(JSON.parse(Buffer.from(zip['workflow_run.json']!).toString())).toMatchObject({ id: run.id, status: 'approved' });
  expect(JSON.parse(Buffer.from(zip['applicant.json']!).toString())).toMatchObject({ first_name: 'Eva', last_name: 'Denz' });
  const reports = Object.keys(zip).filter((k) => k.startsWith('reports/'));
  expect(reports.length).toBeGreaterThan(0);
  expect(JSON.parse(Buffer.from(zip[reports[0]!]!).toString())).toHaveProperty('result');
  expect(JSON.stringify(JSON.parse(Buffer.from(zip['tasks.json']!).toString()))).not.toMatch(/"token"/);

  const ref = (await api.createTimelineFile(run.id));
  expect(ref.status).toBe(202);
  expect(ref.data).toEqual({ workflow_timeline_file_id: expect.any(String), href: `${stack.url}/v3.6/workflow_runs/${run.id}/timeline_file/${ref.data.workflow_timeline_file_id}` });
  const ready = await eventually(async () => received('workflow_timeline_file.created'), 'timeline file announced');
  expect(ready.payload.object).toMatchObject({ id: ref.data.workflow_timeline_file_id, href: ref.data.href });
  const timeline = Buffer.from((await api.findTimelineFile(run.id, ref.data.workflow_timeline_file_id, { responseType: 'arraybuffer' })).data.buffer);
  expect(timeline.subarray(0, 5).toString()).toBe('%PDF-');
  // Onfido's webhook resource carries a presigned URL of the same PDF, signed by the webhook function (in parity: with its role's grants).
  const download = ready.payload.resource.timeline_file_download_url;
  expect(ready.payload.resource.workflow_run_id).toBe(run.id);
  expect(download).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+\/.*timeline_files\/.*X-Amz-Signature=/);
  const fetched = await fetch(download!);
  expect(fetched.status).toBe(200);
  expect(fetched.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await fetched.arrayBuffer())).toEqual(timeline);
  const text = path.join(dir, 'timeline.pdf');
  writeFileSync(text, timeline);
  const words = execFileSync('pdftotext', [text, '-'], { encoding: 'utf8' });
  expect(words).toMatch(/Workflow run created/);
  expect(words).toMatch(/Task \w+ \(send_receive\) completed/);
  expect(words).toMatch(/Workflow run ended: approved/);
  expect(words.indexOf('Workflow run created')).toBeLessThan(words.indexOf('Workflow run ended'));
}, 180_000);

it('answers 422 for a timeline file not ready yet and 404 for one never asked for', async () => {
  const applicant = (await api.createApplicant({ first_name: 'Tim', last_name: 'Line', dob: '1990-01-01' })).data;
  const workflow = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Risk 2', template: 'watchlist_risk_score' } });
  await stack.apiJson(`/v3.6/workflows/${workflow.body.id}/versions/1/activate`, { method: 'POST' });
  const run = (await api.createWorkflowRun({ workflow_id: workflow.body.id, applicant_id: applicant.id, custom_data: { risk_tier: 'low' } })).data;
  await putTimelineFile({ id: 'pending-file', workflow_run_id: run.id, status: 'pending', created_at: '2026-01-01T00:00:00Z' });
  const pending = await stack.apiJson<{ error: { type: string } }>(`/v3.6/workflow_runs/${run.id}/timeline_file/pending-file`);
  expect(pending).toMatchObject({ status: 422, body: { error: { type: 'validation_error', message: expect.stringContaining('not ready yet'), fields: {} } } });
  expect((await stack.apiJson(`/v3.6/workflow_runs/${run.id}/timeline_file/nope`)).status).toBe(404);
  expect(await stack.apiJson(`/v3.6/workflow_runs/${run.id}/evidence_folder`))
    .toMatchObject({ status: 422, body: { error: { type: 'validation_error', message: expect.stringContaining('its evidence is made when it ends'), fields: {} } } });
});
