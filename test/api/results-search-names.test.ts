/**
 * A full-name prefix reads its own index key (`NAME#zoe ang`: the first name and 3 letters of the
 * last, store/run-index.ts), not the first name's 3-letter key filtered on the full name: among
 * 300 runs of a Zoë, the 9 of Zoë Ångström are found reading the 38 items of `zoe ang` (before:
 * all 300). Runs indexed before have those keys once the lifecycle's one-off walk has given them
 * (results/index-backfill.ts); until then the search reads the first name's key and finds them.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { backfillNameKeys } from '../../lambdas/results/index-backfill';
import { clients } from '../../lambdas/shared/aws';
import { applicantTerms, indexKey, nameKey, runIndexItems, writeItems } from '../../lambdas/store/run-index';
import { createdKey, keys } from '../../lambdas/store/table';
import { startTestStack, type TestStack } from '../helpers/stack';
import { searchCountingReads } from './search-reads';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

const LAST = ['Berg', 'Castillo', 'Dupont', 'Eriksen', 'Fischer', 'Garcia', 'Horvat', 'Ivanova', 'Jansen', 'Kowalski', 'Larsen', 'Moreau'];

function seeded(i: number, env: 'sandbox' | 'live') {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const applicantId = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
  const created_at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();
  const run = { id, environment: env, workflow_id: 'wf-names', tags: [], created_at, status: 'approved' };
  const sortKey = createdKey(created_at, id);
  // Every 37th is Zoë Ångström; the others Zoë of another last name, some of them beginning with `Ang` too.
  const last = i % 37 === 0 ? 'Ångström' : i % 10 === 0 ? `Angel${i}` : `${LAST[i % LAST.length]!}${i}`;
  return {
    id, last,
    items: [
      { ...keys.run(id), ...run, applicant_id: applicantId, workflow_version_id: 1, customer_user_id: null, link: {}, custom_data: {},
        task_seq: 0, updated_at: created_at, gsi1pk: keys.runs(env), gsi1sk: sortKey, gsi2pk: keys.runsOfApplicant(applicantId), gsi2sk: sortKey },
      ...runIndexItems(run, { first_name: 'Zoë', last_name: last, email: `zoe.${i}@example.com` }),
    ],
  };
}

const walkDone = async (env: 'sandbox' | 'live') => (await clients().doc.send(new GetCommand({
  TableName: stack.env.TABLE_NAME, Key: keys.resultsNameKeysBackfill(env),
}))).Item?.done === true;

it('keys every prefix of the first, last and full name: its first word and 3 letters of the second', () => {
  expect(nameKey('zoe angstr')).toBe('zoe ang');
  expect(nameKey('zoe a')).toBe('zoe a');
  expect(nameKey('angstr')).toBe('ang');
  expect(nameKey('mary ann smith')).toBe('mary ann');
  expect(nameKey('a b c d')).toBe('a b c');
  expect(nameKey('zoe angstr', 1)).toBe('zoe');
  expect(applicantTerms({ first_name: 'Zoë', last_name: 'Ångström', email: 'Zoe@Example.com' }).sort()).toEqual([
    'EMAIL#zoe@example.com', 'NAME#a', 'NAME#an', 'NAME#ang', 'NAME#z', 'NAME#zo', 'NAME#zoe', 'NAME#zoe a', 'NAME#zoe an', 'NAME#zoe ang',
  ]);
  // A first name of two words: as many keys (its own prefixes and the full name's are keyed alike).
  expect(applicantTerms({ first_name: 'Mary Ann', last_name: 'Lindqvist' }).sort()).toEqual([
    'NAME#l', 'NAME#li', 'NAME#lin', 'NAME#m', 'NAME#ma', 'NAME#mar', 'NAME#mary a', 'NAME#mary an', 'NAME#mary ann',
  ]);
});

it('a full-name prefix reads the index items of that name only', async () => {
  const all = Array.from({ length: 300 }, (_, i) => seeded(i, 'sandbox'));
  await writeItems(all.flatMap((r) => r.items));
  while (!(await walkDone('sandbox'))) await backfillNameKeys('sandbox');
  const expected = all.filter((r) => r.last === 'Ångström').map((r) => r.id).reverse();
  expect(expected).toHaveLength(9);

  // The key `zoe ang` holds the Zoë Angel… too (filtered out on the index items): 38 of 300.
  const angs = (last: string) => /^(Ang|Ång)/.test(last);
  const underKey = all.filter((r) => angs(r.last)).length;
  expect(underKey).toBe(38);

  const { page, itemsQueried, runsRead } = await searchCountingReads({ q: 'Zoe ångs' });
  expect(page.runs.map((r) => r.id)).toEqual(expected);
  expect(page.next).toBeNull();
  expect(itemsQueried).toBe(underKey);
  expect(runsRead).toBe(9);

  // The key's own prefix reads it without a filter.
  const three = await searchCountingReads({ q: 'ZOË ANG' });
  expect(three.page.runs).toHaveLength(20);
  expect(three.itemsQueried).toBeLessThanOrEqual(underKey);
  expect(three.page.runs.every((r) => angs(all.find((a) => a.id === r.id)!.last))).toBe(true);
}, 180_000);

it('gives runs indexed before their full-name keys; until then a full-name prefix finds them by the first name', async () => {
  const all = Array.from({ length: 80 }, (_, i) => seeded(1000 + i, 'live'));
  // As indexed before full names had keys: no key of two words.
  const old = all.flatMap((r) => r.items).filter((item) => !/^NAME#.* /.test(String(item.sk)));
  await writeItems(old);
  const expected = all.filter((r) => r.last === 'Ångström').map((r) => r.id).reverse();
  expect(expected.length).toBeGreaterThan(0);

  const before = await searchCountingReads({ q: 'zoe angst' }, 'live');
  expect(before.page.runs.map((r) => r.id)).toEqual(expected);
  expect(before.itemsQueried).toBeGreaterThanOrEqual(80);

  let written = 0;
  while (!(await walkDone('live'))) written += await backfillNameKeys('live', 25, 1);
  // 3 keys of the full name for each run, written once.
  expect(written).toBe(3 * all.length);
  const keysOf = await Promise.all(all.map(async (r) => (await clients().doc.send(new QueryCommand({
    TableName: stack.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': indexKey(r.id) },
  }))).Items ?? []));
  all.forEach((r, i) => {
    const full = keysOf[i]!.filter((item) => / /.test(String(item.sk)));
    expect(full).toHaveLength(3);
    for (const item of full) expect(item).toMatchObject({ run_status: 'approved', workflow_id: 'wf-names', n_last: r.last.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase() });
  });

  const after = await searchCountingReads({ q: 'zoe angst' }, 'live');
  expect(after.page.runs.map((r) => r.id)).toEqual(expected);
  expect(after.itemsQueried).toBe(all.filter((r) => /^(Ang|Ång)/.test(r.last)).length);
}, 180_000);
