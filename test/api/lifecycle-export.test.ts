/**
 * `GET /v3.6/applicants/{id}/export`: a ZIP of everything held on the applicant (data, media
 * bytes, runs with their tasks and report outputs, erasure records), until the purge; another
 * environment's token gets a 404.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { resetConfig } from '../../lambdas/shared/config';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { createApiToken } from '../../lambdas/api/auth';
import { startTestStack, type TestStack } from '../helpers/stack';
import { lifecycleKit } from './lifecycle-helpers';

let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
beforeAll(async () => {
  process.env.STUDIO_DELETION_GRACE_SECONDS = '60';
  stack = await startTestStack();
  kit = lifecycleKit(stack);
}, 120_000);
afterAll(async () => {
  kit.close();
  await stack.stop();
  delete process.env.STUDIO_DELETION_GRACE_SECONDS;
  resetConfig();
});

it('holds the applicant, its media, runs with tasks and reports; 404 for the other environment and after the purge', async () => {
  const { applicantId, runId, media } = await kit.finishedRun({ first_name: 'Exported', email: 'exported@example.com' });
  const res = await stack.api(`/v3.6/applicants/${applicantId}/export`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const json = (name: string) => JSON.parse(strFromU8(files[name]!)) as Record<string, unknown>;
  expect(json('applicant.json')).toMatchObject({ id: applicantId, first_name: 'Exported', email: 'exported@example.com' });
  const stored = await kit.bucketObjects(`sandbox/${applicantId}/`);
  for (const [id, kind] of [[media[0]!, 'documents'], [media[1]!, 'live_photos']] as const) {
    expect(json(`media/${kind}/${id}.json`)).toMatchObject({ id, applicant_id: applicantId });
    const bytes = Object.entries(files).find(([n]) => n.startsWith(`media/${kind}/${id}.`) && !n.endsWith('.json'))![1];
    expect(stored.some((o) => o.bytes.equals(Buffer.from(bytes)))).toBe(true);
  }
  const run = json(`runs/${runId}.json`) as { status: string; custom_data: unknown; tasks: Array<{ task_def_id: string; output: unknown }> };
  expect(run).toMatchObject({ id: runId, status: 'approved', custom_data: { note: 'custom data of the run' } });
  expect(run.tasks.find((t) => t.task_def_id === 'document_report')?.output).toMatchObject({ result: expect.any(String) });
  expect(json('erasures.json')).toEqual([]);

  const live = await createApiToken('live');
  expect((await stack.api(`/v3.6/applicants/${applicantId}/export`, { token: live })).status).toBe(404);
  expect((await stack.api(`/v3.6/applicants/${applicantId}/export`, { sdkToken: await kit.t.sdkToken(applicantId) })).status).toBe(401);

  expect((await stack.api(`/v3.6/applicants/${applicantId}`, { method: 'DELETE' })).status).toBe(204);
  expect((await stack.api(`/v3.6/applicants/${applicantId}/export`)).status).toBe(200);
  await sweep(new Date(Date.now() + 120_000));
  expect((await stack.api(`/v3.6/applicants/${applicantId}/export`)).status).toBe(404);
}, 120_000);
