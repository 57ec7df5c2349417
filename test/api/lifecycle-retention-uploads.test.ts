/**
 * Retention of a run takes every upload its capture session made (injected clock), not only the
 * media its tasks named: a document uploaded with the run's token and never submitted (a retake),
 * and the run's direct uploads never confirmed (a form upload whose object is stored, a multipart
 * upload with a part stored), with their S3 objects, and what a confirmed form upload's policy
 * sent again after the confirm (to its staging key); the erasure record counts them. An upload
 * the applicant's own SDK token made (no run) stays with the applicant.
 */
import sharp from 'sharp';
import { findEvents } from '../../lambdas/events/record';
import { PART_BYTES } from '../../lambdas/api/limits';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { listParts } from '../../lambdas/store/s3';
import { findUpload } from '../../lambdas/store/uploads';
import { CAPTURE } from '../e2e/workflows';
import { startTestStack, type TestStack } from '../helpers/stack';
import { eventually } from '../webhooks/helpers';
import { lifecycleKit, setRetention } from './lifecycle-helpers';

const DAY = 86_400_000;
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
beforeAll(async () => { stack = await startTestStack(); kit = lifecycleKit(stack); }, 120_000);
afterAll(async () => { kit.close(); await stack.stop(); setRetention(undefined); });

interface Upload { id: string; post?: { url: string; fields: Record<string, string> }; parts?: Array<{ url: string; size: number }> }
const startUpload = (sdkToken: string, body: Record<string, unknown>) =>
  stack.apiJson<Upload>('/v3.6/uploads', { method: 'POST', sdkToken, json: body });

it('purges the uploads of the run\'s session that no task named and its unconfirmed direct uploads, with their objects', async () => {
  const { t } = kit;
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 200, b: 90 } } }).jpeg().toBuffer();
  const workflow = await t.workflow(CAPTURE());
  const applicantId = await t.applicant({ first_name: 'Retake' });
  const run = await t.startRun(workflow, applicantId);
  const session = run.sdk_token!; // the run's token: its uploads carry the run's id
  await t.until(run.id, ['awaiting_input']);

  const retake = await t.upload('documents', applicantId, session, { type: 'passport', side: 'front' });
  const submitted = await t.upload('documents', applicantId, session, { type: 'passport', side: 'front' });
  // A form upload whose bytes reached the bucket, never confirmed.
  const post = (p: NonNullable<Upload['post']>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(p.fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'p.jpg');
    return fetch(p.url, { method: 'POST', body: form });
  };
  const posted = await startUpload(session, { kind: 'documents', applicant_id: applicantId, file_name: 'p.jpg', content_type: 'image/jpeg', file_size: jpeg.length, fields: { type: 'passport' } });
  expect(posted.status).toBe(201);
  expect((await post(posted.body.post!)).status).toBe(204);
  // A form upload confirmed, whose policy is used again afterwards.
  const confirmed = await startUpload(session, { kind: 'documents', applicant_id: applicantId, file_name: 'c.jpg', content_type: 'image/jpeg', file_size: jpeg.length, fields: { type: 'passport' } });
  expect((await post(confirmed.body.post!)).status).toBe(204);
  expect((await stack.apiJson(`/v3.6/uploads/${confirmed.body.id}/confirm`, { method: 'POST', sdkToken: session })).status).toBe(201);
  expect((await post(confirmed.body.post!)).status).toBe(204);
  // A multipart upload with its first part stored, never confirmed.
  const parted = await startUpload(session, { kind: 'live_videos', applicant_id: applicantId, file_name: 'v.webm', content_type: 'video/webm', file_size: PART_BYTES + 10 });
  expect(parted.status).toBe(201);
  expect((await fetch(parted.body.parts![0]!.url, { method: 'PUT', body: new Uint8Array(Buffer.alloc(PART_BYTES, 1)) })).status).toBe(200);
  const partedItem = (await findUpload(parted.body.id))!;
  expect(await listParts(partedItem.object_key, partedItem.upload_id!)).toHaveLength(1);
  // The applicant's own upload (its SDK token, no run): not the run's.
  const own = await t.upload('documents', applicantId, await t.sdkToken(applicantId), { type: 'passport', side: 'back' });

  const waiting = await t.waitingTask(run.id, 'doc');
  expect((await t.complete(run.id, waiting.id, [{ id: submitted }], session)).status).toBe(200);
  const end = await t.until(run.id, ['approved']);
  await eventually(async () => (await findEvents(run.id, 'workflow_run_evidence_folder.created')).length === 1);

  setRetention('30');
  expect(await sweep(new Date(Date.parse(end.updated_at as string) + 31 * DAY))).toMatchObject({ retention: { sandbox: 1 } });

  for (const id of [retake, submitted, posted.body.id, confirmed.body.id]) {
    expect((await t.call('GET', `/v3.6/documents/${id}`)).status).toBe(404);
    expect((await stack.api(`/v3.6/documents/${id}/download`)).status).toBe(404);
  }
  for (const u of [posted, parted, confirmed]) expect(await findUpload(u.body.id)).toBeUndefined();
  expect(await listParts(partedItem.object_key, partedItem.upload_id!)).toEqual([]);
  // Only the applicant's own upload is left of the applicant's objects.
  expect((await kit.bucketObjects(`sandbox/${applicantId}/`)).map((o) => o.key)).toEqual([`sandbox/${applicantId}/documents/${own}`]);
  expect((await stack.api(`/v3.6/documents/${own}/download`)).status).toBe(200);
  const erasures = (await t.call<{ erasures: Array<{ removed: Record<string, number> }> }>('GET', `/v3.6/erasures?applicant_id=${applicantId}`)).body.erasures;
  // media: the retake, the submitted and the confirmed document; uploads: the two unconfirmed ones; objects: the three
  // documents, the posted file, the file sent again after the confirm, the evidence PDF and folder.
  expect(erasures).toEqual([expect.objectContaining({ removed: expect.objectContaining({ media: 3, uploads: 2, s3_objects: 7, runs: 1 }) })]);
}, 120_000);

it('the applicant\'s purge also removes its direct uploads never confirmed: their items and the parts S3 holds', async () => {
  const { t } = kit;
  const applicantId = await t.applicant({ first_name: 'Parted' });
  const sdk = await t.sdkToken(applicantId);
  const parted = await startUpload(sdk, { kind: 'live_videos', applicant_id: applicantId, file_name: 'v.webm', content_type: 'video/webm', file_size: PART_BYTES + 10 });
  expect((await fetch(parted.body.parts![0]!.url, { method: 'PUT', body: new Uint8Array(Buffer.alloc(PART_BYTES, 2)) })).status).toBe(200);
  const item = (await findUpload(parted.body.id))!;
  const deleted = Date.now();
  expect((await t.call('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
  expect(await sweep(new Date(deleted + 21 * DAY))).toMatchObject({ purged: 1 });
  expect(await findUpload(parted.body.id)).toBeUndefined();
  expect(await listParts(item.object_key, item.upload_id!)).toEqual([]);
  const erasures = (await t.call<{ erasures: Array<{ removed: Record<string, number> }> }>('GET', `/v3.6/erasures?applicant_id=${applicantId}`)).body.erasures;
  expect(erasures).toEqual([expect.objectContaining({ removed: expect.objectContaining({ applicant: 1, uploads: 1 }) })]);
}, 60_000);
