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
import { markRunError } from '../../lambdas/store/runs';
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
