/**
 * An integrator's whole journey with Onfido's own Node client (@onfido/api v6), unchanged,
 * against the local stack: applicant, document and live photo, a workflow run, its tasks, the
 * Send/Receive task completed, runs listed by status, and the completion webhook verified
 * with the client's own WebhookEventVerifier.
 */
import { Configuration, DefaultApi, FileTransfer, WebhookEventVerifier } from '@onfido/api';
import sharp from 'sharp';
import { startTestStack, type TestStack } from '../helpers/stack';
import { startReceiver, type Receiver } from '../webhooks/helpers';

let stack: TestStack;
let api: DefaultApi;
let receiver: Receiver;
beforeAll(async () => {
  [stack, receiver] = await Promise.all([startTestStack(), startReceiver([200])]);
  api = new DefaultApi(new Configuration({ apiToken: stack.apiToken, basePath: `${stack.url}/v3.6` }));
}, 120_000);
afterAll(async () => { await receiver.close(); await stack.stop(); });

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    await stack.flushExecutionEvents();
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

it('runs a workflow end to end through the official client and verifies the completion webhook', async () => {
  // The client hands a text answer back as a file (`{ buffer, filename }`), as it does for Onfido's own `OK`.
  expect(String(((await api.ping()).data as unknown as { buffer: unknown }).buffer)).toBe('OK');
  const webhook = (await api.createWebhook({ url: receiver.url, events: ['workflow_run.completed'] })).data;
  expect(webhook.token).toEqual(expect.any(String));

  const applicant = (await api.createApplicant({ first_name: 'Ann', last_name: 'Lee', dob: '1988-04-02' })).data;
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#dde' } }).png().toBuffer();
  const document = (await api.uploadDocument('passport', applicant.id, new FileTransfer(png, 'passport.png'))).data;
  expect(document).toMatchObject({ applicant_id: applicant.id, type: 'passport' });
  const photo = (await api.uploadLivePhoto(applicant.id, new FileTransfer(png, 'selfie.png'))).data;
  expect(photo.id).toEqual(expect.any(String));

  // Workflows are managed with this product's own API (Onfido keeps them in its dashboard).
  const workflow = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Risk', template: 'watchlist_risk_score' } });
  expect((await stack.apiJson(`/v3.6/workflows/${workflow.body.id}/versions/1/activate`, { method: 'POST' })).status).toBe(200);

  const run = (await api.createWorkflowRun({ workflow_id: workflow.body.id, applicant_id: applicant.id, custom_data: { risk_tier: 'low' }, tags: ['client'] })).data;
  expect(run).toMatchObject({ applicant_id: applicant.id, workflow_id: workflow.body.id, workflow_version_id: 1, output: null, error: null });
  await eventually(async () => ((await api.findWorkflowRun(run.id)).data.status === 'awaiting_client_input' ? true : undefined), 'awaiting_client_input');

  const tasks = (await api.listTasks(run.id)).data;
  const risk = tasks.find((t) => t.task_def_id === 'risk_score')!;
  expect(risk).toMatchObject({ workflow_run_id: run.id, task_def_version: '1' });
  const riskId = risk.id!;
  const found = (await api.findTask(run.id, riskId)).data;
  expect(found.input).toMatchObject({ first_name: 'Ann', last_name: 'Lee', risk_tier: 'low' });
  await api.completeTask(run.id, riskId, { data: { score: 12, segment: 'retail' } });
  await expect(api.completeTask(run.id, riskId, { data: { score: 99 } })).rejects.toMatchObject({ response: { status: 409 } });

  const ended = await eventually(async () => { const r = (await api.findWorkflowRun(run.id)).data; return r.status === 'approved' ? r : undefined; }, 'approved');
  expect(ended).toMatchObject({ status: 'approved', reasons: ['low_risk'], output: { risk_score: 12, segment: 'retail' } });
  expect((await api.listWorkflowRuns(1, 'approved')).data.map((r) => r.id)).toContain(run.id);
  expect((await api.listWorkflowRuns(1, 'declined,review')).data.map((r) => r.id)).not.toContain(run.id);

  const delivered = await eventually(async () => receiver.received[0], 'webhook delivered');
  const verifier = new WebhookEventVerifier(webhook.token!);
  const event = verifier.readPayload(delivered.body, String(delivered.headers['x-sha2-signature']));
  expect(event).toMatchObject({ payload: { resource_type: 'workflow_run', action: 'workflow_run.completed', object: { id: run.id, status: 'approved' }, resource: { id: run.id, output: { risk_score: 12 } } } });
}, 120_000);
