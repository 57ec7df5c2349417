/**
 * Media (documents, live photos, live videos, motion captures): bytes in S3, metadata in one
 * item each (`keys.media`), listed per applicant and kind through gsi1 in upload order.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { notFound } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import type { Environment } from './applicants';
import { pageOfIndex } from './paging';
import { getObject, mediaObjectKey, putObject } from './s3';
import { createdKey, keys } from './table';

export const MEDIA_KINDS = {
  documents: { label: 'Document', accepts: ['jpg', 'png', 'pdf', 'heic'] },
  /** Onfido v3.6: jpg, png and pdf (a PDF is read as its first page's picture by the face checks). */
  live_photos: { label: 'LivePhoto', accepts: ['jpg', 'png', 'pdf'] },
  live_videos: { label: 'LiveVideo', accepts: ['mp4', 'mov', 'webm'] },
  motion_captures: { label: 'MotionCapture', accepts: ['mp4', 'mov', 'webm'] },
} as const;
export type MediaKind = keyof typeof MEDIA_KINDS;

/** What the capture client reports of its device (multipart field `device`, a JSON object). */
export const ClientDevice = z.object({
  webdriver: z.boolean().optional(), platform: z.string().max(100).optional(),
  max_touch_points: z.number().int().min(0).max(1000).optional(), gpu_renderer: z.string().max(300).optional(),
});
/** Recorded with every upload: who sent it (API or SDK token), from where, with what. */
export const UploadDevice = ClientDevice.extend({
  caller: z.enum(['api', 'sdk']), source_ip: z.string().max(100).optional(), user_agent: z.string().max(1000).optional(),
});
export type UploadDevice = z.infer<typeof UploadDevice>;

/** Metadata of one upload. `details` holds what only some kinds have (document type, side...). */
export interface MediaMeta {
  id: string; kind: MediaKind; environment: Environment; applicant_id: string; created_at: string;
  file_name: string; file_type: string; file_size: number; content_type: string; object_key: string;
  details: Record<string, unknown>; device?: UploadDevice;
  /** The run whose capture session uploaded it (an SDK token of a run's link): only that session sees it. */
  run_id?: string;
}
export interface NewMedia {
  kind: MediaKind; environment: Environment; applicantId: string; runId?: string;
  fileName: string; fileType: string; contentType: string; bytes: Buffer; details?: Record<string, unknown>; device?: UploadDevice;
}

const table = () => config().TABLE_NAME;

export async function saveMedia(m: NewMedia, rt: Runtime = systemRuntime): Promise<MediaMeta> {
  const id = rt.newId();
  const objectKey = mediaObjectKey(m.environment, m.applicantId, m.kind, id);
  // Bytes first: an item never points at an object that is not there.
  await putObject(objectKey, m.bytes, m.contentType);
  const { bytes, ...rest } = m;
  return recordMedia({ ...rest, id, objectKey, fileSize: bytes.length }, rt);
}

/** An object already in S3 (a direct upload, checked by the API) becomes the media item `id`. */
export interface StoredMedia extends Omit<NewMedia, 'bytes'> { id: string; objectKey: string; fileSize: number }

/** Writes the media item of an object that is stored (once: a second write of the same id is refused by DynamoDB). */
export async function recordMedia(m: StoredMedia, rt: Runtime = systemRuntime): Promise<MediaMeta> {
  const meta: MediaMeta = {
    id: m.id, kind: m.kind, environment: m.environment, applicant_id: m.applicantId, created_at: isoSeconds(rt.now()),
    file_name: m.fileName, file_type: m.fileType, file_size: m.fileSize, content_type: m.contentType,
    object_key: m.objectKey, details: m.details ?? {}, ...(m.device ? { device: m.device } : {}), ...(m.runId ? { run_id: m.runId } : {}),
  };
  await clients().doc.send(new PutCommand({
    TableName: table(), ConditionExpression: 'attribute_not_exists(pk)',
    Item: { ...keys.media(m.id), gsi1pk: keys.mediaOfApplicant(m.applicantId, m.kind), gsi1sk: createdKey(meta.created_at, m.id), ...meta },
  }));
  return meta;
}

/** The metadata, or 404 when the id is unknown, of another kind, or of the other environment. */
export async function getMedia(id: string, kind: MediaKind, environment: Environment): Promise<MediaMeta> {
  const meta = await findMedia(id);
  if (!meta || meta.kind !== kind || meta.environment !== environment) throw notFound(MEDIA_KINDS[kind].label, id);
  return meta;
}

export async function listMedia(applicantId: string, kind: MediaKind): Promise<MediaMeta[]> {
  const index = { name: 'gsi1', pk: 'gsi1pk', value: keys.mediaOfApplicant(applicantId, kind) };
  const page = await pageOfIndex(index, { offset: 0, limit: Number.MAX_SAFE_INTEGER, newestFirst: false });
  return page.items.map(toMeta);
}

export const readMediaBytes = (meta: MediaMeta): Promise<Buffer> => getObject(meta.object_key);

/**
 * For the report handler: one upload and its bytes, whatever its kind or environment (the
 * state machine already scoped the run). Throws a 404 ApiError when the id is unknown.
 */
export async function loadMedia(id: string): Promise<{ meta: MediaMeta; bytes: Buffer }> {
  const meta = await findMedia(id);
  if (!meta) throw notFound('Media', id);
  return { meta, bytes: await readMediaBytes(meta) };
}

export async function findMedia(id: string): Promise<MediaMeta | undefined> {
  const out = await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.media(id) }));
  return out.Item ? toMeta(out.Item) : undefined;
}

function toMeta(item: Record<string, unknown>): MediaMeta {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, ...rest } = item;
  return rest as unknown as MediaMeta;
}
