/**
 * The cost model's DynamoDB and S3 request counts against a real local run: the document +
 * selfie template with a live token and the real checks, each capture uploaded as the capture
 * page does (a presigned POST straight to the bucket, then confirm) and completed, with one
 * webhook (every event) on a real receiver on 127.0.0.1, which gets one delivery per event. Every
 * DynamoDB and S3 request is counted per function by the SDK middleware of
 * lambdas/shared/aws-calls.ts (the local stack runs each handler in its function's scope; the
 * state machine's own DynamoDB task as `stateMachine`); the browser's POST to the bucket is
 * counted here. lib/cost.ts's `requests()` for this route must agree with what was measured,
 * per function and kind, within COUNT_TOLERANCE.
 */
import sharp from 'sharp';
import { original } from '../../fixtures/faces/variants';
import { approveRoute, ASSUMPTIONS, COUNT_TOLERANCE, emitted, invocations, requests, type RequestCounts } from '../../lib/cost';
import { TEMPLATES } from '../../compiler';
import { createApiToken } from '../../lambdas/api/auth';
import { closeOcr } from '../../lambdas/reports/document_report';
import { makeDocument } from '../../lambdas/reports/fixtures/documents';
import { awsCallTallies, resetAwsCalls } from '../../lambdas/shared/aws-calls';
import { startTestStack, type TestStack } from '../helpers/stack';
import { startReceiver, type Receiver } from '../webhooks/helpers';

let stack: TestStack;
let receiver: Receiver;
let live: string;
let workflowId: string;
beforeAll(async () => {
  stack = await startTestStack();
  live = await createApiToken('live');
  receiver = await startReceiver();
  expect((await call('POST', '/v3.6/webhooks', { url: receiver.url })).status).toBe(201);
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Live KYC', template: 'document_selfie_photo' });
  workflowId = wf.body.id;
  expect((await call('POST', `/v3.6/workflows/${workflowId}/versions/1/activate`)).status).toBe(200);
}, 120_000);
afterAll(async () => { await closeOcr(); await receiver?.close(); await stack?.stop(); });

function call<T = Record<string, unknown>>(method: string, path: string, json?: unknown, sdkToken?: string) {
  return stack.apiJson<T>(path, { method, ...(json !== undefined ? { json } : {}), ...(sdkToken ? { sdkToken } : { token: live }) });
}

let browserPosts = 0;
/** The capture page's direct upload: ask for a presigned POST, POST the file to the bucket, confirm. */
async function directUpload(kind: string, applicantId: string, sdk: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const up = await call<{ id: string; post: { url: string; fields: Record<string, string> } }>('POST', '/v3.6/uploads',
    { applicant_id: applicantId, kind, file_name: 'capture.png', content_type: 'image/png', file_size: bytes.length, fields }, sdk);
  expect(up.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(up.body.post.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)]), 'file');
  browserPosts++;
  expect((await fetch(up.body.post.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const confirmed = await call<{ id: string }>('POST', `/v3.6/uploads/${up.body.id}/confirm`, undefined, sdk);
  expect(confirmed.status).toBe(201);
  return confirmed.body.id;
}

it('a document + selfie run makes the DynamoDB and S3 requests the cost model counts, per function', async () => {
  const doc = await makeDocument('valid', 'passport', { today: new Date() });
  const portrait = await sharp(original('astronaut')).resize(256, 336, { fit: 'cover' }).png().toBuffer();
  const passport = await sharp(doc.images[0]!.bytes).composite([{ input: portrait, left: 48, top: 112 }]).png().toBuffer();
  const selfie = await sharp(original('astronaut')).resize(480).png().toBuffer();
  const [first, ...rest] = doc.spec.givenNames.split(' ');
  const cap = (s: string) => `${s[0]}${s.slice(1).toLowerCase()}`;
  await stack.engine.idle();
  resetAwsCalls();

  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', {
    first_name: [cap(first!), ...rest.map((r) => r.toLowerCase())].join(' '), last_name: cap(doc.spec.surname), dob: doc.spec.birthDate,
  });
  const run = await call<{ id: string; sdk_token: string }>('POST', '/v3.6/workflow_runs', { workflow_id: workflowId, applicant_id: applicant.body.id });
  expect(run.status).toBe(201);
  const sdk = run.body.sdk_token;
  const capture = async (defId: string, media: () => Promise<string>) => {
    await stack.engine.idle();
    const tasks = (await call<Array<{ id: string }>>('GET', `/v3.6/workflow_runs/${run.body.id}/tasks`, undefined, sdk)).body;
    const task = tasks.find((t) => t.id.replace(/_[0-9a-f]{10}$/, '') === defId)!;
    const id = await media();
    expect((await call('POST', `/v3.6/workflow_runs/${run.body.id}/tasks/${task.id}/complete`, { data: [{ id }] }, sdk)).status).toBe(200);
  };
  await capture('document', () => directUpload('documents', applicant.body.id, sdk, passport, { type: 'passport', side: 'front', issuing_country: 'GBR' }));
  await capture('selfie', () => directUpload('live_photos', applicant.body.id, sdk, selfie));
  // Waits on the engine, not by polling the API (whose reads would be counted): then one GET.
  for (let i = 0; i < 600; i++) {
    await stack.engine.idle();
    const [execution] = (await stack.engine.list({})).filter((e) => e.executionArn.endsWith(`:${run.body.id}`));
    if (execution?.status !== 'RUNNING') break;
  }
  await stack.flushExecutionEvents();
  await stack.bus.idle();
  expect((await call<{ status: string }>('GET', `/v3.6/workflow_runs/${run.body.id}`)).body.status).toBe('approved');

  const route = approveRoute(TEMPLATES.find((t) => t.name === 'document_selfie_photo')!);
  expect(receiver.received).toHaveLength(emitted(route).events);
  expect(awsCallTallies().webhooks?.invocations).toBe(invocations(route).webhooks);
  const tallies = awsCallTallies();
  const measured: RequestCounts = {};
  for (const [fn, t] of Object.entries(tallies)) measured[fn] = { wru: t.wru, rru: t.rru, s3Puts: t.s3Puts, s3Gets: t.s3Gets };
  measured.browser = { wru: 0, rru: 0, s3Puts: browserPosts, s3Gets: 0 };
  const model = requests(route, { videoMb: ASSUMPTIONS.videoMb, mediaPerCapture: 1 }); // a passport: its front only
  const report = Object.keys({ ...model, ...measured }).sort().map((fn) => ({ fn, model: model[fn], measured: measured[fn], operations: tallies[fn]?.operations }));
  for (const fn of new Set([...Object.keys(model), ...Object.keys(measured)])) {
    for (const kind of ['wru', 'rru', 's3Puts', 's3Gets'] as const) {
      const m = model[fn]?.[kind] ?? 0, x = measured[fn]?.[kind] ?? 0;
      if (Math.abs(m - x) > Math.max(1, COUNT_TOLERANCE * x)) throw new Error(`${fn} ${kind}: the model counts ${m}, the run made ${x}\n${JSON.stringify(report, null, 1)}`);
    }
  }
}, 600_000);
