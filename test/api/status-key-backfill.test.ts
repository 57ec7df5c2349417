/**
 * Runs written before they carried `env_status` (`<environment>#<status>`, the key of the index
 * `by_env_status`) get it from the lifecycle sweep's one-off walk of each environment's runs;
 * until that walk is done, status lists read the shared `by_status` as before, with the same
 * pages. A run ended by a state machine compiled before the key (which writes the status alone)
 * gets it when its end reaches the evidence function, as its search index items get the end.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createEvidenceHandler } from '../../lambdas/evidence/handler';
import { TRIAL_EVENT_SOURCE } from '../../lambdas/events/schemas';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { keys } from '../../lambdas/store/table';
import { startTestStack, type TestStack } from '../helpers/stack';
import { listCountingReads, seedRuns, setStatusAlone, storedRun } from './status-runs';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

const base = Date.now();
const newest = (ids: string[]) => [...ids].reverse();

/** The run as code from before the key wrote it: the status, no key. */
const asBefore = (runId: string, status: string) => clients().doc.send(new UpdateCommand({
  TableName: config().TABLE_NAME, Key: keys.run(runId), UpdateExpression: 'SET #s = :s REMOVE env_status',
  ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status },
}));

it('gives runs written before the key theirs; until then status lists read by_status, with the same pages', async () => {
  const sandbox = await seedRuns('sandbox', 0, 12, base - 100_000);
  const live = await seedRuns('live', 1000, 40, base);
  for (const id of [...sandbox, ...live]) await asBefore(id, 'awaiting_input');
  // Ended by a machine compiled before the key: the key still says processing.
  const ended = await seedRuns('sandbox', 2000, 3, base - 200_000);
  for (const id of ended) await setStatusAlone(id, 'approved');

  const before = await listCountingReads({ status: 'awaiting_input' });
  expect(before.ids).toEqual(newest(sandbox));
  expect((await listCountingReads({ status: 'approved' })).ids).toEqual(newest(ended));

  // The runs are younger than the resume sweep's grace: the sweep leaves them alone.
  await sweep(new Date(base));
  await sweep(new Date(base));
  for (const id of sandbox) expect(await storedRun(id)).toMatchObject({ env_status: 'sandbox#awaiting_input' });
  for (const id of ended) expect(await storedRun(id)).toMatchObject({ env_status: 'sandbox#approved' });
  for (const id of live) expect(await storedRun(id)).toMatchObject({ env_status: 'live#awaiting_input' });

  const after = await listCountingReads({ status: 'awaiting_input' });
  expect(after.ids).toEqual(newest(sandbox));
  expect(after.scanned).toBeLessThanOrEqual(sandbox.length);
  const approved = await listCountingReads({ status: 'approved' });
  expect(approved.ids).toEqual(newest(ended));
  expect(approved.scanned).toBeLessThanOrEqual(ended.length);
}, 120_000);

it('a run ended by a machine compiled before the key gets it when its end reaches the evidence function', async () => {
  const [id] = await seedRuns('sandbox', 3000, 1, base + 10_000);
  await setStatusAlone(id!, 'declined');
  // Until then it is under its old key, where its status is checked: never listed as processing.
  expect((await listCountingReads({ status: 'processing' })).ids).not.toContain(id);

  await createEvidenceHandler()({
    source: TRIAL_EVENT_SOURCE, 'detail-type': 'workflow_run.completed',
    detail: { workflow_run_id: id, applicant_id: 'a', status: 'declined', result: { status: 'declined' } },
  });
  expect(await storedRun(id!)).toMatchObject({ status: 'declined', env_status: 'sandbox#declined' });
  expect((await listCountingReads({ status: 'declined' })).ids).toEqual([id]);
});
