/**
 * An upload URL issued before an applicant's deletion works its 15 minutes: with a grace period
 * shorter than that, a file sent late lands under the purged applicant's prefix after the purge.
 * The second look (lambdas/lifecycle/recheck.ts), 20 minutes after the purge (injected clock),
 * deletes it, not before, and only once. It also erases an Idempotency-Key answer filed under the
 * applicant after the purge's index query (a request under way at the purge, or gsi2's lag).
 */
import { RECHECK_AFTER_MS } from '../../lambdas/lifecycle/recheck';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { resetConfig } from '../../lambdas/shared/config';
import { claimKey, completeKey } from '../../lambdas/store/idempotency';
import { startTestStack, type TestStack } from '../helpers/stack';
import { lifecycleKit } from './lifecycle-helpers';

const MINUTE = 60_000;
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
beforeAll(async () => {
  process.env.STUDIO_DELETION_GRACE_SECONDS = '0';
  resetConfig();
  stack = await startTestStack();
  kit = lifecycleKit(stack);
}, 120_000);
afterAll(async () => {
  kit.close();
  await stack.stop();
  delete process.env.STUDIO_DELETION_GRACE_SECONDS;
  resetConfig();
});

it('deletes what an upload URL issued before the deletion sent after the purge, at the second look 20 minutes on', async () => {
  const { t } = kit;
  const applicantId = await t.applicant({ first_name: 'Late' });
  const sdk = await t.sdkToken(applicantId);
  const jpeg = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==', 'base64');
  const up = await stack.apiJson<{ post: { url: string; fields: Record<string, string> } }>('/v3.6/uploads', {
    method: 'POST', sdkToken: sdk, json: { kind: 'documents', applicant_id: applicantId, file_name: 'p.jpg', content_type: 'image/jpeg', file_size: jpeg.length, fields: { type: 'passport' } },
  });
  expect(up.status).toBe(201);
  expect((await t.call('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
  const purgedAt = Date.now() + 1000;
  expect(await sweep(new Date(purgedAt))).toMatchObject({ purged: 1 });
  expect((await t.call('GET', `/v3.6/applicants/${applicantId}`)).status).toBe(404);

  // The URL still works: the file lands under the purged applicant.
  const form = new FormData();
  for (const [k, v] of Object.entries(up.body.post.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'p.jpg');
  expect((await fetch(up.body.post.url, { method: 'POST', body: form })).status).toBe(204);
  expect(await kit.bucketObjects(`sandbox/${applicantId}/`)).toHaveLength(1);

  expect(await sweep(new Date(purgedAt + RECHECK_AFTER_MS - MINUTE))).toMatchObject({ late: 0 });
  expect(await kit.bucketObjects(`sandbox/${applicantId}/`)).toHaveLength(1);
  expect((await sweep(new Date(purgedAt + RECHECK_AFTER_MS + MINUTE))).late).toBeGreaterThanOrEqual(1);
  expect(await kit.bucketObjects(`sandbox/${applicantId}/`)).toEqual([]);
  // Looked at once: the due item is gone.
  expect(await sweep(new Date(purgedAt + 3 * RECHECK_AFTER_MS))).toMatchObject({ late: 0, purged: 0 });
});

it('erases at the second look an Idempotency-Key answer filed under the applicant after the purge looked', async () => {
  const { t } = kit;
  const applicantId = await t.applicant({ first_name: 'Inflight' });
  expect((await t.call('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
  const purgedAt = Date.now() + 1000;
  expect(await sweep(new Date(purgedAt))).toMatchObject({ purged: 1 });
  // What a request under way at the purge files once it answers (lambdas/api/idempotency.ts).
  const keyHash = `late-${purgedAt}`;
  expect(await claimKey('sandbox', keyHash, 'request', Date.now())).toEqual({ kind: 'claimed' });
  await completeKey('sandbox', keyHash, { status: 201, body: JSON.stringify({ id: 'upload', applicant_id: applicantId }), headers: {} }, { applicantId, resourceId: 'upload' });

  expect(await sweep(new Date(purgedAt + RECHECK_AFTER_MS - MINUTE))).toMatchObject({ late: 0 });
  expect(await claimKey('sandbox', keyHash, 'request', Date.now())).toMatchObject({ kind: 'done' });
  expect(await sweep(new Date(purgedAt + RECHECK_AFTER_MS + MINUTE))).toMatchObject({ late: 1 });
  expect(await claimKey('sandbox', keyHash, 'request', Date.now())).toEqual({ kind: 'erased' });
  // Only the erasure record names the applicant now.
  expect((await kit.tableText()).filter((i) => i.includes(applicantId) && !i.includes(`"pk":"ERASURE#${applicantId}"`))).toEqual([]);
});
