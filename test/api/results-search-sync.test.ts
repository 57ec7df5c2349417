/**
 * The run's status on its search index items (store/index-status.ts) follows the run: `live`
 * while it runs (report items included), its end once the state machine has written it (copied
 * on `workflow_run.completed`) or once markRunError ended it; items written later (a renamed
 * applicant) carry the end too. While an ended run's items still say `live`, a search by its end
 * status finds it all the same.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runError } from '../../compiler';
import { clients } from '../../lambdas/shared/aws';
import { indexKey, runIndexItems, writeItems } from '../../lambdas/store/run-index';
import { BACKGROUND, resetRoundTrips, roundTripTallies } from '../../lambdas/shared/round-trips';
import { syncIndexStatus } from '../../lambdas/store/index-status';
import { markRunError } from '../../lambdas/store/runs';
import { updateEach } from '../../lambdas/store/statements';
import { createdKey, keys } from '../../lambdas/store/table';
import { e2e, type E2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { eventually } from '../webhooks/helpers';
import { SCREEN } from './results-workflows';

let stack: TestStack;
let t: E2e;
beforeAll(async () => { stack = await startTestStack(); t = e2e(stack); }, 120_000);
afterAll(() => stack.stop());

const indexItems = async (runId: string) => (await clients().doc.send(new QueryCommand({
  TableName: stack.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': indexKey(runId) },
}))).Items ?? [];
const statuses = async (runId: string) => [...new Set((await indexItems(runId)).map((i) => i.run_status))];
const found = async (query: string) => {
  const res = await t.call<{ results: Array<{ id: string }> }>('GET', `/v3.6/studio/results?${query}`);
  expect(res.status).toBe(200);
  return res.body.results.map((r) => r.id);
};

it('index items take the end the state machine wrote, keep it for later terms, and a run not yet copied is found by its end', async () => {
  const wf = await t.workflow(SCREEN);
  const clearApplicant = await t.applicant({ first_name: 'Syncia', last_name: 'Clear', email: 'syncia.clear@example.com' });
  const clear = (await t.startRun(wf, clearApplicant)).id;
  const review = (await t.startRun(wf, await t.applicant({ first_name: 'Syncia', last_name: 'Consider' }))).id;
  await t.until(clear, ['approved']);
  await t.until(review, ['review']);
  await eventually(async () => (await statuses(clear)).join() === 'approved' && (await statuses(review)).join() === 'review', 30_000);
  const terms = (await indexItems(review)).map((i) => String(i.sk));
  expect(terms).toEqual(expect.arrayContaining([`WORKFLOW#${wf}`, 'NAME#syn', 'REPORT#watchlist_report', 'REPORT#watchlist_report#consider']));
  for (const item of await indexItems(review)) expect(item).toMatchObject({ run_status: 'review', workflow_id: wf });

  expect(await found('q=syncia&status=review')).toEqual([review]);
  expect(await found(`q=syncia&status=approved&workflow_id=${wf}`)).toEqual([clear]);

  // Before the end is copied, the items say `live`: the search still finds the run by its end.
  for (const item of await indexItems(clear)) {
    await clients().doc.send(new UpdateCommand({
      TableName: stack.env.TABLE_NAME, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET run_status = :l', ExpressionAttributeValues: { ':l': 'live' },
    }));
  }
  expect(await found('q=syncia&status=approved')).toEqual([clear]);
  expect(await found('q=syncia.clear@example.com&status=approved')).toEqual([clear]);

  // The applicant renamed after the end: its new name's items carry the end.
  expect((await t.call('PUT', `/v3.6/applicants/${clearApplicant}`, { first_name: 'Renata' })).status).toBe(200);
  const renamed = (await indexItems(clear)).filter((i) => ['NAME#r', 'NAME#re', 'NAME#ren'].includes(String(i.sk)));
  expect(renamed.length).toBe(3);
  for (const item of renamed) expect(item).toMatchObject({ run_status: 'approved', workflow_id: wf });
  expect(await found('q=renata&status=approved')).toEqual([clear]);
}, 180_000);

it('markRunError copies the error on the run\'s index items', async () => {
  const id = '00000000-0000-4000-8000-00000000e001';
  const applicantId = '00000000-0000-4000-9000-00000000e001';
  const created_at = '2026-02-01T00:00:00.000Z';
  const run = { id, environment: 'sandbox' as const, workflow_id: 'wf-error', tags: ['eu'], created_at };
  const sortKey = createdKey(created_at, id);
  await writeItems([
    { ...keys.run(id), ...run, applicant_id: applicantId, workflow_version_id: 1, status: 'processing', customer_user_id: null, link: {}, custom_data: {},
      task_seq: 0, updated_at: created_at, gsi1pk: keys.runs('sandbox'), gsi1sk: sortKey, gsi2pk: keys.runsOfApplicant(applicantId), gsi2sk: sortKey },
    ...runIndexItems(run, { first_name: 'Erra', last_name: 'Tum' }),
  ]);
  expect(await statuses(id)).toEqual(['live']);
  expect(await found('q=erra&status=processing')).toEqual([id]);
  expect(await markRunError(id, runError('internal_error'), '2026-02-01T00:01:00.000Z')).toBe(true);
  expect(await statuses(id)).toEqual(['error']);
  expect(await found('q=erra&status=error')).toEqual([id]);
  expect(await found('tags=eu&status=error')).toEqual([id]);
  expect(await found('q=erra&status=processing')).toEqual([]);
}, 60_000);

it('copies an end on all of a run\'s index items in 3 round trips: the run, its items, one batch of updates', async () => {
  const id = '00000000-0000-4000-8000-00000000e002';
  const created_at = '2026-02-02T00:00:00.000Z';
  const run = { id, environment: 'sandbox' as const, workflow_id: 'wf-sync', tags: ['a', 'b'], created_at };
  await writeItems([
    // The end as a state machine writes it, with its status key (a run without one also gets it: store/status-key.ts).
    { ...keys.run(id), ...run, applicant_id: 'a-sync', workflow_version_id: 1, status: 'approved', env_status: 'sandbox#approved', updated_at: created_at, task_seq: 0 },
    ...runIndexItems(run, { first_name: 'Roundtrip', last_name: 'Counter', email: 'r.c@example.com' }),
  ]);
  const items = (await indexItems(id)).length;
  expect(items).toBeGreaterThan(12);
  resetRoundTrips();
  expect(await syncIndexStatus(id)).toBe(items);
  expect(roundTripTallies()[BACKGROUND]?.operations).toEqual({ GetItemCommand: 1, QueryCommand: 1, BatchExecuteStatementCommand: 1 });
  expect(await statuses(id)).toEqual(['approved']);
  // Nothing left to copy: no update sent.
  expect(await syncIndexStatus(id)).toBe(0);
}, 60_000);

describe('updateEach (store/statements.ts): the sync\'s conditional updates, 25 to a round trip', () => {
  const key = (i: number) => ({ pk: 'UPDATE-EACH', sk: `ITEM#${String(i).padStart(2, '0')}` });
  const update = (i: number, extra = '') => ({
    Statement: `UPDATE "${stack.env.TABLE_NAME}" SET "v" = ? WHERE "pk" = ? AND "sk" = ?${extra}`, Parameters: ['new', key(i).pk, key(i).sk],
  });
  const values = async () => Object.fromEntries(((await clients().doc.send(new QueryCommand({
    TableName: stack.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'UPDATE-EACH' }, ConsistentRead: true,
  }))).Items ?? []).map((i) => [i.sk, i.v]));
  /** Rewrites the answers of the next BatchExecuteStatement calls (one `codes` list per call: an error code per statement, or undefined). */
  function answering(...calls: Array<Array<string | undefined>>) {
    const sent: number[] = [];
    clients().doc.middlewareStack.add((next) => async (args) => {
      const out = await next(args);
      const output = out.output as { Responses?: Array<Record<string, unknown>> };
      const input = args.input as { Statements?: unknown[] };
      if (!input.Statements) return out;
      sent.push(input.Statements.length);
      const codes = calls.shift();
      if (codes) output.Responses = output.Responses!.map((r, k) => (codes[k] ? { Error: { Code: codes[k], Message: 'injected' } } : r));
      return out;
    }, { step: 'initialize', name: 'answering', override: true });
    return { sent, done: () => clients().doc.middlewareStack.remove('answering') };
  }

  beforeEach(async () => {
    await writeItems(Array.from({ length: 30 }, (_, i) => ({ ...key(i), v: 'old', ...(i % 10 === 0 ? { run_status: 'live' } : {}) })));
  });

  it('updates each item that exists and meets its condition, never creates one, and counts what it changed', async () => {
    const waits: number[] = [];
    const spy = answering();
    try {
      // 30 items in 2 round trips (25 + 5); 0, 10, 20 have a status and the condition skips them; 40 does not exist.
      const changed = await updateEach([...Array.from({ length: 30 }, (_, i) => update(i, ' AND "run_status" IS MISSING')), update(40)], async (r) => { waits.push(r); });
      expect(changed).toBe(27);
      expect(spy.sent).toEqual([25, 6]);
    } finally { spy.done(); }
    const now = await values();
    expect(Object.keys(now)).toHaveLength(30);
    for (let i = 0; i < 30; i++) expect(now[key(i).sk]).toBe(i % 10 === 0 ? 'old' : 'new');
    expect(waits).toEqual([]);
  });

  it('sends again, after a back-off, only the statements that failed in a way worth trying again', async () => {
    const waits: number[] = [];
    const spy = answering([undefined, 'TransactionConflict', undefined, 'ThrottlingError'], ['InternalServerError']);
    try {
      expect(await updateEach([0, 1, 2, 3].map((i) => update(i)), async (r) => { waits.push(r); })).toBe(4);
      expect(spy.sent).toEqual([4, 2, 1]);
      expect(waits).toEqual([1, 2]);
    } finally { spy.done(); }
  });

  it('fails at once on an error not worth trying again, and after 4 tries on one that keeps failing', async () => {
    const waits: number[] = [];
    let spy = answering([undefined, 'ValidationError']);
    try {
      await expect(updateEach([update(1), update(2)], async (r) => { waits.push(r); })).rejects.toMatchObject({ name: 'ValidationError' });
      expect(spy.sent).toEqual([2]);
    } finally { spy.done(); }
    spy = answering(['ThrottlingError'], ['ThrottlingError'], ['ThrottlingError'], ['ThrottlingError'], ['ThrottlingError']);
    try {
      await expect(updateEach([update(1)], async (r) => { waits.push(r); })).rejects.toMatchObject({ name: 'ThrottlingError', message: expect.stringContaining('try 4') });
      expect(spy.sent).toEqual([1, 1, 1, 1]);
      expect(waits).toEqual([1, 2, 3]);
    } finally { spy.done(); }
  });
});
