/**
 * Media bytes in the private bucket, encrypted at rest with the bucket's default encryption (in
 * AWS: SSE-KMS with the stack's data key, so no header here may override it). The database holds
 * only the metadata and the object key, `<environment>/<applicant_id>/<kind>/<id>`.
 */
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand,
  HeadObjectCommand, ListPartsCommand, PutObjectCommand, S3ServiceException, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clients } from '../shared/aws';
import { config } from '../shared/config';

export { mediaObjectKey, mediaPrefix } from './object-keys';

export async function putObject(key: string, bytes: Buffer, contentType: string): Promise<void> {
  await clients().s3.send(new PutObjectCommand({ Bucket: config().BUCKET_NAME, Key: key, Body: bytes, ContentType: contentType }));
}

export async function getObject(key: string): Promise<Buffer> {
  const out = await clients().s3.send(new GetObjectCommand({ Bucket: config().BUCKET_NAME, Key: key }));
  if (!out.Body) throw new Error(`S3 object ${key} has no body`);
  return Buffer.from(await out.Body.transformToByteArray());
}

/** A GET URL of the object that works for `seconds`, answering with the given type and file name. */
export function presignedGet(key: string, p: { contentType: string; fileName: string; seconds: number }): Promise<string> {
  return getSignedUrl(clients().s3, new GetObjectCommand({
    Bucket: config().BUCKET_NAME, Key: key, ResponseContentType: p.contentType, ResponseContentDisposition: `attachment; filename="${p.fileName}"`,
  }), { expiresIn: p.seconds });
}

/**
 * A browser form upload (POST object) of exactly one file to `key`: the policy pins the key, the
 * Content-Type and the size (`size` bytes exactly), for `seconds`.
 */
export function presignedPost(key: string, p: { contentType: string; size: number; seconds: number }): Promise<{ url: string; fields: Record<string, string> }> {
  return createPresignedPost(clients().s3, {
    Bucket: config().BUCKET_NAME, Key: key, Expires: p.seconds, Fields: { 'Content-Type': p.contentType },
    Conditions: [['content-length-range', p.size, p.size], ['eq', '$Content-Type', p.contentType]],
  });
}

/** Starts a multipart upload of `key`; its UploadId. */
export async function startMultipart(key: string, contentType: string): Promise<string> {
  const out = await clients().s3.send(new CreateMultipartUploadCommand({ Bucket: config().BUCKET_NAME, Key: key, ContentType: contentType }));
  if (!out.UploadId) throw new Error(`S3 started no multipart upload for ${key}`);
  return out.UploadId;
}

/** A PUT URL for one part of exactly `size` bytes (Content-Length is signed), for `seconds`. */
export function presignedPart(key: string, uploadId: string, p: { partNumber: number; size: number; seconds: number }): Promise<string> {
  return getSignedUrl(clients().s3, new UploadPartCommand({
    Bucket: config().BUCKET_NAME, Key: key, UploadId: uploadId, PartNumber: p.partNumber, ContentLength: p.size,
  }), { expiresIn: p.seconds, signableHeaders: new Set(['content-length']) });
}

export interface StoredPart { partNumber: number; etag: string; size: number }

/** The parts S3 holds of a multipart upload (every page); none once it was completed or aborted. */
export async function listParts(key: string, uploadId: string): Promise<StoredPart[]> {
  const parts: StoredPart[] = [];
  for (let marker: string | undefined; ;) {
    let out;
    try {
      out = await clients().s3.send(new ListPartsCommand({ Bucket: config().BUCKET_NAME, Key: key, UploadId: uploadId, ...(marker ? { PartNumberMarker: marker } : {}) }));
    } catch (e) {
      if (e instanceof S3ServiceException && e.name === 'NoSuchUpload') return [];
      throw e;
    }
    for (const p of out.Parts ?? []) if (p.PartNumber && p.ETag) parts.push({ partNumber: p.PartNumber, etag: p.ETag, size: p.Size ?? 0 });
    if (!out.IsTruncated || !out.NextPartNumberMarker) return parts;
    marker = out.NextPartNumberMarker;
  }
}

/**
 * Completes the multipart upload unless an object is at `key` already (`If-None-Match: *`: 412 when
 * there is one, 409 while another such write to it is under way). Done all the same when that
 * condition fails or the upload is gone (NoSuchUpload: another request completed or aborted it):
 * the caller reads what is at `key`.
 */
export async function completeMultipart(key: string, uploadId: string, parts: StoredPart[]): Promise<void> {
  try {
    await clients().s3.send(new CompleteMultipartUploadCommand({
      Bucket: config().BUCKET_NAME, Key: key, UploadId: uploadId, IfNoneMatch: '*',
      MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
    }));
  } catch (e) {
    if (!(e instanceof S3ServiceException && (conditionFailed(e) || e.name === 'NoSuchUpload'))) throw e;
  }
}

/** S3's answer to a conditional write whose condition does not hold (412), or that raced another (409). */
const conditionFailed = (e: S3ServiceException) => e.name === 'PreconditionFailed' || e.name === 'ConditionalRequestConflict'
  || e.$metadata.httpStatusCode === 412 || e.$metadata.httpStatusCode === 409;

export async function abortMultipart(key: string, uploadId: string): Promise<void> {
  try {
    await clients().s3.send(new AbortMultipartUploadCommand({ Bucket: config().BUCKET_NAME, Key: key, UploadId: uploadId }));
  } catch (e) {
    if (!(e instanceof S3ServiceException && e.name === 'NoSuchUpload')) throw e;
  }
}

/** The object's size, or undefined when there is no such object. */
export async function objectSize(key: string): Promise<number | undefined> {
  try {
    const out = await clients().s3.send(new HeadObjectCommand({ Bucket: config().BUCKET_NAME, Key: key }));
    return out.ContentLength ?? 0;
  } catch (e) {
    if (e instanceof S3ServiceException && (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata.httpStatusCode === 404)) return undefined;
    throw e;
  }
}

/** The first `bytes` bytes of the object (fewer when it is shorter). */
export async function objectStart(key: string, bytes: number): Promise<Buffer> {
  const out = await clients().s3.send(new GetObjectCommand({ Bucket: config().BUCKET_NAME, Key: key, Range: `bytes=0-${bytes - 1}` }));
  if (!out.Body) throw new Error(`S3 object ${key} has no body`);
  return Buffer.from(await out.Body.transformToByteArray()).subarray(0, bytes);
}

export async function deleteObject(key: string): Promise<void> {
  await clients().s3.send(new DeleteObjectCommand({ Bucket: config().BUCKET_NAME, Key: key }));
}

/**
 * Moves the object at `from` to `to` unless an object is there already: a CopyObject with S3's
 * conditional write (`If-None-Match: *`: 412 when `to` exists, 409 while another such write to
 * it is under way), then `from` is deleted. `none`: nothing at `from` (then nothing is deleted);
 * `kept`: `to` was there already (and `from` is deleted all the same). (The local S3 enforces
 * the condition as S3 does: local/stack/s3-conditions.ts.)
 */
export async function moveUnlessPresent(from: string, to: string): Promise<'moved' | 'kept' | 'none'> {
  const bucket = config().BUCKET_NAME;
  let outcome: 'moved' | 'kept' = 'moved';
  try {
    await clients().s3.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${from}`, IfNoneMatch: '*' }));
  } catch (e) {
    if (!(e instanceof S3ServiceException)) throw e;
    const status = e.$metadata.httpStatusCode;
    if (e.name === 'NoSuchKey' || status === 404) return 'none';
    if (conditionFailed(e)) outcome = 'kept';
    else throw e;
  }
  await deleteObject(from);
  return outcome;
}
