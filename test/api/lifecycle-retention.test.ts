/**
 * Retention (injected clock): with `STUDIO_RETENTION_DAYS_SANDBOX` set, a run that ended more
 * than that many days ago loses its personal data and its media (an erasure record says so);
 * the applicant stays; a run of an applicant on legal hold is kept until the hold is lifted.
 * Unset, nothing is purged however old.
 */
import { sweep } from '../../lambdas/lifecycle/sweep';
import { startTestStack, type TestStack } from '../helpers/stack';
import { lifecycleKit, setRetention } from './lifecycle-helpers';

const DAY = 86_400_000;
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
beforeAll(async () => {
  stack = await startTestStack();
  kit = lifecycleKit(stack);
}, 120_000);
afterAll(async () => {
  kit.close();
  await stack.stop();
  setRetention(undefined);
});

const api = <T = Record<string, unknown>>(method: string, path: string, json?: unknown) => kit.t.call<T>(method, path, json);
const retention = setRetention;

it('purges runs ended N days ago with their media, keeps the applicant, waits for a legal hold to be lifted', async () => {
  const kept = await kit.finishedRun({ first_name: 'Kept' });
  const held = await kit.finishedRun({ first_name: 'Held' });
  expect((await api('PUT', `/v3.6/applicants/${held.applicantId}`, { legal_hold: true })).status).toBe(200);
  const ended = Date.parse(held.end.updated_at as string);

  retention(undefined);
  expect(await sweep(new Date(ended + 400 * DAY))).toEqual({ purged: 0, held: 0, retention: { sandbox: 0, live: 0 }, resumed: 0, late: 0 });
  retention('30');
  expect(await sweep(new Date(ended + 29 * DAY))).toMatchObject({ retention: { sandbox: 0 } });
  expect((await api<{ output: unknown }>('GET', `/v3.6/workflow_runs/${kept.runId}`)).body.output).not.toBeNull();

  const t31 = new Date(ended + 31 * DAY);
  expect(await sweep(t31)).toMatchObject({ retention: { sandbox: 1 } });
  // The kept applicant's run: stripped, its media gone, the applicant still there.
  const run = (await api<{ status: string; output: unknown }>('GET', `/v3.6/workflow_runs/${kept.runId}`)).body;
  expect(run).toMatchObject({ status: 'approved' });
  expect(run.output ?? null).toBeNull();
  for (const id of kept.media) expect((await api('GET', `/v3.6/documents/${id}`)).status).toBe(404);
  expect(await kit.bucketObjects(`sandbox/${kept.applicantId}/`)).toEqual([]);
  expect((await api<{ first_name: string }>('GET', `/v3.6/applicants/${kept.applicantId}`)).body.first_name).toBe('Kept');
  const record = (await api<{ erasures: Array<Record<string, unknown>> }>('GET', `/v3.6/erasures?applicant_id=${kept.applicantId}`)).body.erasures;
  expect(record).toEqual([expect.objectContaining({ reason: 'retention', workflow_run_ids: [kept.runId], requested_by: { kind: 'retention', days: 30 }, removed: expect.objectContaining({ media: 2, s3_objects: 4, runs: 1 }) })]); // 4: two uploads, the run's evidence PDF and folder

  // The held applicant's run is untouched, checked again hourly, and goes once the hold is lifted.
  expect((await api<{ output: unknown }>('GET', `/v3.6/workflow_runs/${held.runId}`)).body.output).not.toBeNull();
  expect(await sweep(new Date(t31.getTime() + 2 * 3_600_000))).toMatchObject({ held: 1, retention: { sandbox: 0 } });
  expect((await api('PUT', `/v3.6/applicants/${held.applicantId}`, { legal_hold: false })).status).toBe(200);
  expect(await sweep(new Date(t31.getTime() + 4 * 3_600_000))).toMatchObject({ purged: 1 });
  expect((await api<{ output: unknown }>('GET', `/v3.6/workflow_runs/${held.runId}`)).body.output ?? null).toBeNull();
  expect(await kit.bucketObjects(`sandbox/${held.applicantId}/`)).toEqual([]);
}, 180_000);
