/**
 * The results search reads only the runs a page needs: for a name prefix + status, the runs named
 * by the name's index items are read in BatchGets sized by what the page still misses, not the
 * whole Query page of index items (every run read was counted: 66 for this page before, of 120).
 * The page is the same as the one computed from all the runs.
 */
import { searchRuns } from '../../lambdas/results/search';
import { ResultsQuery } from '../../lambdas/results/query';
import { runIndexItems, writeItems } from '../../lambdas/store/run-index';
import { createdKey, keys } from '../../lambdas/store/table';
import { startTestStack, type TestStack } from '../helpers/stack';
import { searchCountingReads } from './search-reads';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

function seeded(i: number) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const applicantId = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
  const created_at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();
  const run = { id, environment: 'sandbox' as const, workflow_id: 'wf-reads', tags: [], created_at };
  const status = i % 2 === 0 ? 'approved' : 'declined';
  const sortKey = createdKey(created_at, id);
  return {
    id, status,
    items: [
      { ...keys.run(id), ...run, applicant_id: applicantId, workflow_version_id: 1, status, customer_user_id: null, link: {}, custom_data: {},
        task_seq: 0, updated_at: created_at, gsi1pk: keys.runs('sandbox'), gsi1sk: sortKey, gsi2pk: keys.runsOfApplicant(applicantId), gsi2sk: sortKey },
      ...runIndexItems(run, { first_name: 'Anouk', last_name: `Reads${i}`, email: `anouk.${i}@example.com` }),
    ],
  };
}

it('reads fewer runs than the index page for a name prefix + status, with the same page', async () => {
  const all = Array.from({ length: 120 }, (_, i) => seeded(i));
  await writeItems(all.flatMap((r) => r.items));

  const { page, runsRead } = await searchCountingReads({ q: 'ano', status: 'approved' });

  const expected = all.filter((r) => r.status === 'approved').map((r) => r.id).reverse();
  expect(page.runs.map((r) => r.id)).toEqual(expected.slice(0, 20));
  expect(page.next).toBe(createdKey(page.runs[19]!.created_at, page.runs[19]!.id));
  expect(runsRead).toBeLessThanOrEqual(50);

  const second = await searchRuns(ResultsQuery.parse({ q: 'ano', status: 'approved', after: page.next }), 'sandbox');
  expect(second.runs.map((r) => r.id)).toEqual(expected.slice(20, 40));
}, 180_000);
