/** Documents, live photos, live videos and motion captures against the local stack. */
import { createApiToken } from '../../lambdas/api/auth';
import { DOWNLOAD_URL_SECONDS, MAX_PAYLOAD_BYTES } from '../../lambdas/api/limits';
import { saveMedia } from '../../lambdas/store/media';
import { startTestStack, type TestStack } from '../helpers/stack';
import { form, makeMediaFixtures, type MediaFixtures } from './media-fixtures';

interface Media { id: string; href: string; download_href: string; file_name: string; file_type: string; file_size: number; created_at: string; [k: string]: unknown }
interface ErrorBody { error: { type: string; message: string; fields: Record<string, string[]> } }

let stack: TestStack;
let fx: MediaFixtures;
let applicantId: string;
beforeAll(async () => {
  [stack, fx] = await Promise.all([startTestStack(), makeMediaFixtures()]);
  applicantId = (await stack.apiJson<{ id: string }>('/v3.6/applicants', { method: 'POST', json: { first_name: 'Ana', last_name: 'Ruiz' } })).body.id;
});
afterAll(() => stack.stop());

const post = (kind: string, body: FormData, auth: { sdkToken?: string; token?: string } = {}) =>
  stack.apiJson<Media & ErrorBody>(`/v3.6/${kind}`, { method: 'POST', body, ...auth });

describe('documents', () => {
  it('uploads, finds, lists and downloads a document with every field', async () => {
    const up = await post('documents', form({
      applicant_id: applicantId, type: 'passport', side: 'front', issuing_country: 'FRA', file_type: 'png',
      validate_image_quality: 'false', location: JSON.stringify({ ip_address: '81.2.69.160', country_of_residence: 'FRA' }),
    }, { bytes: fx.png, name: 'passport.png', type: 'image/png' }));
    expect(up.status).toBe(201);
    const id = up.body.id;
    expect(up.body).toEqual({
      id, created_at: expect.stringMatching(/Z$/), href: `/v3.6/documents/${id}`, download_href: `/v3.6/documents/${id}/download`,
      file_name: 'passport.png', file_type: 'png', file_size: fx.png.length, type: 'passport', side: 'front', issuing_country: 'FRA', applicant_id: applicantId,
    });
    expect((await stack.apiJson(`/v3.6/documents/${id}`)).body).toEqual(up.body);
    expect((await stack.apiJson<{ documents: Media[] }>(`/v3.6/documents?applicant_id=${applicantId}`)).body.documents).toContainEqual(up.body);
    const download = await stack.api(`/v3.6/documents/${id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="passport.png"');
    expect(Buffer.from(await download.arrayBuffer()).equals(fx.png)).toBe(true);
  });

  it.each(['diplomatic_id', 'travel_document'])('takes the document type %s of Onfido\'s list', async (type) => {
    const up = await post('documents', form({ applicant_id: applicantId, type, issuing_country: 'RKS' }, { bytes: fx.png, name: 'id.png' }));
    expect([up.status, up.body]).toEqual([201, expect.objectContaining({ type, issuing_country: 'RKS' })]);
  });

  it('answers null for a document\'s absent side and issuing_country, as Onfido does', async () => {
    const up = await post('documents', form({ applicant_id: applicantId, type: 'passport' }, { bytes: fx.png, name: 'p.png' }));
    expect(up.body).toMatchObject({ side: null, issuing_country: null });
    expect((await stack.apiJson(`/v3.6/documents/${up.body.id}`)).body).toMatchObject({ side: null, issuing_country: null });
  });

  it('takes a PDF sent as application/octet-stream, typed by its bytes', async () => {
    const up = await post('documents', form({ applicant_id: applicantId, type: 'utility_bill' }, { bytes: fx.pdf, name: 'bill.pdf' }));
    expect(up.body).toMatchObject({ file_type: 'pdf', type: 'utility_bill' });
    expect((await stack.api(`/v3.6/documents/${up.body.id}/download`)).headers.get('content-type')).toBe('application/pdf');
  });

  it('types the file by its bytes only: PNG bytes sent as image/jpeg with file_type pdf are a png document', async () => {
    const up = await post('documents', form({ applicant_id: applicantId, type: 'passport', file_type: 'pdf' }, { bytes: fx.png, name: 'scan.jpg', type: 'image/jpeg' }));
    expect([up.status, up.body.file_type]).toEqual([201, 'png']);
    expect((await stack.api(`/v3.6/documents/${up.body.id}/download`)).headers.get('content-type')).toBe('image/png');
  });

  it.each([
    ['an unknown document type', { type: 'library_card' }, { bytes: 'png' }, 'type'],
    ['a bad side and country', { side: 'top', issuing_country: 'FR' }, { bytes: 'png' }, 'issuing_country,side'],
    ['location that is not JSON', { location: '{ip' }, { bytes: 'png' }, 'location'],
    ['no file', {}, undefined, 'file'],
    ['a GIF', {}, { raw: Buffer.from('GIF89a....') }, 'file'],
  ] as const)('answers 422 validation_error for %s', async (_name, extra, file, fields) => {
    const bytes = file && ('raw' in file ? file.raw : fx.png);
    const res = await post('documents', form({ applicant_id: applicantId, type: 'passport', ...extra },
      bytes ? { bytes, name: 'f' } : undefined));
    expect([res.status, res.body.error.type]).toEqual([422, 'validation_error']);
    expect(Object.keys(res.body.error.fields).sort().join(',')).toBe(fields);
  });

  it('answers 415 for JSON, 413 above what fits Lambda\'s payload, 404 for an unknown applicant or document', async () => {
    const json = await stack.apiJson<ErrorBody>('/v3.6/documents', { method: 'POST', json: { applicant_id: applicantId } });
    expect([json.status, json.body.error.type]).toEqual([415, 'unsupported_media_type']);
    // Under Onfido's 10 MB, over the one limit of both modes (6 MB Lambda payload, base64).
    expect(MAX_PAYLOAD_BYTES).toBeLessThan(((6 * 1024 * 1024) * 3) / 4);
    const big = Buffer.concat([fx.png, Buffer.alloc(MAX_PAYLOAD_BYTES)]);
    const tooBig = await post('documents', form({ applicant_id: applicantId, type: 'passport' }, { bytes: big, name: 'big.png' }));
    expect([tooBig.status, tooBig.body.error.type]).toEqual([413, 'payload_too_large']);
    expect(tooBig.body.error).toEqual({ type: 'payload_too_large', message: expect.stringContaining(String(MAX_PAYLOAD_BYTES)), fields: {} });
    const fits = await post('documents', form({ applicant_id: applicantId, type: 'passport' }, { bytes: Buffer.concat([fx.png, Buffer.alloc(4 * 1024 * 1024)]), name: 'fits.png' }));
    expect(fits.status).toBe(201);
    const noApplicant = await post('documents', form({ applicant_id: 'nobody', type: 'passport' }, { bytes: fx.png, name: 'p.png' }));
    expect(noApplicant.body.error.message).toBe('Could not find the following resource: Applicant with id=nobody');
    for (const path of ['/v3.6/documents/nothing', '/v3.6/documents/nothing/download']) {
      const res = await stack.apiJson<ErrorBody>(path);
      expect([res.status, res.body.error.message]).toEqual([404, 'Could not find the following resource: Document with id=nothing']);
    }
    const list = await stack.apiJson<ErrorBody>('/v3.6/documents');
    expect([list.status, Object.keys(list.body.error.fields)]).toEqual([422, ['applicant_id']]);
  });

  it('downloads a stored file above the payload limit through a presigned GET (302)', async () => {
    const bytes = Buffer.concat([fx.png, Buffer.alloc(MAX_PAYLOAD_BYTES, 7)]);
    const meta = await saveMedia({ kind: 'documents', environment: 'sandbox', applicantId, fileName: 'scan big.png', fileType: 'png', contentType: 'image/png', bytes, details: { type: 'passport' } });
    const res = await stack.api(`/v3.6/documents/${meta.id}/download`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.hostname).toBe('127.0.0.1');
    expect(location.searchParams.get('X-Amz-Expires')).toBe(String(DOWNLOAD_URL_SECONDS));
    const object = await fetch(location);
    expect(object.status).toBe(200);
    expect(Buffer.from(await object.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('live photos, live videos, motion captures', () => {
  it('uploads a live photo (MIME file_type) that is not a document', async () => {
    const up = await post('live_photos', form({ applicant_id: applicantId, advanced_validation: 'true' }, { bytes: fx.jpg, name: 'selfie.jpg', type: 'image/jpeg' }));
    expect(up.status).toBe(201);
    expect(up.body).toEqual({
      id: up.body.id, created_at: up.body.created_at, href: `/v3.6/live_photos/${up.body.id}`, download_href: `/v3.6/live_photos/${up.body.id}/download`,
      file_name: 'selfie.jpg', file_type: 'image/jpeg', file_size: fx.jpg.length,
    });
    expect((await stack.apiJson<{ live_photos: Media[] }>(`/v3.6/live_photos?applicant_id=${applicantId}`)).body.live_photos).toEqual([up.body]);
    expect((await stack.apiJson(`/v3.6/documents/${up.body.id}`)).status).toBe(404);
    const video = await post('live_photos', form({ applicant_id: applicantId }, { bytes: fx.webm, name: 'x.webm' }));
    expect([video.status, video.body.error.fields.file]).toEqual([422, ['must be one of jpg, png, pdf (the content is webm)']]);
  });

  it('takes a live photo sent as a PDF (Onfido: jpg, png and pdf), finds it and downloads its bytes', async () => {
    const up = await post('live_photos', form({ applicant_id: applicantId }, { bytes: fx.pdf, name: 'selfie.pdf', type: 'application/pdf' }));
    expect([up.status, up.body.file_type, up.body.file_size]).toEqual([201, 'application/pdf', fx.pdf.length]);
    expect((await stack.apiJson(`/v3.6/live_photos/${up.body.id}`)).body).toEqual(up.body);
    const download = await stack.api(`/v3.6/live_photos/${up.body.id}/download`);
    expect([download.status, download.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await download.arrayBuffer()).equals(fx.pdf)).toBe(true);
  });

  it('takes videos from the capture client with an SDK token and serves their first frame', async () => {
    const sdkToken = (await stack.apiJson<{ token: string }>('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: applicantId } })).body.token;
    const video = await post('live_videos', form({ applicant_id: applicantId, challenge: JSON.stringify([{ type: 'recite', query: [1, 2, 3] }]) }, { bytes: fx.webm, name: 'face.webm', type: 'video/webm' }), { sdkToken });
    expect(video.status).toBe(201);
    expect(video.body).toMatchObject({ file_type: 'video/webm', challenge: [{ type: 'recite', query: [1, 2, 3] }] });
    const motion = await post('motion_captures', form({ applicant_id: applicantId }, { bytes: fx.mp4, name: 'motion.mp4' }));
    expect(motion.body).toMatchObject({ file_type: 'video/mp4', file_size: fx.mp4.length });
    for (const [kind, id] of [['live_videos', video.body.id], ['motion_captures', motion.body.id]]) {
      const frame = await stack.api(`/v3.6/${kind}/${id}/frame`, { sdkToken });
      expect([frame.status, frame.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
      expect(Buffer.from(await frame.arrayBuffer()).subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    }
    expect((await stack.apiJson<{ motion_captures: Media[] }>(`/v3.6/motion_captures?applicant_id=${applicantId}`, { sdkToken })).body.motion_captures).toEqual([motion.body]);
  });

  it('answers 422 with a clear message when a video has no decodable frame', async () => {
    const broken = Buffer.concat([fx.webm.subarray(0, 40), Buffer.alloc(2000, 7)]);
    const up = await post('motion_captures', form({ applicant_id: applicantId }, { bytes: broken, name: 'broken.webm' }));
    const frame = await stack.apiJson<ErrorBody>(`/v3.6/motion_captures/${up.body.id}/frame`);
    expect([frame.status, frame.body.error.message]).toEqual([422, `No frame could be decoded from MotionCapture ${up.body.id} (video/webm)`]);
  });
});

describe('access', () => {
  it('keeps media in its environment and an SDK token on its own applicant', async () => {
    const doc = await post('documents', form({ applicant_id: applicantId, type: 'passport' }, { bytes: fx.png, name: 'p.png' }));
    const live = await createApiToken('live');
    expect((await stack.apiJson(`/v3.6/documents/${doc.body.id}`, { token: live })).status).toBe(404);
    expect((await stack.apiJson(`/v3.6/documents/${doc.body.id}/download`, { token: live })).status).toBe(404);
    expect((await stack.apiJson(`/v3.6/documents?applicant_id=${applicantId}`, { token: live })).status).toBe(404);
    expect((await post('documents', form({ applicant_id: applicantId, type: 'passport' }, { bytes: fx.png, name: 'p.png' }), { token: live })).status).toBe(404);

    const other = (await stack.apiJson<{ id: string }>('/v3.6/applicants', { method: 'POST', json: { first_name: 'O', last_name: 'T' } })).body.id;
    const sdkToken = (await stack.apiJson<{ token: string }>('/v3.6/sdk_token', { method: 'POST', json: { applicant_id: other } })).body.token;
    expect((await stack.apiJson(`/v3.6/documents/${doc.body.id}`, { sdkToken })).status).toBe(403);
    expect((await stack.apiJson(`/v3.6/documents?applicant_id=${applicantId}`, { sdkToken })).status).toBe(403);
    expect((await post('live_photos', form({ applicant_id: applicantId }, { bytes: fx.jpg, name: 's.jpg' }), { sdkToken })).status).toBe(403);
    expect((await post('live_photos', form({ applicant_id: other }, { bytes: fx.jpg, name: 's.jpg' }), { sdkToken })).status).toBe(201);
  });
});
