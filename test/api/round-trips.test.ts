/**
 * DynamoDB round trips per API request on the local stack (issue 11, Speed): creating a run
 * and completing a task each cost the API handler at most 5 (batch reads, transactions, cached
 * workflow versions); what they trigger asynchronously (execution start, the task Lambda,
 * execution events, webhook delivery) is counted apart and printed.
 */
import { gatherEvidence } from '../../lambdas/evidence/gather';
import { BACKGROUND, resetRoundTrips, roundTripTallies, withRequestScope, type Tally } from '../../lambdas/shared/round-trips';
import { startTestStack, type TestStack } from '../helpers/stack';
import { e2e, type E2e } from '../e2e/helpers';
import { ASK } from '../e2e/workflows';
import { clearVersionCache } from '../../lambdas/store/workflows';

const CREATE = 'POST /v3.6/workflow_runs';
const COMPLETE = 'POST /v3.6/workflow_runs/{id}/tasks/{task_id}/complete';
const BUDGET = 5;

let stack: TestStack;
let t: E2e;
let ask: string;
beforeAll(async () => {
  // No periodic lifecycle sweep: its reads would land in the triggered tallies (it runs on a timer, not per request).
  stack = await startTestStack();
  t = e2e(stack);
  ask = await t.workflow(ASK);
}, 120_000);
afterAll(() => stack.stop());

/** Runs `fn` (one request), waits for everything it triggered, returns the tallies of both. */
async function measure(label: string, fn: () => Promise<void>): Promise<{ api: Tally; background: number; operations: Record<string, number> }> {
  resetRoundTrips();
  await fn();
  await stack.flushExecutionEvents();
  const tallies = roundTripTallies();
  const api = tallies[label] ?? { requests: 0, dynamodb: 0, operations: {} };
  const background = tallies[BACKGROUND];
  return { api, background: background?.dynamodb ?? 0, operations: background?.operations ?? {} };
}

it(`creating a run and completing its task each cost the API handler at most ${BUDGET} DynamoDB round trips`, async () => {
  const applicant = await t.applicant();
  clearVersionCache();
  const creates: number[] = [];
  const completes: number[] = [];
  const triggered: string[] = [];
  for (let i = 0; i < 3; i++) {
    let runId = '';
    const created = await measure(CREATE, async () => { runId = (await t.startRun(ask, applicant, { custom_data: { tier: 'gold' } })).id; });
    expect(created.api.requests).toBe(1);
    creates.push(created.api.dynamodb);
    await t.until(runId, ['awaiting_client_input']);
    const task = await t.waitingTask(runId, 'ask');
    const completed = await measure(COMPLETE, async () => { expect((await t.complete(runId, task.id, { score: i })).status).toBe(200); });
    expect(completed.api.requests).toBe(1);
    completes.push(completed.api.dynamodb);
    await t.until(runId, ['approved']);
    triggered.push(`create ${created.api.dynamodb} (+${created.background} triggered: ${JSON.stringify(created.operations)}), `
      + `complete ${completed.api.dynamodb} (+${completed.background} triggered: ${JSON.stringify(completed.operations)})`);
  }
  console.log(`DynamoDB round trips per request (API handler, then what it triggers asynchronously):\n${triggered.join('\n')}`);
  expect(Math.max(...creates, ...completes)).toBeLessThanOrEqual(BUDGET);
  // What this code makes: a create reads workflow + applicant in one batch, the version once
  // (then cached), writes the run; a complete reads the run's partition, writes one
  // transaction (with the pending completion event), then records the event as it removes
  // its pending item (two calls side by side).
  expect(creates).toEqual([3, 2, 2]);
  expect(completes).toEqual([4, 4, 4]);
  // No webhook is configured: the webhook function lists them before it reads the run and the task of an event.
  expect(triggered.join('\n')).not.toMatch(/create \d+ \(\+\d+ triggered: [^)]*GetItem/);
}, 60_000);

it('the evidence of an ended run is gathered in 2 DynamoDB round trips (the run with its tasks, then applicant, workflow and version in one batch)', async () => {
  const applicant = await t.applicant({ first_name: 'Ada' });
  const run = await t.startRun(ask, applicant, { custom_data: { tier: 'gold' } });
  await t.until(run.id, ['awaiting_client_input']);
  expect((await t.complete(run.id, (await t.waitingTask(run.id, 'ask')).id, { score: 7 })).status).toBe(200);
  await t.until(run.id, ['approved']);
  await stack.flushExecutionEvents();
  resetRoundTrips();
  const ev = await withRequestScope('evidence', () => gatherEvidence(run.id));
  expect(roundTripTallies().evidence).toMatchObject({ requests: 1, dynamodb: 2, operations: { QueryCommand: 1, BatchGetItemCommand: 1 } });
  expect(ev?.item).toMatchObject({ id: run.id, status: 'approved' });
  expect(ev?.applicant).toMatchObject({ id: applicant, first_name: 'Ada' });
  expect(ev?.workflow).toEqual({ id: ask, name: 'E2E', version: 1, notes: '' });
  expect(ev?.tasks.map((x) => [x.workflow_task_id, x.status, x.output])).toEqual([['ask', 'completed', { score: 7 }]]);
  expect(await withRequestScope('evidence', () => gatherEvidence('no-such-run'))).toBeUndefined();
}, 60_000);
