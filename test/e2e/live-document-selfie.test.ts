/**
 * The verification suite end to end on the local stack with a live token: the document + selfie
 * template with a synthetic passport (real MRZ, the applicant's portrait printed on it) and a
 * selfie. The real document and facial similarity checks decide: the same person is approved,
 * a different person takes the template's route for a face that does not match.
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { original, type Identity } from '../../fixtures/faces/variants';
import { createApiToken } from '../../lambdas/api/auth';
import { closeOcr } from '../../lambdas/reports/document_report';
import { makeDocument } from '../../lambdas/reports/fixtures/documents';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let live: string;
let workflowId: string;
beforeAll(async () => {
  stack = await startTestStack();
  live = await createApiToken('live');
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Live KYC', template: 'document_selfie_photo' });
  workflowId = wf.body.id;
  expect((await call('POST', `/v3.6/workflows/${workflowId}/versions/1/activate`)).status).toBe(200);
}, 120_000);
afterAll(async () => { await closeOcr(); await stack.stop(); });

function call<T = Record<string, unknown>>(method: string, path: string, json?: unknown, sdkToken?: string) {
  return stack.apiJson<T>(path, { method, ...(json !== undefined ? { json } : {}), ...(sdkToken ? { sdkToken } : { token: live }) });
}

/** A valid passport (expiry relative to today) with `who`'s portrait in the photo area (8 px/mm; 6,14 mm; 32×42 mm). */
async function passport(who: Identity) {
  const doc = await makeDocument('valid', 'passport', { today: new Date() });
  const portrait = await sharp(original(who)).resize(256, 336, { fit: 'cover' }).png().toBuffer();
  const bytes = await sharp(doc.images[0]!.bytes).composite([{ input: portrait, left: 48, top: 112 }]).png().toBuffer();
  return { spec: doc.spec, bytes };
}

async function upload(kind: 'documents' | 'live_photos', applicantId: string, sdk: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('applicant_id', applicantId);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const pdf = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  form.append('file', new Blob([new Uint8Array(bytes)], { type: pdf ? 'application/pdf' : 'image/png' }), pdf ? 'scan.pdf' : 'capture.png');
  const res = await stack.api(`/v3.6/${kind}`, { method: 'POST', body: form, sdkToken: sdk });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The passport as a scanner app saves it: its picture on a PDF page (a JPEG inside), under a line of text. */
function scanned(png: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    void sharp(png).jpeg({ quality: 92 }).toBuffer().then((jpeg) => {
      const doc = new PDFDocument({ size: [1000, 760], margin: 0 });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.text('Scanned document', 20, 20);
      doc.image(jpeg, 0, 60, { width: 1000, height: 700 });
      doc.end();
    }, reject);
  });
}

async function runWith(documentOf: Identity, selfieOf: Identity, as: 'image' | 'pdf' = 'image') {
  const { spec, bytes: png } = await passport(documentOf);
  const bytes = as === 'pdf' ? await scanned(png) : png;
  const [first, ...rest] = spec.givenNames.split(' ');
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', {
    first_name: `${first![0]}${first!.slice(1).toLowerCase()}${rest.length ? ` ${rest.join(' ').toLowerCase()}` : ''}`,
    last_name: `${spec.surname[0]}${spec.surname.slice(1).toLowerCase()}`, dob: spec.birthDate,
  });
  expect(applicant.status).toBe(201);
  const run = await call<{ id: string; sdk_token: string }>('POST', '/v3.6/workflow_runs', { workflow_id: workflowId, applicant_id: applicant.body.id });
  expect(run.status).toBe(201);
  const sdk = run.body.sdk_token;
  const waiting = async (defId: string) => {
    for (let i = 0; i < 200; i++) {
      await stack.engine.idle();
      const tasks = (await call<Array<{ id: string; task_def_id: string }>>('GET', `/v3.6/workflow_runs/${run.body.id}/tasks`)).body;
      const task = tasks.find((t) => t.id.replace(/_[0-9a-f]{10}$/, '') === defId);
      if (task) return task.id;
    }
    throw new Error(`task ${defId} never started`);
  };
  const doc = await upload('documents', applicant.body.id, sdk, bytes, { type: 'passport', side: 'front', issuing_country: 'GBR' });
  expect((await call('POST', `/v3.6/workflow_runs/${run.body.id}/tasks/${await waiting('document')}/complete`, { data: [{ id: doc }] }, sdk)).status).toBe(200);
  const selfie = await upload('live_photos', applicant.body.id, sdk, await sharp(original(selfieOf)).resize(480).png().toBuffer());
  expect((await call('POST', `/v3.6/workflow_runs/${run.body.id}/tasks/${await waiting('selfie')}/complete`, { data: [{ id: selfie }] }, sdk)).status).toBe(200);
  for (let i = 0; i < 600; i++) {
    await stack.engine.idle();
    const r = (await call<{ status: string; reasons: string[]; output: Record<string, string> }>('GET', `/v3.6/workflow_runs/${run.body.id}`)).body;
    if (!['processing', 'awaiting_input'].includes(r.status)) return r;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the run did not end');
}

describe('document + selfie with the real checks (live token)', () => {
  it('the same person: document clear, face match, approved', async () => {
    const run = await runWith('astronaut', 'astronaut');
    expect(run.status).toBe('approved');
    // The template outputs the results, not the reports (which hold the document's data): the reports are the run's tasks.
    expect(run.output).toEqual({ document_result: 'clear', document_sub_result: 'clear', face_result: 'clear' });
  }, 180_000);

  it('the passport sent as a scanned PDF: read from the picture on its page, approved', async () => {
    const run = await runWith('astronaut', 'astronaut', 'pdf');
    expect(run.status).toBe('approved');
    expect(run.output).toEqual({ document_result: 'clear', document_sub_result: 'clear', face_result: 'clear' });
  }, 180_000);

  it('a different person on the selfie: the face does not match, the run follows decline_face', async () => {
    const run = await runWith('astronaut', 'camera');
    expect(run).toMatchObject({ status: 'declined', reasons: ['face_mismatch'] });
    expect(run.output.face_result).toBe('consider');
  }, 180_000);
});
