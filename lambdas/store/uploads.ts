/**
 * Direct uploads to S3 (api/routes/uploads.ts): one item per upload, `UPLOAD#<id>`, holding what
 * the client declared and the caller it belongs to, until it is confirmed (then the media item
 * of the same id exists) or DynamoDB's TTL removes it a day later (the bucket aborts incomplete
 * multipart uploads after a day too). Listed per applicant on gsi1 (`keys.uploadsOfApplicant`), so
 * that its purge and its runs' retention find the ones still there (store/uploads-of.ts). The object key is the media key of that id,
 * `<environment>/<applicant_id>/<kind>/<id>`, chosen here: a client never names a key. A form
 * upload (`post`) is sent to its staging key instead (`stagingKey`), the only key its presigned
 * policy names (for 15 minutes), and the confirm moves it to the media key, which no URL names:
 * nothing sent with the policy afterwards reaches the media. (A multipart upload's part URLs name
 * its S3 upload id, which the confirm's CompleteMultipartUpload ends.)
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { MEDIA_KINDS, type MediaKind } from './media';
import { mediaObjectKey, mediaPrefix } from './s3';
import { createdKey, keys } from './table';

export const UPLOAD_TTL_SECONDS = 24 * 60 * 60;

export const UploadItem = z.object({
  id: z.string(), kind: z.enum(Object.keys(MEDIA_KINDS) as [MediaKind, ...MediaKind[]]), environment: z.enum(['sandbox', 'live']),
  applicant_id: z.string(), run_id: z.string().optional(), created_at: z.string(), object_key: z.string(),
  file_name: z.string(), content_type: z.string(), file_size: z.number().int().positive(),
  /** `post`: one form upload; `multipart`: parts of `part_size` bytes (the last one shorter), S3's `upload_id`. */
  method: z.enum(['post', 'multipart']), part_size: z.number().int().positive().optional(), upload_id: z.string().optional(),
  /** The media form's fields (validated when the upload started), kept for the media item. */
  fields: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'confirmed']),
});
export type UploadItem = z.infer<typeof UploadItem>;
export type NewUpload = Omit<UploadItem, 'id' | 'created_at' | 'object_key' | 'status' | 'upload_id'>;

const table = () => config().TABLE_NAME;

/** Where the form uploads a run's token starts are staged (`applicant`: those of API tokens and the applicant's SDK tokens). */
export const stagingPrefix = (environment: string, applicantId: string, runId: string | undefined) =>
  `${mediaPrefix(environment, applicantId)}uploads/${runId ?? 'applicant'}/`;
/** The key a form upload's policy names: `<environment>/<applicant_id>/uploads/<run id or applicant>/<id>`, under the applicant's prefix (its purge deletes it). */
export const stagingKey = (u: Pick<UploadItem, 'environment' | 'applicant_id' | 'run_id' | 'id'>) =>
  `${stagingPrefix(u.environment, u.applicant_id, u.run_id)}${u.id}`;

/** A new upload's item (not written yet: `putUpload` once S3 knows it). */
export function newUpload(u: NewUpload, rt: Runtime = systemRuntime): UploadItem {
  const id = rt.newId();
  return { ...u, id, created_at: isoSeconds(rt.now()), object_key: mediaObjectKey(u.environment, u.applicant_id, u.kind, id), status: 'pending' };
}

export async function putUpload(u: UploadItem, rt: Runtime = systemRuntime): Promise<void> {
  await clients().doc.send(new PutCommand({
    TableName: table(), ConditionExpression: 'attribute_not_exists(pk)',
    Item: {
      ...keys.upload(u.id), gsi1pk: keys.uploadsOfApplicant(u.applicant_id), gsi1sk: createdKey(u.created_at, u.id),
      ...u, expires_at_epoch: Math.floor(rt.now().getTime() / 1000) + UPLOAD_TTL_SECONDS,
    },
  }));
}

export async function findUpload(id: string): Promise<UploadItem | undefined> {
  const out = await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.upload(id), ConsistentRead: true }));
  return out.Item ? UploadItem.parse(out.Item) : undefined;
}

export async function markConfirmed(id: string): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.upload(id), UpdateExpression: 'SET #s = :c', ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':c': 'confirmed' }, ConditionExpression: 'attribute_exists(pk)',
  }));
}
