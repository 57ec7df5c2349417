/**
 * Media and what is derived from it: the media items, their S3 objects (every version and
 * delete marker under the applicant's prefix `<environment>/<applicant id>/`, store/s3.ts), the
 * direct uploads (store/uploads.ts: the items, a pending one's object and multipart upload) and
 * the known-faces embeddings (`keys.face`). Counts are of what was there.
 */
import { DeleteObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { getItems } from '../store/batch';
import { evidenceKey, timelineKey } from '../store/evidence';
import type { RunItem } from '../store/runs';
import { MEDIA_KINDS, type MediaKind } from '../store/media';
import { abortMultipart, mediaPrefix, objectSize } from '../store/s3';
import { keys } from '../store/table';
import { stagingKey, stagingPrefix, type UploadItem } from '../store/uploads';
import { uploadsOfApplicant } from '../store/uploads-of';
import { deleteItems, keyOf, partition, queryAll, type Item } from './items';

export interface MediaPurge { media: number; s3_objects: number; faces: number }

/** `uploads`: direct uploads never confirmed (their items, objects and parts removed). */
export type UploadsPurge = MediaPurge & { uploads: number };

/** Every upload of the applicant, its objects (all versions), its direct uploads and its faces. */
export async function purgeApplicantMedia(applicantId: string, environment: string): Promise<UploadsPurge> {
  const items: Item[] = [];
  for (const kind of Object.keys(MEDIA_KINDS) as MediaKind[]) {
    items.push(...await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.mediaOfApplicant(applicantId, kind) } }));
  }
  const uploads = await uploadsOfApplicant(applicantId);
  const objects = await deletePrefix(mediaPrefix(environment, applicantId));
  // The uploads before the faces: a face is stored only while its upload exists (known_faces_report/dynamo.ts).
  await deleteItems(items.map(keyOf));
  const direct = await purgeUploads(uploads);
  const faces = await partition(keys.faces(environment), `${applicantId}#`);
  await deleteItems(faces.map(keyOf));
  return { media: items.length, s3_objects: objects + direct.s3_objects, faces: faces.length, uploads: direct.uploads };
}

/**
 * Direct uploads (store/uploads.ts): of a pending one, the object a form upload stored (at its
 * staging key; at the media key when a confirm stopped half-way or it started before staging; a
 * confirmed one's object is its media item's, purged with it) and the parts of its multipart
 * upload; then every item, pending or confirmed (each holds the file name and the form's fields).
 * `uploads` counts the pending ones.
 */
export async function purgeUploads(uploads: UploadItem[]): Promise<{ uploads: number; s3_objects: number }> {
  const pending = uploads.filter((u) => u.status === 'pending');
  let objects = 0;
  for (const u of pending) {
    if (u.upload_id) await abortMultipart(u.object_key, u.upload_id);
    for (const key of u.method === 'post' ? [stagingKey(u), u.object_key] : [u.object_key]) {
      if (await objectSize(key) !== undefined) objects += await deleteObject(key) + await deleteVersions(key);
    }
  }
  await deleteItems(uploads.map((u) => keys.upload(u.id)));
  return { uploads: pending.length, s3_objects: objects };
}

/**
 * A run's evidence PDF and folder and its timeline files (lambdas/evidence), what its token's form
 * uploads left at their staging keys (`<prefix>uploads/<run id>/`, store/uploads.ts: a file never
 * confirmed, also once its item's TTL has passed, or sent again with the policy after the
 * confirm), and the applicant's large exports (`<prefix>exports/`, api/routes/applicant-export.ts:
 * each holds every run of the applicant; fetched through a short presigned link, so none is
 * needed later). For retention: the applicant's purge removes them with the applicant's prefix.
 * Returns the objects removed.
 */
/** `exports`: also the applicant's export ZIPs (not for the second look after a purge: the applicant may have made one since). */
export async function purgeRunFiles(run: RunItem, o: { exports?: boolean } = {}): Promise<number> {
  const files = await partition(keys.run(run.id).pk, 'TIMELINE_FILE#');
  const objectKeys = [evidenceKey(run, 'pdf'), evidenceKey(run, 'zip'), ...files.map((f) => timelineKey(run, String(f.id)))];
  let count = 0;
  for (const key of objectKeys) if (await objectSize(key) !== undefined) count += await deleteObject(key) + await deleteVersions(key);
  count += await deletePrefix(stagingPrefix(run.environment, run.applicant_id, run.id));
  return o.exports === false ? count : count + await deletePrefix(`${mediaPrefix(run.environment, run.applicant_id)}exports/`);
}

/** Some uploads (a run's, for retention): their objects, faces and items. */
export async function purgeMedia(ids: string[]): Promise<MediaPurge> {
  const found = (await getItems(ids.map((id) => keys.media(id)))).filter((i): i is Item => i !== undefined);
  let objects = 0;
  for (const m of found) objects += await deleteObject(String(m.object_key)) + await deleteVersions(String(m.object_key));
  const faceKeys = found.map((m) => keys.face(String(m.environment), String(m.applicant_id), String(m.id)));
  const faces = (await getItems(faceKeys)).filter(Boolean).length;
  // Faces, uploads, faces again: the first pass while the uploads still name them (a purge cut short
  // finds them again), the second for a face a report stored meanwhile (stored only while its
  // upload exists: known_faces_report/dynamo.ts).
  await deleteItems(faceKeys);
  await deleteItems(found.map(keyOf));
  await deleteItems(faceKeys);
  return { media: found.length, s3_objects: objects, faces };
}

/** Deletes every object under the prefix, then any version or delete marker left (a versioned bucket). */
async function deletePrefix(prefix: string): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await clients().s3.send(new ListObjectsV2Command({ Bucket: config().BUCKET_NAME, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) count += await deleteObject(o.Key!);
    token = page.NextContinuationToken;
  } while (token);
  return count + await deleteVersions(prefix);
}

async function deleteObject(key: string): Promise<number> {
  await clients().s3.send(new DeleteObjectCommand({ Bucket: config().BUCKET_NAME, Key: key }));
  return 1;
}

/**
 * Noncurrent versions and delete markers under the prefix. The stack's bucket is not versioned
 * (lib/data.ts): there a DeleteObject removes the only copy and this finds nothing. s3rver (the
 * local stack) implements no versioning and refuses the call (405 MethodNotAllowed, or
 * NotImplemented): it keeps no versions, so there is nothing to remove either.
 */
async function deleteVersions(prefix: string): Promise<number> {
  let count = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  try {
    do {
      const page = await clients().s3.send(new ListObjectVersionsCommand({ Bucket: config().BUCKET_NAME, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionMarker }));
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
        if (!v.Key || !v.VersionId || v.VersionId === 'null') continue;
        await clients().s3.send(new DeleteObjectCommand({ Bucket: config().BUCKET_NAME, Key: v.Key, VersionId: v.VersionId }));
        count++;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
  } catch (e) {
    if (e instanceof Error && (e.name === 'NotImplemented' || e.name === 'MethodNotAllowed')) return 0;
    throw e;
  }
  return count;
}
