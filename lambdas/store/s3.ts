/**
 * Media bytes in the private bucket, encrypted at rest with the bucket's default encryption (in
 * AWS: SSE-KMS with the stack's data key, so no header here may override it). The database holds
 * only the metadata and the object key, `<environment>/<applicant_id>/<kind>/<id>`.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clients } from '../shared/aws';
import { config } from '../shared/config';

export const mediaObjectKey = (environment: string, applicantId: string, kind: string, id: string) =>
  `${mediaPrefix(environment, applicantId)}${kind}/${id}`;
/** Every object of an applicant starts with this (its purge deletes them all: lambdas/lifecycle/media.ts). */
export const mediaPrefix = (environment: string, applicantId: string) => `${environment}/${applicantId}/`;

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
