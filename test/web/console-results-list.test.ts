/**
 * The results list and the review queue in Chromium against the local stack: a late reply to a
 * search the user has since changed is not shown (the first reply held with page.route and
 * answered after the second), nor a late funnel; a persistent polite status says how many runs
 * were found; a run an analyst declined says "Declined by …" and an assigned one who it is
 * assigned to; after a decision in the queue, focus goes to the next row, and after "Assign to me"
 * to the row's note, not to the page's body.
 */
import type { Browser, Page, Request, Route } from 'playwright-core';
import { reviewQueue } from '../../lambdas/store/reviews';
import { SCREEN } from '../api/results-workflows';
import type { E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { eventually } from '../webhooks/helpers';
import { consolePage, focusOn, seriousViolations, signIn } from './console-helpers';
import { webSuite } from './web-stack';

let stack: TestStack;
let t: E2e;
let browser: Browser;
let workflow: string;
let vera: string;
let walt: string;
let xena: string;

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  workflow = await t.workflow(SCREEN);
  const start = async (first_name: string, last_name: string) =>
    (await t.startRun(workflow, await t.applicant({ first_name, last_name, email: `${last_name.toLowerCase()}.${stack.url.length}@example.com` }))).id;
  const zoe = await start('Zoë', 'Clear');
  const zoran = await start('Zoran', 'Consider');
  vera = await start('Vera', 'Consider');
  walt = await start('Walt', 'Consider');
  xena = await start('Xena', 'Consider');
  await t.until(zoe, ['approved']);
  for (const id of [zoran, vera, walt, xena]) await t.until(id, ['review']);
  await eventually(async () => (await reviewQueue('sandbox', 100)).runs.filter((r) => [zoran, vera, walt, xena].includes(r.id)).length === 4);
  expect((await t.call('POST', `/v3.6/studio/review_queue/${zoran}/decision`, { decision: 'decline', note: 'A match' })).status).toBe(200);
  expect((await t.call('POST', `/v3.6/studio/review_queue/${walt}/assign`, {})).status).toBe(200);
});

/** Waits (5 s at most) until `test` (run in the page: this file has no DOM types) holds of the focused element. */
/** Resolves once every render the page has scheduled has happened (two animation frames). */
const painted = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
const results = (page: Page) => page.getByRole('table', { name: 'Results' });
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
}

/** Holds the first request that `matches` until `release` (which answers it as the stack does and waits until the page has read it). */
async function holdFirst(page: Page, glob: string, matches: (url: URL) => boolean) {
  let held: Route | undefined;
  const seen = new Promise<void>((resolve) => {
    void page.route(glob, async (route) => {
      if (!held && matches(new URL(route.request().url()))) { held = route; resolve(); return; }
      await route.continue();
    });
  });
  return {
    seen,
    release: async (change: (body: Record<string, unknown>) => Record<string, unknown> = (b) => b) => {
      const route = held!;
      const finished = page.waitForEvent('requestfinished', (r: Request) => r === route.request());
      const response = await route.fetch();
      await route.fulfill({ response, json: change(await response.json() as Record<string, unknown>) });
      await finished;
      await painted(page);
    },
  };
}

test('a late reply to a search changed since is not shown', async () => {
  const { page, errors } = await consolePage(browser);
  const first = await holdFirst(page, '**/v3.6/studio/results?*', (u) => u.searchParams.get('q') === 'zoë');
  await signIn(page, stack.url, stack.apiToken, '/console/results?q=zo%C3%AB');
  await first.seen;
  await page.getByText('Loading…', { exact: true }).waitFor();
  await search(page, 'vera');
  await results(page).getByRole('link', { name: 'Vera Consider', exact: true }).waitFor();
  await first.release(); // Zoë's reply arrives last
  expect(await results(page).getByRole('link', { name: 'Zoë Clear', exact: true }).count()).toBe(0);
  expect(await results(page).getByRole('row').count()).toBe(2); // the header and Vera
  expect(errors).toEqual([]);
}, 120_000);

test('a persistent polite status says loading, how many runs were found, or none', async () => {
  const { page, errors } = await consolePage(browser);
  const first = await holdFirst(page, '**/v3.6/studio/results?*', (u) => u.searchParams.get('q') === 'vera');
  await signIn(page, stack.url, stack.apiToken, '/console/results?q=vera');
  await first.seen;
  const status = page.getByRole('region', { name: 'Results' }).getByRole('status');
  await status.filter({ hasText: /^Loading…$/ }).waitFor();
  const element = await status.elementHandle();
  await first.release();
  await status.filter({ hasText: /^1 run found\.$/ }).waitFor();
  expect(await element!.textContent()).toBe('1 run found.'); // the same element: announced as it changes
  await search(page, 'nobody-like-this');
  await status.filter({ hasText: /^No runs match\.$/ }).waitFor();
  await search(page, 'z');
  await status.filter({ hasText: /^2 runs found\.$/ }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);

test('the list shows an analyst\'s decision and who a review is assigned to, beside the status', async () => {
  const { page, errors } = await consolePage(browser);
  await signIn(page, stack.url, stack.apiToken, '/console/results?status=review');
  const row = (name: string) => results(page).getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  const status = (name: string) => row(name).getByRole('cell').filter({ hasText: /^Review/ });
  await status('Zoran Consider').getByText('Declined by API token', { exact: true }).waitFor();
  await status('Walt Consider').getByText('Assigned to API token', { exact: true }).waitFor();
  await expect(status('Vera Consider').textContent()).resolves.toBe('Review');
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);

test('a late funnel for a choice changed since is not shown', async () => {
  const { page, errors } = await consolePage(browser);
  const first = await holdFirst(page, '**/v3.6/studio/funnel?*', (u) => !u.searchParams.has('include_trials'));
  await signIn(page, stack.url, stack.apiToken, `/console/funnel?workflow_id=${workflow}&version=1`);
  await first.seen;
  await page.getByRole('checkbox', { name: 'Include trial runs' }).check();
  await page.getByText(/^5 runs started, /).waitFor();
  await first.release((b) => ({ ...b, started: 99 }));
  expect(await page.getByText(/^99 runs started/).count()).toBe(0);
  await page.getByText(/^5 runs started, /).waitFor();
  expect(errors).toEqual([]);
}, 120_000);

test('after a decision in the review queue, focus goes to the next row', async () => {
  const { page, errors } = await consolePage(browser);
  await signIn(page, stack.url, stack.apiToken, '/console/review');
  const vera_ = page.getByRole('group', { name: 'Review of Vera Consider' });
  await vera_.getByRole('textbox', { name: 'Note' }).fill('Not the same person');
  await vera_.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('status').filter({ hasText: 'Approved Vera Consider.' }).waitFor();
  await vera_.waitFor({ state: 'detached' });
  // Walt's run (now where Vera's was) has the focus: its link.
  await focusOn(page, { matches: `a[href="/console/results/${walt}"]` });
  expect(errors).toEqual([]);
}, 120_000);

test('after "Assign to me", which goes, focus goes to the row\'s note', async () => {
  const { page, errors } = await consolePage(browser);
  await signIn(page, stack.url, stack.apiToken, '/console/review');
  const xena_ = page.getByRole('group', { name: 'Review of Xena Consider' });
  await xena_.getByRole('button', { name: 'Assign to me' }).click();
  await page.getByRole('status').filter({ hasText: 'Xena Consider is assigned to you.' }).waitFor();
  await xena_.getByRole('button', { name: 'Assign to me' }).waitFor({ state: 'detached' });
  await focusOn(page, { id: `note-${xena}` });
  expect(errors).toEqual([]);
}, 120_000);
