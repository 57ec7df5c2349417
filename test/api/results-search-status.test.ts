/**
 * Index items carry their run's status (store/index-status.ts), so a name prefix with a rare
 * status filters the index items and reads only the runs of the page (before: about
 * 20 ÷ the status's share of runs, since the status was checked on the runs read). Items written
 * before they had a status pass the filter until the lifecycle's backfill gives them one.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { backfillIndexStatus } from '../../lambdas/results/index-backfill';
import { clients } from '../../lambdas/shared/aws';
import { indexKey, runIndexItems, writeItems } from '../../lambdas/store/run-index';
import { createdKey, keys } from '../../lambdas/store/table';
import { startTestStack, type TestStack } from '../helpers/stack';
import { searchCountingReads } from './search-reads';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

function seeded(i: number, first: string, status: string, env: 'sandbox' | 'live' = 'sandbox') {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const applicantId = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
  const created_at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();
  const run = { id, environment: env, workflow_id: 'wf-status', tags: [], created_at };
  const sortKey = createdKey(created_at, id);
  return {
    id, status,
    items: [
      { ...keys.run(id), ...run, applicant_id: applicantId, workflow_version_id: 1, status, customer_user_id: null, link: {}, custom_data: {},
        task_seq: 0, updated_at: created_at, gsi1pk: keys.runs(env), gsi1sk: sortKey, gsi2pk: keys.runsOfApplicant(applicantId), gsi2sk: sortKey },
      ...runIndexItems({ ...run, status }, { first_name: first, last_name: `Status${i}`, email: `${first.toLowerCase()}.${i}@example.com` }),
    ],
  };
}


it('a name prefix + a rare status reads only the runs of the page (the status is filtered on the index items)', async () => {
  // 1 run in 10 declined: 24 of 240.
  const all = Array.from({ length: 240 }, (_, i) => seeded(i, 'Rarely', i % 10 === 3 ? 'declined' : 'approved'));
  await writeItems(all.flatMap((r) => r.items));
  const expected = all.filter((r) => r.status === 'declined').map((r) => r.id).reverse();

  const { page, runsRead } = await searchCountingReads({ q: 'rar', status: 'declined' });
  expect(page.runs.map((r) => r.id)).toEqual(expected.slice(0, 20));
  // The page (20) and the one run that tells there is a next page.
  expect(runsRead).toBeLessThanOrEqual(21);

  const second = await searchCountingReads({ q: 'rarely', status: 'declined', after: page.next ?? '' });
  expect(second.page.runs.map((r) => r.id)).toEqual(expected.slice(20));
  expect(second.page.next).toBeNull();
  expect(second.runsRead).toBeLessThanOrEqual(4);
}, 180_000);

it('index items without a status pass until the backfill gives them their run\'s, with the same pages', async () => {
  const all = Array.from({ length: 60 }, (_, i) => seeded(1000 + i, 'Olden', i % 6 === 0 ? 'review' : 'approved', 'live'));
  // As written before index items carried a status.
  const bare = all.flatMap((r) => r.items).map((item) => {
    if (!String(item.pk).startsWith('RUNINDEX#')) return item;
    const { run_status: _s, workflow_id: _w, ...rest } = item as Record<string, unknown>;
    return rest;
  });
  await writeItems(bare);
  const expected = all.filter((r) => r.status === 'review').map((r) => r.id).reverse();
  const before = await searchCountingReads({ q: 'old', status: 'review' }, 'live');
  expect(before.page.runs.map((r) => r.id)).toEqual(expected);

  while ((await clients().doc.send(new GetCommand({
    TableName: stack.env.TABLE_NAME, Key: keys.resultsIndexBackfill('live'),
  }))).Item?.done !== true) await backfillIndexStatus('live', 25);
  const items = await Promise.all(all.map(async (r) => (await clients().doc.send(new QueryCommand({
    TableName: stack.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': indexKey(r.id) },
  }))).Items ?? []));
  all.forEach((r, i) => {
    expect(items[i]!.length).toBeGreaterThan(0);
    for (const item of items[i]!) expect(item).toMatchObject({ run_status: r.status, workflow_id: 'wf-status' });
  });

  const after = await searchCountingReads({ q: 'old', status: 'review' }, 'live');
  expect(after.page.runs.map((r) => r.id)).toEqual(expected);
  expect(after.runsRead).toBeLessThanOrEqual(expected.length + 1);
}, 180_000);
