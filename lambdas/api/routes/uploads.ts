/**
 * Direct uploads to S3 (an extension; the capture page uses them): the bytes go from the browser
 * to the media bucket, never through Lambda (whose 6 MB payload caps the multipart endpoints).
 *  - `POST /v3.6/uploads` `{ kind, applicant_id, file_name, content_type, file_size, fields }`:
 *    a presigned POST (up to 5 MB: one request, retried whole) or a multipart upload with a
 *    presigned PUT per part (larger files), with the content type and exact size as conditions.
 *  - `GET /v3.6/uploads/{id}`: which parts S3 holds, and new URLs for the others (resume).
 *  - `POST /v3.6/uploads/{id}/confirm`: the stored object is checked (size, type sniffed from
 *    its bytes, whatever `content_type` said) and becomes the document / live photo / live video / motion capture `id`, as
 *    the multipart endpoints make them; a mismatch is a 422 and the object is deleted. A form
 *    upload's file is first moved from its staging key (the one its policy names) to the media
 *    key, which no URL names, and checked there: the policy, still valid for some minutes, can
 *    never replace a confirmed file (store/uploads.ts).
 *  - `DELETE /v3.6/uploads/{id}`: abandons it (the parts or object are deleted).
 * Access as the media routes: API tokens of the environment, SDK tokens of the applicant; an
 * upload started by a capture session belongs to that session's run.
 */
import { z } from 'zod';
import { ApiError, conflict, notFound, payloadTooLarge, validationError } from '../../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../../shared/ids';
import { MEDIA_KINDS, findMedia, recordMedia, type MediaKind } from '../../store/media';
import * as s3 from '../../store/s3';
import { findUpload, markConfirmed, newUpload, putUpload, stagingKey, type UploadItem } from '../../store/uploads';
import { json, noContent, type Request, type Response } from '../http';
import { DIRECT_UPLOAD_BYTES, PART_BYTES, SINGLE_POST_BYTES, UPLOAD_URL_SECONDS } from '../limits';
import { detectFileType, sameFileType, type FileType } from '../multipart';
import type { Router } from '../router';
import { parseJsonBody, parseWith } from '../validate';
import { activeApplicant, fileTypeProblem, mediaBody, mediaFields, newMediaOf } from './media';

const KINDS = Object.keys(MEDIA_KINDS) as [MediaKind, ...MediaKind[]];
const StartUpload = z.object({
  kind: z.enum(KINDS), applicant_id: z.string().min(1).max(100), file_name: z.string().min(1).max(255),
  content_type: z.string().min(1).max(100), file_size: z.number().int().positive(),
  /** The other text fields of the kind's multipart form (`type`, `side`, `device`, ...), as strings. */
  fields: z.record(z.string(), z.string()).default({}),
}).strict();
/** Enough of the start of a file to tell its type (detectFileType). */
const SNIFF_BYTES = 64;
const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf', heic: 'image/heic', mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm' };

/** `rt`: the clock and ids of new uploads (tests inject one). */
export function addUploadRoutes(router: Router, rt: Runtime = systemRuntime): void {
  router.add('POST', '/v3.6/uploads', 'api_or_sdk', (req) => start(req, rt));
  router.add('GET', '/v3.6/uploads/{id}', 'api_or_sdk', async (req) => {
    const u = await visibleUpload(req);
    // No new URLs once the applicant is to be deleted: what was sent is discarded, so nothing lands after its purge.
    if (u.status === 'pending') await applicantStillActive(req, u);
    return json(200, await describe(u, rt));
  });
  router.add('POST', '/v3.6/uploads/{id}/confirm', 'api_or_sdk', confirm);
  router.add('DELETE', '/v3.6/uploads/{id}', 'api_or_sdk', async (req) => {
    const u = await visibleUpload(req);
    if (u.status === 'confirmed') throw conflict(`Upload ${u.id} is confirmed: delete the media instead`);
    await discard(u);
    return noContent();
  });
}

async function start(req: Request, rt: Runtime): Promise<Response> {
  const body = parseJsonBody(StartUpload, req.body);
  const { kind, file_size: size } = body;
  const accepts: readonly string[] = MEDIA_KINDS[kind].accepts;
  const ext = accepts.find((e) => sameFileType(body.content_type, { ext: e as FileType['ext'], mime: MIME[e]! }));
  if (!ext) throw validationError('There was a validation error on this request', { content_type: [`must be one of ${accepts.map((e) => MIME[e]).join(', ')}`] });
  const limit = DIRECT_UPLOAD_BYTES[kind];
  if (size > limit) throw payloadTooLarge(`The file is ${size} bytes; ${kind} may be at most ${limit} bytes (${limit / 2 ** 20} MiB)`);
  mediaFields(kind, { ...body.fields, applicant_id: body.applicant_id }); // the form's own checks, now rather than at confirm
  await activeApplicant(req, body.applicant_id);
  const single = size <= SINGLE_POST_BYTES;
  const u = newUpload({
    kind, environment: req.caller.environment, applicant_id: body.applicant_id, ...(req.caller.kind === 'sdk' && req.caller.runId ? { run_id: req.caller.runId } : {}),
    file_name: body.file_name, content_type: MIME[ext]!, file_size: size, method: single ? 'post' : 'multipart',
    ...(single ? {} : { part_size: PART_BYTES }), fields: body.fields,
  }, rt);
  const item: UploadItem = single ? u : { ...u, upload_id: await s3.startMultipart(u.object_key, u.content_type) };
  await putUpload(item, rt);
  return json(201, await describe(item, rt));
}

/** The upload as the client sees it, with URLs for what is still to send. */
async function describe(u: UploadItem, rt: Runtime) {
  const base = { id: u.id, kind: u.kind, status: u.status, file_name: u.file_name, content_type: u.content_type, file_size: u.file_size, method: u.method };
  const expires_at = isoSeconds(new Date(rt.now().getTime() + UPLOAD_URL_SECONDS * 1000));
  if (u.status === 'confirmed') return { ...base, href: `/v3.6/${u.kind}/${u.id}` };
  if (u.method === 'post') {
    const post = await s3.presignedPost(stagingKey(u), { contentType: u.content_type, size: u.file_size, seconds: UPLOAD_URL_SECONDS });
    return { ...base, expires_at, post };
  }
  const stored = new Map((await s3.listParts(u.object_key, u.upload_id!)).map((p) => [p.partNumber, p]));
  const parts = await Promise.all(expectedParts(u).map(async ({ partNumber, size }) => {
    const done = stored.get(partNumber)?.size === size;
    return { part_number: partNumber, size, stored: done, ...(done ? {} : { url: await s3.presignedPart(u.object_key, u.upload_id!, { partNumber, size, seconds: UPLOAD_URL_SECONDS }) }) };
  }));
  return { ...base, expires_at, part_size: u.part_size, parts };
}

function expectedParts(u: UploadItem): Array<{ partNumber: number; size: number }> {
  const partSize = u.part_size ?? u.file_size;
  return Array.from({ length: Math.ceil(u.file_size / partSize) }, (_, i) => ({ partNumber: i + 1, size: Math.min(partSize, u.file_size - i * partSize) }));
}

async function confirm(req: Request): Promise<Response> {
  const u = await visibleUpload(req);
  if (u.status === 'confirmed') {
    const done = await findMedia(u.id);
    // Its media purged since: nothing is made again (whatever the policy sent to the staging key since).
    if (!done) throw notFound('Upload', u.id);
    return json(201, mediaBody(done));
  }
  // Copied only when the media key holds nothing yet: a confirm at the same time, or one whose
  // answer was lost, moved the file already, and what the policy sent since is deleted unread.
  if (u.method === 'post') await s3.moveUnlessPresent(stagingKey(u), u.object_key);
  let size = await s3.objectSize(u.object_key);
  if (size === undefined && u.method === 'multipart') {
    const stored = await s3.listParts(u.object_key, u.upload_id!);
    const missing = expectedParts(u).filter((p) => stored.find((s) => s.partNumber === p.partNumber)?.size !== p.size).map((p) => p.partNumber);
    if (missing.length) throw conflict(`Parts ${missing.join(', ')} of upload ${u.id} are not stored yet: send them, then confirm`);
    await s3.completeMultipart(u.object_key, u.upload_id!, stored.filter((s) => s.partNumber <= expectedParts(u).length));
    size = await s3.objectSize(u.object_key);
  }
  if (size === undefined) throw conflict(`The file of upload ${u.id} is not stored yet: send it, then confirm`);
  const type = size === u.file_size ? detectFileType(await s3.objectStart(u.object_key, SNIFF_BYTES)) : undefined;
  const problem = size !== u.file_size ? `is ${size} bytes, not the ${u.file_size} bytes declared`
    : fileTypeProblem(u.kind, type);
  if (problem || !type) {
    await s3.deleteObject(u.object_key);
    throw validationError('There was a validation error on this request', { file: [problem ?? 'has an unknown type'] });
  }
  const fields = mediaFields(u.kind, { ...u.fields, applicant_id: u.applicant_id });
  await applicantStillActive(req, u);
  const meta = await recordMedia({ ...newMediaOf(u.kind, req, fields, type, u.file_name), id: u.id, objectKey: u.object_key, fileSize: size })
    .catch(async (e: unknown) => {
      const other = (e as Error).name === 'ConditionalCheckFailedException' ? await findMedia(u.id) : undefined; // a confirm running at the same time
      if (!other) throw e;
      return other;
    });
  await markConfirmed(u.id);
  return json(201, mediaBody(meta));
}

/** The upload when the caller may see it: its environment, and for an SDK token its applicant (and run). 404 otherwise. */
async function visibleUpload(req: Request): Promise<UploadItem> {
  const { id } = parseWith(z.object({ id: z.string().min(1).max(100) }), req.params, 'path');
  const u = await findUpload(id);
  const c = req.caller;
  const mine = u && u.environment === c.environment
    && (c.kind === 'api' || (u.applicant_id === c.applicantId && (c.runId === undefined || u.run_id === c.runId)));
  if (!mine) throw notFound('Upload', id);
  return u;
}

/** The upload's applicant, unless it is gone or scheduled for deletion: then the upload's bytes are discarded and the 4xx thrown. */
async function applicantStillActive(req: Request, u: UploadItem): Promise<void> {
  try {
    await activeApplicant(req, u.applicant_id);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) await discard(u);
    throw e;
  }
}

async function discard(u: UploadItem): Promise<void> {
  if (u.upload_id) await s3.abortMultipart(u.object_key, u.upload_id);
  if (u.method === 'post') await s3.deleteObject(stagingKey(u));
  await s3.deleteObject(u.object_key);
}
