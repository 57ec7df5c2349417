/**
 * The console's results search on the local stack (`GET /v3.6/studio/results`): by email, name
 * prefix (first, last, full; case- and accent-insensitive), run and applicant id; filters
 * (status, workflow, dates, tags, report type + result); paging; sort; a changed applicant is
 * found by its new name; bad queries are 422s.
 */
import { startTestStack, type TestStack } from '../helpers/stack';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { SCREEN } from './results-workflows';

interface Row { id: string; status: string; applicant: { first_name: string | null; email: string | null }; workflow_name: string | null; reports: string[]; reasons: unknown[] }
interface Page { results: Row[]; next: string | null }

let stack: TestStack;
let t: E2e;
let screen: string;
let other: string;
const runs: Record<string, { id: string; applicant: string }> = {};

beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  screen = await t.workflow(SCREEN);
  other = await t.workflow(SCREEN);
  const people: Array<[string, Json, string, string[]]> = [
    ['zoe', { first_name: 'Zoë', last_name: 'Ångström', email: 'Zoe.Angstrom@Example.com' }, screen, ['vip']],
    ['zoran', { first_name: 'Zoran', last_name: 'Consider', email: 'zoran@example.com' }, screen, ['vip', 'eu']],
    ['anna', { first_name: 'Anna', last_name: 'Zoller', email: 'anna@example.com' }, other, []],
  ];
  for (const [key, fields, wf, tags] of people) {
    const applicant = await t.applicant(fields);
    const run = await t.startRun(wf, applicant, { tags });
    runs[key] = { id: run.id, applicant };
  }
  await t.until(runs.zoe!.id, ['approved']);
  await t.until(runs.zoran!.id, ['review']);
  await t.until(runs.anna!.id, ['approved']);
}, 120_000);
afterAll(() => stack.stop());

const search = async (query: string) => {
  const res = await t.call<Page>('GET', `/v3.6/studio/results?${query}`);
  expect(res.status).toBe(200);
  return res.body;
};
const ids = async (query: string) => (await search(query)).results.map((r) => r.id);
const mine = (list: string[]) => list.filter((id) => Object.values(runs).some((r) => r.id === id));
const of = (...keys: string[]) => keys.map((k) => runs[k]!.id);

it('finds a run by email (exact, any case) with its applicant, workflow and reasons', async () => {
  const page = await search('q=ZOE.angstrom@example.COM');
  expect(page.results.map((r) => r.id)).toEqual(of('zoe'));
  expect(page.results[0]).toMatchObject({
    status: 'approved', applicant: { first_name: 'Zoë', email: 'Zoe.Angstrom@Example.com' }, workflow_name: 'E2E', reasons: ['clear'],
    reports: ['watchlist_report', 'watchlist_report#clear'],
  });
  expect(await ids('q=zoe.angstrom@example')).toEqual([]);
});

it('finds runs by a prefix of the first, last or full name, ignoring case and accents', async () => {
  expect(mine(await ids('q=zo'))).toEqual(of('anna', 'zoran', 'zoe'));
  expect(mine(await ids('q=ZOE'))).toEqual(of('zoe'));
  expect(mine(await ids('q=zor'))).toEqual(of('zoran'));
  expect(mine(await ids('q=angst'))).toEqual(of('zoe'));
  expect(mine(await ids('q=Zoll'))).toEqual(of('anna'));
  expect(mine(await ids('q=zo%C3%AB%20%C3%A5ng'))).toEqual(of('zoe'));
  expect(mine(await ids('q=zoran%20c'))).toEqual(of('zoran'));
  expect(await ids('q=zoranx')).toEqual([]);
});

it('finds a run by its id and the runs of an applicant by the applicant id', async () => {
  expect(await ids(`q=${runs.zoran!.id}`)).toEqual(of('zoran'));
  expect(await ids(`q=${runs.anna!.applicant}`)).toEqual(of('anna'));
  expect(await ids(`q=${runs.anna!.id}&status=review`)).toEqual([]);
});

it('filters by status, workflow, tags, report type and result, dates; combined with a search', async () => {
  expect(mine(await ids('status=review'))).toEqual(of('zoran'));
  expect(mine(await ids('status=review,approved'))).toEqual(of('anna', 'zoran', 'zoe'));
  expect(await ids(`workflow_id=${other}`)).toEqual(of('anna'));
  expect(await ids(`workflow_id=${screen}&status=approved`)).toEqual(of('zoe'));
  expect(mine(await ids('tags=vip'))).toEqual(of('zoran', 'zoe'));
  expect(mine(await ids('tags=vip,eu'))).toEqual(of('zoran'));
  expect(mine(await ids('report_type=watchlist_report&report_result=consider'))).toEqual(of('zoran'));
  expect(mine(await ids('q=zo&report_type=watchlist_report&report_result=clear'))).toEqual(of('anna', 'zoe'));
  expect(mine(await ids('q=zo&status=review'))).toEqual(of('zoran'));
  expect(mine(await ids('q=zo&from=2000-01-01&to=2001-01-01'))).toEqual([]);
  expect(mine(await ids(`q=zo&from=${new Date(Date.now() - 3_600_000).toISOString()}`))).toEqual(of('anna', 'zoran', 'zoe'));
});

it('pages with `next` in date order, both ways', async () => {
  const first = await search('q=zo&limit=2');
  expect(mine(first.results.map((r) => r.id))).toEqual(of('anna', 'zoran'));
  expect(first.next).toEqual(expect.any(String));
  const second = await search(`q=zo&limit=2&after=${encodeURIComponent(first.next!)}`);
  expect(mine(second.results.map((r) => r.id))).toEqual(of('zoe'));
  expect(mine(await ids('q=zo&sort=asc'))).toEqual(of('zoe', 'zoran', 'anna'));
  const asc = await search('q=zo&sort=asc&limit=1');
  expect(mine(await ids(`q=zo&sort=asc&after=${encodeURIComponent(asc.next!)}`))).toEqual(of('zoran', 'anna'));
});

it('a changed applicant is found by its new name and email, no longer by the old ones', async () => {
  expect((await t.call('PUT', `/v3.6/applicants/${runs.anna!.applicant}`, { first_name: 'Bérénice', email: 'bere@example.com' })).status).toBe(200);
  expect(mine(await ids('q=bere'))).toEqual(of('anna'));
  expect(mine(await ids('q=bere@example.com'))).toEqual(of('anna'));
  expect(mine(await ids('q=anna'))).toEqual([]);
  expect(await ids('q=anna@example.com')).toEqual([]);
  expect(mine(await ids('q=zoller'))).toEqual(of('anna'));
});

it('refuses bad queries with Onfido\'s error body', async () => {
  for (const q of ['status=nope', 'limit=1000', 'from=yesterday', 'report_result=clear', 'after=x']) {
    const res = await t.call<{ error: { type: string } }>('GET', `/v3.6/studio/results?${q}`);
    expect([q, res.status, res.body.error.type]).toEqual([q, 422, 'validation_error']);
  }
});
