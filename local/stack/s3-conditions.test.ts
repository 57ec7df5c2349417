/**
 * The local S3 enforces S3's conditional writes (s3rver ignores them): `If-None-Match: *` on
 * PutObject, CopyObject and CompleteMultipartUpload is a 412 PreconditionFailed when the key
 * holds an object, `If-Match: <etag>` a 412 when its ETag differs (404 NoSuchKey when there is
 * none); of concurrent conditional writes to one key, exactly one wins.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { ensureBucket, startS3, type LocalS3 } from './s3';

const creds = { accessKeyId: 'local', secretAccessKey: 'the-stacks-own-secret-key-0123456789' };
const Bucket = 'media';
let s3: LocalS3;
let dir: string;
let client: S3Client;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 's3-conditions-'));
  s3 = await startS3({ dataDir: dir, credentials: creds, resetOnClose: true });
  client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: creds });
  await ensureBucket(client, Bucket, ['http://127.0.0.1']);
});
afterAll(async () => {
  client.destroy();
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

const read = async (Key: string) => (await client.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString();
const put = (Key: string, Body: string, cond: { IfNoneMatch?: string; IfMatch?: string } = { IfNoneMatch: '*' }) =>
  client.send(new PutObjectCommand({ Bucket, Key, Body, ...cond }));
const preconditionFailed = { name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } };

it('PutObject with If-None-Match: * writes a new key once: the second is a 412 and the first bytes stay', async () => {
  await put('a/new one+x', 'first');
  await expect(put('a/new one+x', 'second')).rejects.toMatchObject(preconditionFailed);
  expect(await read('a/new one+x')).toBe('first');
  await put('a/new one+x', 'unconditional', {}); // no condition: overwritten, as in S3
  expect(await read('a/new one+x')).toBe('unconditional');
});

it('answers the 412 with S3\'s XML error body', async () => {
  await put('b/xml', 'first');
  const err = await put('b/xml', 'second').catch((e: unknown) => e);
  expect(err).toMatchObject({ Code: 'PreconditionFailed', message: 'At least one of the pre-conditions you specified did not hold', Condition: 'If-None-Match' });
  // If-None-Match takes only `*`: another value is refused, not ignored.
  await expect(put('b/other', 'x', { IfNoneMatch: '"0123"' })).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
});

it('CopyObject with If-None-Match: * copies only to a key that holds nothing', async () => {
  await put('c/staging', 'staged');
  await put('c/final', 'kept');
  const copy = (Key: string) => client.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/c/staging`, IfNoneMatch: '*' }));
  await expect(copy('c/final')).rejects.toMatchObject(preconditionFailed);
  expect(await read('c/final')).toBe('kept');
  await copy('c/other');
  expect(await read('c/other')).toBe('staged');
});

it('CompleteMultipartUpload with If-None-Match: * does not replace an object', async () => {
  await put('d/big', 'there already');
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'd/big' }));
  const { ETag } = await client.send(new UploadPartCommand({ Bucket, Key: 'd/big', UploadId, PartNumber: 1, Body: 'part one' }));
  await expect(client.send(new CompleteMultipartUploadCommand({
    Bucket, Key: 'd/big', UploadId, IfNoneMatch: '*', MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
  }))).rejects.toMatchObject(preconditionFailed);
  expect(await read('d/big')).toBe('there already');
});

it('PutObject with If-Match writes over the object only while its ETag is the one given', async () => {
  await put('e/doc', 'v1');
  const { ETag } = await client.send(new HeadObjectCommand({ Bucket, Key: 'e/doc' }));
  await put('e/doc', 'v2', { IfMatch: ETag! });
  expect(await read('e/doc')).toBe('v2');
  await expect(put('e/doc', 'v3', { IfMatch: ETag! })).rejects.toMatchObject(preconditionFailed);
  expect(await read('e/doc')).toBe('v2');
  await expect(put('e/none', 'v1', { IfMatch: ETag! })).rejects.toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
});

it('of concurrent conditional writes to one key exactly one wins, and its bytes are stored', async () => {
  await put('f/staging', 'copied');
  const writes = [
    ...Array.from({ length: 6 }, (_, i) => put('f/race', `put ${i}`).then(() => `put ${i}`)),
    ...Array.from({ length: 6 }, () => client.send(new CopyObjectCommand({ Bucket, Key: 'f/race', CopySource: `${Bucket}/f/staging`, IfNoneMatch: '*' })).then(() => 'copied')),
  ];
  const results = await Promise.allSettled(writes);
  const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  expect(won).toHaveLength(1);
  for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject(preconditionFailed);
  expect(await read('f/race')).toBe(won[0]);
});
