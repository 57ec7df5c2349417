/**
 * The local S3 checks signatures as S3 does (s3rver checks none): requests signed by the SDK with
 * the stack's key pass; a tampered, expired, zeroed or other-key signature is refused, for header
 * signatures, presigned URLs and browser form uploads alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ensureBucket, startS3, type LocalS3 } from './s3';

const creds = { accessKeyId: 'local', secretAccessKey: 'the-stacks-own-secret-key-0123456789' };
let s3: LocalS3;
let dir: string;
let client: S3Client;
const clientWith = (secretAccessKey: string) => new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { ...creds, secretAccessKey } });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 's3-auth-'));
  s3 = await startS3({ dataDir: dir, credentials: creds, resetOnClose: true });
  client = clientWith(creds.secretAccessKey);
  await ensureBucket(client, 'media', ['http://127.0.0.1']);
  await client.send(new PutObjectCommand({ Bucket: 'media', Key: 'live/a b+c/photo.jpg', Body: 'secret bytes' }));
});
afterAll(async () => {
  client.destroy();
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('accepts the SDK\'s header signatures with the stack\'s key, refuses another key\'s', async () => {
  const listed = await client.send(new ListObjectsV2Command({ Bucket: 'media' }));
  expect(listed.Contents?.map((c) => c.Key)).toEqual(['live/a b+c/photo.jpg']);
  const other = clientWith('a-key-somebody-guessed-0123456789abcdef');
  await expect(other.send(new ListObjectsV2Command({ Bucket: 'media' }))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  await expect(other.send(new GetObjectCommand({ Bucket: 'media', Key: 'live/a b+c/photo.jpg' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  other.destroy();
});

it('a presigned URL works until it expires; tampered, zeroed or expired it is refused', async () => {
  const get = new GetObjectCommand({ Bucket: 'media', Key: 'live/a b+c/photo.jpg' });
  const url = await getSignedUrl(client, get, { expiresIn: 60 });
  expect(await (await fetch(url)).text()).toBe('secret bytes');
  const tampered = url.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
  expect((await fetch(tampered)).status).toBe(403);
  // A list of the bucket "signed" with zeros, or a URL whose date was moved to now: refused.
  const zeros = `${s3.endpoint}/media?list-type=2&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F20261203%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261203T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`;
  expect((await fetch(zeros)).status).toBe(403);
  const past = await getSignedUrl(client, get, { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
  const expired = await fetch(past);
  expect([expired.status, await expired.text()]).toEqual([403, expect.stringContaining('Request has expired')]);
  const moved = past.replace(/X-Amz-Date=\d{8}T\d{6}Z/, `X-Amz-Date=${new Date().toISOString().replace(/[-:]|\.\d{3}/g, '')}`);
  expect((await fetch(moved)).status).toBe(403);
});

it('a browser form upload needs its policy signed with the stack\'s key', async () => {
  const upload = async (signer: S3Client) => {
    const post = await createPresignedPost(signer, { Bucket: 'media', Key: 'live/form.txt', Expires: 60, Conditions: [['content-length-range', 1, 100]] });
    const form = new FormData();
    for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
    form.append('file', new Blob(['form bytes']), 'form.txt');
    return (await fetch(post.url, { method: 'POST', body: form })).status;
  };
  const other = clientWith('a-key-somebody-guessed-0123456789abcdef');
  expect(await upload(other)).toBe(403);
  other.destroy();
  expect(await upload(client)).toBe(204);
});
