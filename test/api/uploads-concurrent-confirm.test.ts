/**
 * Two confirms of one upload at the same time. A form upload's confirm copies the file from its
 * staging key to the media key with `If-None-Match: *` (store/s3.ts moveUnlessPresent): a confirm
 * that copies after another has copied cannot replace the file, even when the policy, still valid,
 * sent other bytes to the staging key in between (the local S3 answers that copy 412, as S3
 * does). A multipart upload's confirm that completes it after another did finds the object there
 * (412 or NoSuchUpload, not a 500). Both confirms answer the same document, of the first bytes.
 * The second confirm runs from inside the first, at one of its S3 calls (an S3 client
 * middleware): no timing involved.
 */
import { PART_BYTES } from '../../lambdas/api/limits';
import { clients } from '../../lambdas/shared/aws';
import { e2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { makeMediaFixtures, type MediaFixtures } from './media-fixtures';

interface Upload { id: string; post?: { url: string; fields: Record<string, string> }; parts?: Array<{ url?: string; size: number }> }
type Confirmed = { status: number; body: { id?: string; file_type?: string; file_size?: number; error?: unknown } };

let stack: TestStack;
let fx: MediaFixtures;
let applicantId: string;
beforeAll(async () => {
  [stack, fx] = await Promise.all([startTestStack(), makeMediaFixtures()]);
  applicantId = await e2e(stack).applicant();
}, 120_000);
afterAll(() => stack.stop());

const begin = (body: Record<string, unknown>) =>
  stack.apiJson<Upload>('/v3.6/uploads', { method: 'POST', json: { applicant_id: applicantId, ...body } });
const confirm = async (id: string): Promise<Confirmed> => {
  const { status, body } = await stack.apiJson<Confirmed['body']>(`/v3.6/uploads/${id}/confirm`, { method: 'POST' });
  return { status, body };
};
const download = async (id: string) => {
  const res = await stack.api(`/v3.6/documents/${id}/download`);
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
};
function post(p: NonNullable<Upload['post']>, bytes: Buffer, type: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(p.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'file');
  return fetch(p.url, { method: 'POST', body: form });
}

/** Runs `during` once, at the next `command` of the API's S3 client: before it is sent, or after its answer. */
function at(command: string, when: 'before' | 'after', during: () => Promise<void>): () => void {
  let ran = false;
  const run = async (name: string | undefined) => { if (name === command && !ran) { ran = true; await during(); } };
  clients().s3.middlewareStack.add((next, context) => async (args) => {
    const name = (context as { commandName?: string }).commandName;
    if (when === 'before') await run(name);
    const out = await next(args);
    if (when === 'after') await run(name);
    return out;
  }, { step: 'initialize', name: 'race', override: true });
  return () => clients().s3.middlewareStack.remove('race');
}

it('two confirms of one upload at once: the second copy is refused (412), both answer the same document, of the first bytes', async () => {
  const up = await begin({ kind: 'documents', file_name: 'p.png', content_type: 'image/png', file_size: fx.png.length, fields: { type: 'passport' } });
  expect(up.status).toBe(201);
  expect((await post(up.body.post!, fx.png, 'image/png')).status).toBe(204);
  // Other bytes of the same size and declared type: a page for a browser.
  const html = Buffer.alloc(fx.png.length, 0x20);
  html.write('<html><script>alert(document.domain)</script>', 0);

  let second: Confirmed | undefined;
  const done = at('CopyObjectCommand', 'after', async () => {
    // The first confirm has copied the file and not recorded the document yet: the policy is used
    // again, and a second confirm runs to its end.
    expect((await post(up.body.post!, html, 'image/png')).status).toBe(204);
    second = await confirm(up.body.id);
  });
  let first: Confirmed;
  try {
    first = await confirm(up.body.id);
  } finally {
    done();
  }
  expect(second).toBeDefined();
  expect(second).toMatchObject({ status: 201, body: { id: up.body.id, file_type: 'png', file_size: fx.png.length } });
  expect(first).toEqual(second);

  expect(await download(up.body.id)).toEqual({ status: 200, bytes: fx.png });
  // A confirm again answers the same, and the bytes stay the first's.
  expect(await confirm(up.body.id)).toEqual(first);
  expect(await download(up.body.id)).toEqual({ status: 200, bytes: fx.png });
});

it('two confirms of one multipart upload at once: the one that completes it second finds the object there and answers the same document', async () => {
  const bytes = Buffer.concat([fx.pdf, Buffer.alloc(PART_BYTES + 10 - fx.pdf.length, 0x20)]);
  const up = await begin({ kind: 'documents', file_name: 's.pdf', content_type: 'application/pdf', file_size: bytes.length, fields: { type: 'bank_statement' } });
  let offset = 0;
  for (const part of up.body.parts!) {
    expect((await fetch(part.url!, { method: 'PUT', body: new Uint8Array(bytes.subarray(offset, offset += part.size)) })).status).toBe(200);
  }
  // The first confirm has listed the parts; before it completes the upload, a second confirm runs to its end.
  let second: Confirmed | undefined;
  const done = at('CompleteMultipartUploadCommand', 'before', async () => { second = await confirm(up.body.id); });
  let first: Confirmed;
  try {
    first = await confirm(up.body.id);
  } finally {
    done();
  }
  expect(second).toMatchObject({ status: 201, body: { id: up.body.id, file_type: 'pdf', file_size: bytes.length } });
  expect(first).toEqual(second);
  const stored = await download(up.body.id);
  expect([stored.status, stored.bytes.equals(bytes)]).toEqual([200, true]); // (toEqual on 5 MB of bytes takes minutes)
}, 60_000);
