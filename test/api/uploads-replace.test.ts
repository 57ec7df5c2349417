/**
 * A confirmed direct upload cannot be replaced: its presigned POST policy still works for up to 15
 * minutes after the confirm, but nothing sent with it after the confirm reaches the document (its
 * bytes, its download, a repeated confirm). (A multipart upload's part URLs name its upload id,
 * which the confirm's CompleteMultipartUpload ends: S3 refuses them afterwards.)
 */
import { e2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { makeMediaFixtures, type MediaFixtures } from './media-fixtures';

interface Upload { id: string; post?: { url: string; fields: Record<string, string> } }

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
const confirm = (id: string) => stack.apiJson<{ id: string; file_size: number; file_type: string }>(`/v3.6/uploads/${id}/confirm`, { method: 'POST' });
const download = async (id: string) => {
  const res = await stack.api(`/v3.6/documents/${id}/download`);
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};
function post(p: NonNullable<Upload['post']>, bytes: Buffer, type: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(p.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'file');
  return fetch(p.url, { method: 'POST', body: form });
}

it('a form upload\'s policy, used again after the confirm, does not replace the document', async () => {
  const up = await begin({ kind: 'documents', file_name: 'p.jpg', content_type: 'image/jpeg', file_size: fx.jpg.length, fields: { type: 'passport' } });
  expect(up.status).toBe(201);
  expect((await post(up.body.post!, fx.jpg, 'image/jpeg')).status).toBe(204);
  const doc = await confirm(up.body.id);
  expect([doc.status, doc.body.file_type, doc.body.file_size]).toEqual([201, 'jpg', fx.jpg.length]);

  // The same size and declared type, other bytes: a page for a browser.
  const html = Buffer.alloc(fx.jpg.length, 0x20);
  html.write('<html><script>alert(document.domain)</script>', 0);
  await post(up.body.post!, html, 'image/jpeg');
  expect(await download(up.body.id)).toEqual({ status: 200, type: 'image/jpeg', bytes: fx.jpg });
  // A repeated confirm answers the document as it was, and it stays so.
  expect(await confirm(up.body.id)).toMatchObject({ status: 201, body: doc.body });
  expect(await download(up.body.id)).toEqual({ status: 200, type: 'image/jpeg', bytes: fx.jpg });
});

