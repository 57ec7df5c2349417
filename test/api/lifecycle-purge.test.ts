/**
 * Deleting an applicant: restore works during the grace period; when it ends, the lifecycle
 * sweep (injected clock) purges everything held on the applicant, writes an erasure record
 * readable with an API token, and a second purge changes nothing. A legal hold, settable during
 * the grace period, pauses the purge until it is lifted. Stored task outputs (profile answers,
 * received data) and what a Send/Receive task sent go with the runs' task records.
 */
import { randomBytes } from 'node:crypto';
import { resetConfig } from '../../lambdas/shared/config';
import { findEvents } from '../../lambdas/events/record';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { DynamoFaceIndex } from '../../lambdas/reports/known_faces_report/dynamo';
import { syntheticEmbedding } from '../../lambdas/reports/known_faces_report/store.contract';
import { startTestStack, type TestStack } from '../helpers/stack';
import { PERSONAL } from '../e2e/workflows';
import { lifecycleKit } from './lifecycle-helpers';

const GRACE_S = 3600;
const HOUR = 3_600_000;
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
const previous = process.env.STUDIO_DELETION_GRACE_SECONDS;
beforeAll(async () => {
  process.env.STUDIO_DELETION_GRACE_SECONDS = String(GRACE_S);
  stack = await startTestStack();
  kit = lifecycleKit(stack);
}, 120_000);
afterAll(async () => {
  kit.close();
  await stack.stop();
  if (previous === undefined) delete process.env.STUDIO_DELETION_GRACE_SECONDS; else process.env.STUDIO_DELETION_GRACE_SECONDS = previous;
  resetConfig();
});

const api = <T = Record<string, unknown>>(method: string, path: string, json?: unknown) => kit.t.call<T>(method, path, json);
const unique = () => `Purgeme${randomBytes(5).toString('hex')}`;

describe('purge after the grace period', () => {
  it('restore works until the purge; then everything of the applicant is gone, the runs keep ids, statuses and dates', async () => {
    const name = unique();
    const { applicantId, runId, media, end } = await kit.finishedRun({ first_name: name, email: `${name}@example.com` });
    expect(end.status).toBe('approved');
    const bytesBefore = (await kit.bucketObjects(`sandbox/${applicantId}/`)).map((o) => o.bytes);
    expect(bytesBefore).toHaveLength(2);
    // The selfie's known-faces embedding (what a known faces report stores).
    const faceItems = async () => (await kit.tableText()).filter((i) => i.includes(`"sk":"${applicantId}#`));
    await new DynamoFaceIndex('sandbox').add({ applicantId, mediaId: media[1]!, embedding: syntheticEmbedding(7) });
    expect(await faceItems()).toHaveLength(1);

    expect((await api('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
    const scheduled = await api<{ delete_at: string }>('GET', `/v3.6/applicants/${applicantId}`);
    expect(Date.parse(scheduled.body.delete_at) - Date.now()).toBeGreaterThan((GRACE_S - 60) * 1000);
    // Within the grace period nothing goes, and restore cancels the purge.
    expect(await sweep(new Date(Date.now() + GRACE_S * 1000 - 60_000))).toMatchObject({ purged: 0 });
    expect((await api('POST', `/v3.6/applicants/${applicantId}/restore`)).status).toBe(204);
    expect(await sweep(new Date(Date.now() + 2 * HOUR))).toMatchObject({ purged: 0 });
    expect((await api('GET', `/v3.6/applicants/${applicantId}`)).status).toBe(200);

    expect((await api('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
    const later = new Date(Date.now() + GRACE_S * 1000 + 60_000);
    expect(await sweep(later)).toMatchObject({ purged: 1 });

    expect((await api('GET', `/v3.6/applicants/${applicantId}`)).status).toBe(404);
    expect((await api('POST', `/v3.6/applicants/${applicantId}/restore`)).status).toBe(404);
    expect((await api('PUT', `/v3.6/applicants/${applicantId}`, { legal_hold: true })).status).toBe(404);
    for (const id of media) expect((await api('GET', `/v3.6/documents/${id}`)).status).toBe(404);
    expect(await kit.bucketObjects(`sandbox/${applicantId}/`)).toEqual([]);
    const items = await kit.tableText();
    expect(items.filter((i) => i.includes(name))).toEqual([]);
    expect(items.filter((i) => i.includes('custom data of the run'))).toEqual([]);
    expect(items.filter((i) => media.some((m) => i.includes(`"MEDIA#${m}"`)))).toEqual([]);
    expect(await faceItems()).toEqual([]);
    const all = (await kit.bucketObjects()).map((o) => o.bytes);
    expect(bytesBefore.filter((b) => all.some((o) => o.equals(b)))).toEqual([]);

    // Accounting: the run is still listed with its status and dates, stripped of data.
    const run = await api<Record<string, unknown>>('GET', `/v3.6/workflow_runs/${runId}`);
    expect(run.body).toMatchObject({ id: runId, status: 'approved', created_at: end.created_at, workflow_version_id: end.workflow_version_id });
    expect(JSON.stringify(run.body)).not.toContain('custom data of the run');
    const tasks = await api<Array<{ id: string; output?: unknown }>>('GET', `/v3.6/workflow_runs/${runId}/tasks`);
    expect(tasks).toMatchObject({ status: 200, body: expect.any(Array) });
    expect(tasks.body.length).toBeGreaterThanOrEqual(4);

    const erasures = await api<{ erasures: Array<Record<string, unknown>> }>('GET', `/v3.6/erasures?applicant_id=${applicantId}`);
    expect(erasures.status).toBe(200);
    expect(erasures.body.erasures).toEqual([expect.objectContaining({
      applicant_id: applicantId, reason: 'deletion', workflow_run_ids: [runId], sandbox: true,
      requested_by: { kind: 'api_token', token_id: expect.any(String) }, purged_at: `${later.toISOString().slice(0, 19)}Z`,
      // s3_objects: the two uploads, and the ended run's evidence PDF and folder (lambdas/evidence).
      removed: expect.objectContaining({ applicant: 1, media: 2, s3_objects: 4, faces: 1, runs: 1, tasks: 4, executions_stopped: 0 }),
    })]);
    expect(JSON.stringify(erasures.body)).not.toContain(name);

    // Idempotent: another sweep finds nothing to do and writes no second record.
    expect(await sweep(new Date(later.getTime() + HOUR))).toMatchObject({ purged: 0 });
    expect((await api<{ erasures: unknown[] }>('GET', `/v3.6/erasures?applicant_id=${applicantId}`)).body.erasures).toHaveLength(1);
  }, 120_000);

  it('removes a run\'s stored profile answers, sent and received data (task records, their events)', async () => {
    const { t } = kit;
    const workflow = await t.workflow(PERSONAL);
    const applicantId = await t.applicant();
    const sdk = await t.sdkToken(applicantId);
    const [answer, note, received] = [unique(), unique(), unique()];
    const run = await t.startRun(workflow, applicantId, { custom_data: { tier: 'gold', note } });
    await t.until(run.id, ['awaiting_input']);
    const answers = { first_name: 'Ann', last_name: answer, dob: '1990-01-31', address: { country: 'USA', town: 'Springfield', postcode: '12345' } };
    expect((await t.complete(run.id, (await t.waitingTask(run.id, 'profile')).id, answers, sdk)).status).toBe(200);
    await t.until(run.id, ['awaiting_client_input']);
    expect((await t.complete(run.id, (await t.waitingTask(run.id, 'ask')).id, { score: 10, remark: received })).status).toBe(200);
    expect((await t.until(run.id, ['approved', 'declined', 'error'])).status).toBe('approved');
    const holding = async () => (await kit.tableText()).filter((i) => [answer, note, received].some((n) => i.includes(n)));
    // Stored on the task records (the profile's answers, what was sent, what was received) and their recorded events.
    expect((await holding()).filter((i) => i.includes('"sk":"TASK#')).length).toBeGreaterThanOrEqual(2);

    expect((await api('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
    expect(await sweep(new Date(Date.now() + GRACE_S * 1000 + 60_000))).toMatchObject({ purged: 1 });
    expect(await holding()).toEqual([]);
    const tasks = await api<Array<{ id: string }>>('GET', `/v3.6/workflow_runs/${run.id}/tasks`);
    for (const task of tasks.body) {
      expect((await api<{ input: unknown; output: unknown }>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${task.id}`)).body).toMatchObject({ input: {}, output: null });
    }
  }, 120_000);

  it('a purged applicant\'s waiting run is stopped and ends error (execution_aborted)', async () => {
    const applicantId = await kit.t.applicant({ first_name: unique() });
    const wf = await kit.finishedRun(); // another applicant's: gives the workflow
    const run = await kit.t.startRun((await api<{ workflow_id: string }>('GET', `/v3.6/workflow_runs/${wf.runId}`)).body.workflow_id, applicantId);
    await kit.t.until(run.id, ['awaiting_input']);
    expect((await api('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
    expect(await sweep(new Date(Date.now() + GRACE_S * 1000 + 60_000))).toMatchObject({ purged: 1 });
    await stack.flushExecutionEvents();
    expect((await api<{ status: string; error: unknown }>('GET', `/v3.6/workflow_runs/${run.id}`)).body).toMatchObject({ status: 'error', error: { type: 'execution_aborted' } });
    const record = (await api<{ erasures: Array<{ removed: Record<string, number> }> }>('GET', `/v3.6/erasures?applicant_id=${applicantId}`)).body.erasures[0]!;
    expect(record.removed).toMatchObject({ runs: 1, executions_stopped: 1 });
    // The stop's status change is no end to announce: the integrator deleted the applicant (no completion, no evidence made again).
    expect(await findEvents(run.id, 'workflow_run.completed')).toEqual([]);
  }, 120_000);

  it('erasures need an applicant_id and show only the caller\'s environment', async () => {
    expect((await api('GET', '/v3.6/erasures')).status).toBe(422);
    expect((await api<{ erasures: unknown[] }>('GET', '/v3.6/erasures?applicant_id=nobody')).body.erasures).toEqual([]);
  });
});

describe('legal hold', () => {
  it('set during the grace period, it pauses the purge until lifted; other updates stay refused', async () => {
    const name = unique();
    const applicantId = await kit.t.applicant({ first_name: name });
    expect((await api('DELETE', `/v3.6/applicants/${applicantId}`)).status).toBe(204);
    expect((await api('PUT', `/v3.6/applicants/${applicantId}`, { first_name: 'Other' })).status).toBe(422);
    const held = await api<{ legal_hold: boolean }>('PUT', `/v3.6/applicants/${applicantId}`, { legal_hold: true });
    expect(held).toMatchObject({ status: 200, body: { legal_hold: true } });

    const t1 = new Date(Date.now() + GRACE_S * 1000 + 60_000);
    expect(await sweep(t1)).toMatchObject({ purged: 0, held: 1 });
    expect((await api<{ first_name: string }>('GET', `/v3.6/applicants/${applicantId}`)).body.first_name).toBe(name);
    expect(await sweep(new Date(t1.getTime() + 2 * HOUR))).toMatchObject({ purged: 0, held: 1 });

    expect((await api('PUT', `/v3.6/applicants/${applicantId}`, { legal_hold: false })).status).toBe(200);
    expect(await sweep(new Date(t1.getTime() + 4 * HOUR))).toMatchObject({ purged: 1 });
    expect((await api('GET', `/v3.6/applicants/${applicantId}`)).status).toBe(404);
  }, 60_000);
});
