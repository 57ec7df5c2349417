/**
 * Status lists read only their environment's runs: `GET /v3.6/workflow_runs?status=` and the
 * console's results search read the index `by_env_status` (`<environment>#<status>`), so 150
 * newer live runs of a status cost a sandbox list of that status nothing, and its pages are full
 * (before: the shared `by_status` partition, every live run of the status read and dropped). The
 * key is written with every status: by the run's creation, its tasks, markRunError and the
 * compiled state machine's end.
 */
import { sweep } from '../../lambdas/lifecycle/sweep';
import { runError } from '../../compiler';
import { markRunError } from '../../lambdas/store/runs';
import { e2e, type Run } from '../e2e/helpers';
import { ASK } from '../e2e/workflows';
import { startTestStack, type TestStack } from '../helpers/stack';
import { searchCountingReads } from './search-reads';
import { listCountingReads, seedRuns, storedRun } from './status-runs';

let stack: TestStack;
let sandbox: string[];
let live: string[];
const base = Date.now();
beforeAll(async () => {
  stack = await startTestStack();
  // 30 sandbox runs, then 150 newer live runs; 5 sandbox and 40 live end `error`.
  sandbox = await seedRuns('sandbox', 0, 30, base - 160_000);
  live = await seedRuns('live', 1000, 150, base);
  for (const id of [...sandbox.slice(0, 5), ...live.slice(0, 40)]) await markRunError(id, runError('internal_error'), new Date(base).toISOString());
  // The lifecycle's walk giving older runs their key: on a table this new, done in a pass (the runs are younger than the resume sweep's grace).
  await sweep(new Date(base));
  await sweep(new Date(base));
}, 120_000);
afterAll(() => stack.stop());

const newest = (ids: string[]) => [...ids].reverse();

it('a sandbox status list reads none of the live runs of that status, and its pages are full', async () => {
  const processing = newest(sandbox.slice(5));
  const page1 = await listCountingReads({ status: 'processing' });
  expect(page1.ids).toEqual(processing.slice(0, 20));
  // At most the sandbox runs of the status: not one of the 110 live ones.
  expect(page1.scanned).toBeLessThanOrEqual(25);
  const page2 = await listCountingReads({ status: 'processing', page: '2' });
  expect(page2.ids).toEqual(processing.slice(20));
  expect(page2.scanned).toBeLessThanOrEqual(25);

  const errors = await listCountingReads({ status: 'error' });
  expect(errors.ids).toEqual(newest(sandbox.slice(0, 5)));
  expect(errors.scanned).toBeLessThanOrEqual(5);
  const both = await listCountingReads({ status: 'processing,error' });
  expect(both.ids).toEqual(newest(sandbox).slice(0, 20));
  expect(both.scanned).toBeLessThanOrEqual(30);

  // The other way round: live's lists read live's runs.
  const liveList = await listCountingReads({ status: 'processing' }, 'live');
  expect(liveList.ids).toEqual(newest(live.slice(40)).slice(0, 20));
  expect(liveList.scanned).toBeLessThanOrEqual(110);
});

it('the API answers full pages of the environment\'s runs', async () => {
  const page1 = await stack.apiJson<Run[]>('/v3.6/workflow_runs?status=processing');
  expect(page1.status).toBe(200);
  expect(page1.body.map((r) => r.id)).toEqual(newest(sandbox.slice(5)).slice(0, 20));
  const page2 = await stack.apiJson<Run[]>('/v3.6/workflow_runs?status=processing&page=2');
  expect(page2.body.map((r) => r.id)).toEqual(newest(sandbox.slice(5)).slice(20));
});

it('the results search by status reads only the environment\'s runs', async () => {
  const { page, itemsQueried } = await searchCountingReads({ status: 'processing' });
  expect(page.runs.map((r) => r.id)).toEqual(newest(sandbox.slice(5)).slice(0, 20));
  expect(page.next).not.toBeNull();
  expect(itemsQueried).toBeLessThanOrEqual(25);
});

it('a run\'s start, its tasks and the state machine\'s end write the key with the status', async () => {
  const t = e2e(stack);
  const wf = await t.workflow(ASK);
  const run = await t.startRun(wf, await t.applicant(), { custom_data: { tier: 'gold' } });
  await t.until(run.id, ['awaiting_client_input']);
  expect(await storedRun(run.id)).toMatchObject({ status: 'awaiting_client_input', env_status: 'sandbox#awaiting_client_input' });
  const task = await t.waitingTask(run.id, 'ask');
  expect((await t.complete(run.id, task.id, { score: 5 })).status).toBe(200);
  await t.until(run.id, ['approved']);
  expect(await storedRun(run.id)).toMatchObject({ status: 'approved', env_status: 'sandbox#approved' });
  expect((await listCountingReads({ status: 'approved' })).ids).toEqual([run.id]);
  expect((await storedRun(sandbox[0]!))).toMatchObject({ status: 'error', env_status: 'sandbox#error' });
  expect((await storedRun(sandbox[29]!))).toMatchObject({ status: 'processing', env_status: 'sandbox#processing' });
}, 60_000);
