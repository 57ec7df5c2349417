/**
 * Direct uploads to S3 (`/v3.6/uploads`) on the local stack: a presigned POST for small files,
 * presigned parts (resumable) for large ones, the confirm that sniffs and sizes the stored
 * object, the limits, and uploads of one run that another run's session cannot touch.
 */
import { Configuration, DefaultApi, FileTransfer } from '@onfido/api';
import { DIRECT_UPLOAD_BYTES, MAX_PAYLOAD_BYTES, MB, PART_BYTES } from '../../lambdas/api/limits';
import { findUpload } from '../../lambdas/store/uploads';
import { e2e, type E2e, type Run } from '../e2e/helpers';
import { CAPTURE } from '../e2e/workflows';
import { startTestStack, type TestStack } from '../helpers/stack';
import { makeMediaFixtures, type MediaFixtures } from './media-fixtures';

interface Part { part_number: number; size: number; stored: boolean; url?: string }
interface Upload {
  id: string; kind: string; status: string; method: 'post' | 'multipart'; file_size: number; content_type: string; expires_at: string;
  post?: { url: string; fields: Record<string, string> }; part_size?: number; parts?: Part[];
}
interface ErrorBody { error: { type: string; message: string; fields: Record<string, string[]> } }
type Who = { sdkToken?: string };

let stack: TestStack;
let t: E2e;
let fx: MediaFixtures;
let applicantId: string;
beforeAll(async () => {
  [stack, fx] = await Promise.all([startTestStack(), makeMediaFixtures()]);
  t = e2e(stack);
  applicantId = await t.applicant();
}, 120_000);
afterAll(() => stack.stop());

const begin = (body: Record<string, unknown>, who: Who = {}) =>
  stack.apiJson<Upload & ErrorBody>('/v3.6/uploads', { method: 'POST', json: { applicant_id: applicantId, ...body }, ...who });
const status = (id: string, who: Who = {}) => stack.apiJson<Upload & ErrorBody>(`/v3.6/uploads/${id}`, who);
const confirm = (id: string, who: Who = {}) =>
  stack.apiJson<{ id: string; file_size: number; file_type: string; type?: string } & ErrorBody>(`/v3.6/uploads/${id}/confirm`, { method: 'POST', ...who });

/** The browser's form upload: the policy's fields, then the file. */
function post(p: NonNullable<Upload['post']>, bytes: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(p.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)]), 'file');
  return fetch(p.url, { method: 'POST', body: form });
}
const put = (url: string, bytes: Buffer) => fetch(url, { method: 'PUT', body: new Uint8Array(bytes) });
/** A PDF of `size` bytes (the type is told by its first bytes). */
const pdf = (size: number) => Buffer.concat([fx.pdf, Buffer.alloc(size - fx.pdf.length, 0x20)]);

it('uploads a small file with one presigned POST whose policy pins key, type and size, and confirms it as a document', async () => {
  const up = await begin({ kind: 'documents', file_name: 'passport.png', content_type: 'image/png', file_size: fx.png.length, fields: { type: 'passport', side: 'front', issuing_country: 'FRA' } });
  expect(up.status).toBe(201);
  expect(up.body).toMatchObject({ kind: 'documents', status: 'pending', method: 'post', file_size: fx.png.length, content_type: 'image/png' });
  const url = new URL(up.body.post!.url);
  expect(url.hostname).toBe('127.0.0.1'); // the local S3 endpoint (in parity: the API role's, which forwards to it)
  // Its staging key: the confirm moves the file to the media key, which no URL names (uploads-replace.test.ts).
  expect(up.body.post!.fields.key).toBe(`sandbox/${applicantId}/uploads/applicant/${up.body.id}`);
  // Not stored yet: confirm says so.
  expect((await confirm(up.body.id)).status).toBe(409);
  // The policy refuses another size, another type, another key.
  expect((await post(up.body.post!, Buffer.concat([fx.png, Buffer.from('x')]))).status).toBe(400);
  expect((await post({ ...up.body.post!, fields: { ...up.body.post!.fields, 'Content-Type': 'image/jpeg' } }, fx.png)).status).toBe(403);
  expect((await post({ ...up.body.post!, fields: { ...up.body.post!.fields, key: `sandbox/${applicantId}/documents/other` } }, fx.png)).status).toBe(403);
  expect((await post(up.body.post!, fx.png)).status).toBe(204);
  const doc = await confirm(up.body.id);
  expect(doc.status).toBe(201);
  expect(doc.body).toMatchObject({ id: up.body.id, file_type: 'png', file_size: fx.png.length, type: 'passport', side: 'front', issuing_country: 'FRA', applicant_id: applicantId });
  expect((await stack.apiJson(`/v3.6/documents/${up.body.id}`)).body).toEqual(doc.body);
  const download = await stack.api(`/v3.6/documents/${up.body.id}/download`);
  expect(Buffer.from(await download.arrayBuffer()).equals(fx.png)).toBe(true);
  expect((await confirm(up.body.id)).body).toEqual(doc.body); // a repeated confirm answers the same
  expect((await status(up.body.id)).body).toMatchObject({ status: 'confirmed' });
});

it('uploads a large file in presigned parts, resumes with the parts S3 holds, and the Onfido client downloads it through the 302', async () => {
  const bytes = pdf(PART_BYTES + 2 * MB);
  const up = await begin({ kind: 'documents', file_name: 'statement.pdf', content_type: 'application/pdf', file_size: bytes.length, fields: { type: 'bank_statement' } });
  expect(up.body).toMatchObject({ method: 'multipart', part_size: PART_BYTES });
  expect(up.body.parts!.map((p) => [p.part_number, p.size, p.stored])).toEqual([[1, PART_BYTES, false], [2, 2 * MB, false]]);
  expect((await put(up.body.parts![0]!.url!, bytes.subarray(0, PART_BYTES))).status).toBe(200);
  // The second part was lost: the client asks what is there, sends only what is missing.
  const resumed = await status(up.body.id);
  expect(resumed.body.parts!.map((p) => [p.part_number, p.stored, typeof p.url])).toEqual([[1, true, 'undefined'], [2, false, 'string']]);
  const early = await confirm(up.body.id);
  expect([early.status, early.body.error.type, early.body.error.message]).toEqual([409, 'conflict', expect.stringContaining('Parts 2 ')]);
  expect((await put(resumed.body.parts![1]!.url!, bytes.subarray(PART_BYTES))).status).toBe(200);
  const doc = await confirm(up.body.id);
  expect(doc.status).toBe(201);
  expect(doc.body).toMatchObject({ file_type: 'pdf', file_size: bytes.length, type: 'bank_statement' });
  // Above the payload limit, downloads are a 302 to a presigned GET, which Onfido's client follows.
  expect(bytes.length).toBeGreaterThan(MAX_PAYLOAD_BYTES);
  const redirect = await stack.api(`/v3.6/documents/${doc.body.id}/download`, { redirect: 'manual' });
  expect([redirect.status, new URL(redirect.headers.get('location')!).hostname]).toEqual([302, '127.0.0.1']);
  const onfido = new DefaultApi(new Configuration({ apiToken: stack.apiToken, basePath: `${stack.url}/v3.6` }));
  const file = await onfido.downloadDocument(doc.body.id, { responseType: 'arraybuffer' });
  expect(file.data).toBeInstanceOf(FileTransfer);
  expect(Buffer.from(file.data.buffer).equals(bytes)).toBe(true);
}, 60_000);

it('types a confirmed upload by its bytes: JPEG bytes started as image/png (a browser\'s type, from the file name) are a jpg document', async () => {
  const declared = await begin({ kind: 'documents', file_name: 'a.png', content_type: 'image/png', file_size: fx.jpg.length, fields: { type: 'passport', file_type: 'png' } });
  expect((await post(declared.body.post!, fx.jpg)).status).toBe(204);
  const done = await confirm(declared.body.id);
  expect([done.status, done.body.file_type]).toEqual([201, 'jpg']);
  expect((await stack.api(`/v3.6/documents/${done.body.id}/download`)).headers.get('content-type')).toBe('image/jpeg');
});

it('refuses content whose bytes are not what the kind accepts: 422, and the object is deleted', async () => {
  const fake = await begin({ kind: 'live_photos', file_name: 'selfie.jpg', content_type: 'image/jpeg', file_size: fx.webm.length });
  expect((await post(fake.body.post!, fx.webm)).status).toBe(204);
  const refused = await confirm(fake.body.id);
  expect([refused.status, refused.body.error.type]).toEqual([422, 'validation_error']);
  expect(refused.body.error.fields.file).toEqual(['must be one of jpg, png, pdf (the content is webm)']);
  const again = await confirm(fake.body.id); // the object is gone: nothing to confirm
  expect([again.status, again.body.error.message]).toEqual([409, expect.stringContaining('not stored')]);
  const webp = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1');
  const typed = await begin({ kind: 'documents', file_name: 'a.jpg', content_type: 'image/jpeg', file_size: webp.length, fields: { type: 'passport' } });
  expect((await post(typed.body.post!, webp)).status).toBe(204);
  expect((await confirm(typed.body.id)).body.error.fields.file).toEqual(['must be one of jpg, png, pdf, heic (the content is webp)']);
  const video = await begin({ kind: 'live_videos', file_name: 'v.webm', content_type: 'video/webm', file_size: fx.webm.length });
  expect((await post(video.body.post!, fx.webm)).status).toBe(204);
  expect((await confirm(video.body.id)).body).toMatchObject({ file_type: 'video/webm', file_size: fx.webm.length });
});

it('limits direct uploads to 10 MiB for documents and photos and 50 MiB for videos (413), and checks the form before anything is stored (422)', async () => {
  expect(DIRECT_UPLOAD_BYTES).toEqual({ documents: 10 * MB, live_photos: 10 * MB, live_videos: 50 * MB, motion_captures: 50 * MB });
  for (const [kind, type, size] of [['documents', 'application/pdf', 10 * MB + 1], ['live_photos', 'image/jpeg', 10 * MB + 1], ['motion_captures', 'video/mp4', 50 * MB + 1]] as const) {
    const res = await begin({ kind, file_name: 'f', content_type: type, file_size: size, fields: kind === 'documents' ? { type: 'passport' } : {} });
    expect([res.status, res.body.error]).toEqual([413, { type: 'payload_too_large', message: expect.stringContaining(String(size)), fields: {} }]);
  }
  const video = await begin({ kind: 'live_videos', file_name: 'v.mp4', content_type: 'video/mp4', file_size: 50 * MB });
  expect([video.status, video.body.parts?.length]).toEqual([201, 10]);
  expect((await stack.api(`/v3.6/uploads/${video.body.id}`, { method: 'DELETE' })).status).toBe(204);
  const bad = await begin({ kind: 'documents', file_name: 'f.gif', content_type: 'image/gif', file_size: 10, fields: { type: 'library_card' } });
  expect([bad.status, Object.keys(bad.body.error.fields)]).toEqual([422, ['content_type']]);
  const badType = await begin({ kind: 'documents', file_name: 'f.png', content_type: 'image/png', file_size: 10, fields: { type: 'library_card' } });
  expect([badType.status, Object.keys(badType.body.error.fields)]).toEqual([422, ['type']]);
  const nobody = await begin({ kind: 'live_photos', file_name: 'f.png', content_type: 'image/png', file_size: 10, applicant_id: 'nobody' });
  expect(nobody.status).toBe(404);
});

it('keeps an upload to its run and applicant: another run\'s session or applicant\'s token cannot read, confirm or delete it', async () => {
  const workflow = await t.workflow(CAPTURE());
  const sessionOf = async (run: Run) => {
    const link = /#link=(.+)$/.exec((run.link as { url: string }).url)![1]!;
    const res = await stack.apiJson<{ token: string }>('/v3.6/capture_sessions', { method: 'POST', token: null, json: { link_token: link } });
    return res.body.token;
  };
  const applicant = await t.applicant();
  const [a, b] = [await sessionOf(await t.startRun(workflow, applicant)), await sessionOf(await t.startRun(workflow, applicant))];
  const other = (await stack.apiJson<{ token: string }>('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: await t.applicant() } })).body.token;
  const up = await begin({ applicant_id: applicant, kind: 'live_photos', file_name: 's.png', content_type: 'image/png', file_size: fx.png.length }, { sdkToken: a });
  expect(up.status).toBe(201);
  expect((await begin({ applicant_id: applicant, kind: 'live_photos', file_name: 's.png', content_type: 'image/png', file_size: 1 }, { sdkToken: other })).status).toBe(403);
  expect((await post(up.body.post!, fx.png)).status).toBe(204);
  for (const sdkToken of [b, other]) {
    expect((await status(up.body.id, { sdkToken })).status).toBe(404);
    expect((await confirm(up.body.id, { sdkToken })).body.error).toMatchObject({ type: 'resource_not_found', message: `Could not find the following resource: Upload with id=${up.body.id}` });
    expect((await stack.api(`/v3.6/uploads/${up.body.id}`, { method: 'DELETE', sdkToken })).status).toBe(404);
  }
  const mine = await confirm(up.body.id, { sdkToken: a });
  expect([mine.status, mine.body.file_type]).toEqual([201, 'image/png']);
}, 60_000);

it('discards what was sent once the applicant is to be deleted: no new URLs, no confirm, and the bytes are gone before its purge', async () => {
  const doomed = await t.applicant({ first_name: 'Soon', last_name: 'Gone' });
  const one = await begin({ applicant_id: doomed, kind: 'documents', file_name: 'a.png', content_type: 'image/png', file_size: fx.png.length, fields: { type: 'passport' } });
  const big = await begin({ applicant_id: doomed, kind: 'documents', file_name: 'b.pdf', content_type: 'application/pdf', file_size: PART_BYTES + 10, fields: { type: 'passport' } });
  expect([one.status, big.status]).toEqual([201, 201]);
  expect((await post(one.body.post!, fx.png)).status).toBe(204);
  expect((await put(big.body.parts![0]!.url!, pdf(PART_BYTES + 10).subarray(0, PART_BYTES))).status).toBe(200);
  expect((await stack.apiJson(`/v3.6/applicants/${doomed}`, { method: 'DELETE' })).status).toBe(204);

  const confirmed = await confirm(one.body.id);
  expect([confirmed.status, confirmed.body.error.fields]).toEqual([422, { applicant_id: ['is scheduled for deletion'] }]);
  const renewed = await status(big.body.id);
  expect([renewed.status, renewed.body.parts]).toEqual([422, undefined]);
  // The object and the stored part are gone (not left for a purge that has already read the prefix to miss).
  const s3 = await import('../../lambdas/store/s3');
  expect(await s3.objectSize(`sandbox/${doomed}/documents/${one.body.id}`)).toBeUndefined();
  // The multipart upload is aborted: S3 answers NoSuchUpload, the local S3 no parts.
  expect(await s3.listParts(`sandbox/${doomed}/documents/${big.body.id}`, (await findUpload(big.body.id))!.upload_id!).catch(() => [])).toEqual([]);
});
