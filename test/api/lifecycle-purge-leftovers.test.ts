/**
 * What a retention purge must not leave behind (injected clock, `STUDIO_RETENTION_DAYS_SANDBOX`):
 * - a purge cut short after the tasks were emptied still removes the run's media at the next sweep,
 *   and the applicant's stored exports (which hold the run) go with it;
 * - a review run loses its decision, note and assignee, leaves the review queue and cannot be
 *   decided afterwards;
 * - renaming the applicant afterwards does not index the purged run under the new name;
 * - a report that was still working when its run was purged cannot write its output back, nor
 *   can a webhook message processed late record its event again;
 * - a restore or legal hold that arrives while an applicant's purge runs is refused (422), and the purge finishes;
 * - lengthening the retention (its cursor then past the new cutoff) purges nothing, without failing;
 * - a run still open does not hold back the runs created after it, and goes once it has ended N days ago.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { recordEvent } from '../../lambdas/events/record';
import { indexKey } from '../../lambdas/store/run-index';
import { getTask, putTaskOnce } from '../../lambdas/store/tasks';
import { mediaPrefix, putObject } from '../../lambdas/store/s3';
import { CAPTURE } from '../e2e/workflows';
import { startTestStack, type TestStack } from '../helpers/stack';
import { ENDED, lifecycleKit, setRetention } from './lifecycle-helpers';

const DAY = 86_400_000;
const REVIEW = { name: 'Review', start: 'review', tasks: [{ id: 'review', type: 'result', outcome: 'review' }] };
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
beforeAll(async () => {
  stack = await startTestStack();
  kit = lifecycleKit(stack);
  setRetention('30');
}, 120_000);
afterAll(async () => {
  kit.close();
  await stack.stop();
  setRetention(undefined);
});

const api = <T = Record<string, unknown>>(method: string, path: string, json?: unknown) => kit.t.call<T>(method, path, json);
const endedAt = (run: Record<string, unknown>) => Date.parse(String(run.updated_at));

it('removes the media of a run whose first purge stopped after emptying its tasks', async () => {
  const run = await kit.finishedRun({ first_name: 'Cut' });
  // A large export (stored, fetched through a presigned link) holds the run too.
  await putObject(`${mediaPrefix('sandbox', run.applicantId)}exports/1.zip`, Buffer.from('an export of the applicant'), 'application/zip');
  const doc = clients().doc;
  const send = doc.send.bind(doc);
  let failed = 0;
  // The run's own last write fails once: its tasks are empty by then, `purged_at` not yet set.
  jest.spyOn(doc, 'send').mockImplementation((async (command: unknown) => {
    if (command instanceof UpdateCommand && String(command.input.UpdateExpression).includes('custom_data = :empty') && failed++ === 0) throw new Error('injected: the run update failed');
    return send(command as never);
  }) as never);
  try {
    await expect(sweep(new Date(endedAt(run.end) + 31 * DAY))).rejects.toThrow('1 purge(s) failed');
  } finally {
    jest.restoreAllMocks();
  }
  expect(failed).toBeGreaterThan(0);
  await sweep(new Date(endedAt(run.end) + 31 * DAY + 60_000));
  expect((await api<{ output: unknown }>('GET', `/v3.6/workflow_runs/${run.runId}`)).body.output ?? null).toBeNull();
  for (const id of run.media) expect((await api('GET', `/v3.6/documents/${id}`)).status).toBe(404);
  expect(await kit.bucketObjects(`sandbox/${run.applicantId}/`)).toEqual([]);

  // A report that was still working during the purge finishes now: its output is not written back.
  const late = {
    id: 'document_report_late', workflow_run_id: run.runId, workflow_task_id: 'document_report', task_type: 'document_report', kind: 'report' as const,
    task_def_id: 'document_report', task_def_version: '1', status: 'completed' as const, config: {}, input: {}, output: { result: 'clear', properties: { first_name: 'Cut' } },
    announced: false, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
  };
  expect(await putTaskOnce(late)).toBe(false);
  expect(await getTask(run.runId, late.id)).toBeUndefined();
  const event = {
    id: 'late-event', 'detail-type': 'workflow_task.completed', source: 'studio.workflows', time: '2026-01-01T00:00:00Z',
    detail: { workflow_run_id: run.runId, task_id: late.id, task_def_id: 'document_report', task_def_version: '1', status: 'completed', output: late.output },
  };
  expect(await recordEvent(event, { late: true })).toBeUndefined();
  expect((await kit.tableText()).filter((item) => item.includes('late-event'))).toEqual([]);
}, 120_000);

it('leaves no review decision, note or queue entry on purged review runs, and no index under a later name', async () => {
  const workflow = await kit.t.workflow(REVIEW);
  const applicant = await kit.t.applicant({ first_name: 'Reviewed' });
  const [decided, open] = [await kit.t.startRun(workflow, applicant), await kit.t.startRun(workflow, applicant)];
  const ends = await Promise.all([decided, open].map((r) => kit.t.until(r.id, ENDED)));
  expect(ends.map((r) => r.status)).toEqual(['review', 'review']);
  expect((await api('POST', `/v3.6/studio/review_queue/${open.id}/assign`, {})).status).toBe(200);
  const note = 'Note naming Reviewed: passport photo matches';
  expect((await api('POST', `/v3.6/studio/review_queue/${decided.id}/decision`, { decision: 'approve', note })).status).toBe(200);

  await sweep(new Date(Math.max(...ends.map(endedAt)) + 31 * DAY));
  for (const id of [decided.id, open.id]) {
    const run = (await api<{ review?: unknown }>('GET', `/v3.6/workflow_runs/${id}`)).body;
    expect([id, run.review]).toEqual([id, undefined]);
  }
  expect((await kit.tableText()).filter((item) => item.includes('passport photo matches'))).toEqual([]);
  const queue = (await api<{ results: Array<{ id: string }> }>('GET', '/v3.6/studio/review_queue')).body.results.map((r) => r.id);
  expect(queue).not.toContain(open.id);
  expect((await api('POST', `/v3.6/studio/review_queue/${open.id}/decision`, { decision: 'decline', note: 'too late' })).status).toBeGreaterThanOrEqual(400);

  expect((await api('PUT', `/v3.6/applicants/${applicant}`, { first_name: 'Renamed', email: 'renamed@example.com' })).status).toBe(200);
  const indexed = (await kit.tableText()).filter((item) => [decided.id, open.id].some((id) => item.includes(`"pk":"${indexKey(id)}"`)));
  expect(indexed).toEqual([]);
}, 120_000);

it('purges the runs after a run still open, and the open one once it has ended N days ago', async () => {
  const open = await kit.t.startRun(await kit.t.workflow(CAPTURE()), await kit.t.applicant({ first_name: 'Open' }));
  await kit.t.until(open.id, ['awaiting_input']);
  const later = await kit.finishedRun({ first_name: 'Later' });
  const t31 = endedAt(later.end) + 31 * DAY;
  expect(await sweep(new Date(t31))).toMatchObject({ retention: { sandbox: 1 } });
  expect((await api<{ output: unknown }>('GET', `/v3.6/workflow_runs/${later.runId}`)).body.output ?? null).toBeNull();
  expect((await api<{ status: string }>('GET', `/v3.6/workflow_runs/${open.id}`)).body.status).toBe('awaiting_input');

  const task = await kit.t.waitingTask(open.id, 'doc');
  const doc = await kit.t.upload('documents', String(open.applicant_id), open.sdk_token!, { type: 'passport' });
  expect((await kit.t.complete(open.id, task.id, [{ id: doc }], open.sdk_token!)).status).toBe(200);
  const ended = await kit.t.until(open.id, ENDED);
  // Checked again an hour after the walk passed it: ended more than 30 days before the sweep's clock.
  expect(await sweep(new Date(Math.max(t31, endedAt(ended) + 31 * DAY) + 2 * 3_600_000))).toMatchObject({ purged: 1 });
  expect((await api('GET', `/v3.6/documents/${doc}`)).status).toBe(404);
  expect((await api<{ output: unknown }>('GET', `/v3.6/workflow_runs/${open.id}`)).body.output ?? null).toBeNull();
}, 120_000);

it('refuses a restore and a legal hold that arrive while the applicant\'s purge runs, and purges whole', async () => {
  const run = await kit.finishedRun({ first_name: 'Racing' });
  expect((await api('DELETE', `/v3.6/applicants/${run.applicantId}`)).status).toBe(204);
  const dueAt = (await api<{ delete_at: string }>('GET', `/v3.6/applicants/${run.applicantId}`)).body.delete_at;
  const doc = clients().doc;
  const send = doc.send.bind(doc);
  const answers: number[] = [];
  // When the purge reads the applicant's runs, the integrator asks for a restore, then a hold.
  jest.spyOn(doc, 'send').mockImplementation((async (command: unknown) => {
    if (answers.length === 0 && command instanceof QueryCommand && command.input.IndexName === 'gsi2' && JSON.stringify(command.input.ExpressionAttributeValues).includes(run.applicantId)) {
      answers.push(0);
      answers.push((await api('POST', `/v3.6/applicants/${run.applicantId}/restore`)).status);
      answers.push((await api('PUT', `/v3.6/applicants/${run.applicantId}`, { legal_hold: true })).status);
    }
    return send(command as never);
  }) as never);
  try {
    await sweep(new Date(Date.parse(dueAt) + 1000));
  } finally {
    jest.restoreAllMocks();
  }
  expect(answers).toEqual([0, 422, 422]);
  expect((await api('GET', `/v3.6/applicants/${run.applicantId}`)).status).toBe(404);
  expect(await kit.bucketObjects(`sandbox/${run.applicantId}/`)).toEqual([]);
}, 120_000);

it('purges nothing, without failing, once the retention is lengthened past where its walk stands', async () => {
  const run = await kit.finishedRun({ first_name: 'Longer' });
  expect(await sweep(new Date(endedAt(run.end) + 31 * DAY))).toMatchObject({ retention: { sandbox: 1 } });
  setRetention('90');
  try {
    expect(await sweep(new Date(endedAt(run.end) + 32 * DAY))).toMatchObject({ retention: { sandbox: 0 } });
  } finally {
    setRetention('30');
  }
}, 120_000);
