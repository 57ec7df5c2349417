/**
 * The second look after a purge (lambdas/lifecycle/recheck.ts): what a function still running at
 * the purge writes afterwards (a task event with the applicant's answers, recorded by the
 * publisher; an evidence PDF) is deleted by the sweep 20 minutes on, not before, and only once.
 */
import { makeEvidence } from '../../lambdas/evidence/build';
import { findEvents } from '../../lambdas/events/record';
import { publish } from '../../lambdas/events/contract';
import { purgeRunFiles } from '../../lambdas/lifecycle/media';
import { purgeRun } from '../../lambdas/lifecycle/runs';
import { RECHECK_AFTER_MS } from '../../lambdas/lifecycle/recheck';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { evidenceKey } from '../../lambdas/store/evidence';
import { getRun } from '../../lambdas/store/runs';
import { objectSize, putObject } from '../../lambdas/store/s3';
import { startTestStack, type TestStack } from '../helpers/stack';
import { eventually } from '../webhooks/helpers';
import { lifecycleKit } from './lifecycle-helpers';

const MINUTE = 60_000;
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
beforeAll(async () => { stack = await startTestStack(); kit = lifecycleKit(stack); }, 120_000);
afterAll(async () => { kit.close(); await stack.stop(); });

it('deletes what was written about a run after its purge, at the second look 20 minutes on', async () => {
  const { runId } = await kit.finishedRun({ first_name: 'Latecomer' });
  // The run's end has been handled (evidence signed and announced): nothing of the stack writes about it any more.
  await eventually(async () => (await findEvents(runId, 'workflow_run_evidence_folder.created')).length === 1);
  const purgedAt = Date.now();
  await purgeRun(runId, new Date(purgedAt).toISOString());
  const run = (await getRun(runId))!;
  expect(await findEvents(runId, 'workflow_run.completed')).toEqual([]);

  // A task function that was still running: its event, with the applicant's answers, recorded by the publisher.
  await publish('workflow_task.completed', {
    workflow_run_id: runId, task_id: 'profile_0a1b2c3d4e', task_def_id: 'profile_data', task_def_version: '1', status: 'completed',
    output: { first_name: 'Latecomer', last_name: 'Private' },
  });
  // The evidence function, building the PDF of the run's end while the purge ran.
  await putObject(evidenceKey(run, 'pdf'), Buffer.from('%PDF-1.7 the run as it was'), 'application/pdf');
  expect(await findEvents(runId, 'workflow_task.completed')).toHaveLength(1);

  expect(await sweep(new Date(purgedAt + RECHECK_AFTER_MS - MINUTE))).toMatchObject({ late: 0 });
  expect(await findEvents(runId, 'workflow_task.completed')).toHaveLength(1);

  // The event, and the object with its stored versions (the bucket keeps versions: each is deleted).
  expect((await sweep(new Date(purgedAt + RECHECK_AFTER_MS + MINUTE))).late).toBeGreaterThanOrEqual(2);
  expect(await findEvents(runId, 'workflow_task.completed')).toEqual([]);
  expect(await objectSize(evidenceKey(run, 'pdf'))).toBeUndefined();
  expect((await kit.tableText()).filter((i) => i.includes('Private'))).toEqual([]);

  // Looked at once: the due item is gone.
  await publish('workflow_task.completed', {
    workflow_run_id: runId, task_id: 'profile_0a1b2c3d4e', task_def_id: 'profile_data', task_def_version: '1', status: 'completed', output: {},
  });
  expect(await sweep(new Date(purgedAt + 2 * RECHECK_AFTER_MS))).toMatchObject({ late: 0 });
  expect(await findEvents(runId, 'workflow_task.completed')).toHaveLength(1);
});

it('makes no evidence of a purged run: an end event delivered or retried after the purge writes nothing', async () => {
  const { runId } = await kit.finishedRun({ first_name: 'Retried' });
  await eventually(async () => (await findEvents(runId, 'workflow_run_evidence_folder.created')).length === 1);
  await purgeRunFiles((await getRun(runId))!); // as retention and deletion do, before the run's data
  await purgeRun(runId, new Date().toISOString());
  const run = (await getRun(runId))!;
  expect(await objectSize(evidenceKey(run, 'pdf'))).toBeUndefined();
  expect(await makeEvidence(runId)).toBe('gone');
  expect(await objectSize(evidenceKey(run, 'pdf'))).toBeUndefined();
  expect(await objectSize(evidenceKey(run, 'zip'))).toBeUndefined();
  expect(await findEvents(runId, 'workflow_run_evidence_folder.created')).toEqual([]);
});
