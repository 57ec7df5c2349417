/**
 * The console's results in Chromium against the local stack: a run found by email and by a
 * name prefix; the status and report filters narrow the list and stay in the URL (a reload keeps
 * them); the run's page (its dashboard_url, signed out: sign in, then back) shows reasons, the
 * report tree with results, the tasks with statuses; axe-core finds no serious or critical
 * violation on the list and the run page.
 */
import { type Browser, type Page } from 'playwright-core';
import { SCREEN } from '../api/results-workflows';
import type { E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { consolePage, seriousViolations, signIn } from './console-helpers';


let stack: TestStack;
let t: E2e;
let browser: Browser;
let zoe: string;
let zoran: string;

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  const wf = await t.workflow(SCREEN);
  zoe = (await t.startRun(wf, await t.applicant({ first_name: 'Zoë', last_name: 'Ångström', email: 'zoe.angstrom@example.com' }))).id;
  zoran = (await t.startRun(wf, await t.applicant({ first_name: 'Zoran', last_name: 'Consider', email: 'zoran@example.com' }))).id;
  await t.until(zoe, ['approved']);
  await t.until(zoran, ['review']);
});

const newPage = () => consolePage(browser);
const rows = (page: Page) => page.getByRole('table', { name: 'Results' }).getByRole('row');
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
}

test('finds runs by email and name prefix; status and report filters narrow the list and stay in the URL', async () => {
  const { page, errors } = await newPage();
  await signIn(page, stack.url, stack.apiToken);
  await page.getByRole('link', { name: 'Results' }).click();
  await page.getByRole('link', { name: 'Zoran Consider' }).waitFor(); // the unfiltered list
  await search(page, 'ZOE.Angstrom@example.com');
  // Zoë is in the unfiltered list too: the search has answered once Zoran is gone.
  await page.getByRole('link', { name: 'Zoran Consider' }).waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Zoë Ångström' }).waitFor();
  await expect(rows(page).count()).resolves.toBe(2); // the header and one run
  expect(await seriousViolations(page)).toEqual([]);

  await search(page, 'zor');
  await page.getByRole('link', { name: 'Zoë Ångström' }).waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Zoran Consider' }).waitFor();
  await search(page, 'ångs');
  await page.getByRole('link', { name: 'Zoë Ångström' }).waitFor();

  await search(page, 'zo');
  await page.getByRole('link', { name: 'Zoran Consider' }).waitFor();
  await page.getByRole('link', { name: 'Zoë Ångström' }).waitFor();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('review');
  await page.waitForURL(/status=review/);
  await page.getByRole('link', { name: 'Zoë Ångström' }).waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Zoran Consider' }).waitFor();
  await page.getByRole('button', { name: 'Remove status Review' }).click();
  await page.getByRole('combobox', { name: 'Report type' }).selectOption('watchlist_report');
  await page.getByRole('combobox', { name: 'Result' }).selectOption('clear');
  await page.waitForURL(/report_type=watchlist_report&report_result=clear/);
  await page.getByRole('link', { name: 'Zoran Consider' }).waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Zoë Ångström' }).waitFor();
  expect(new URL(page.url()).searchParams.get('q')).toBe('zo');
  await page.reload();
  await page.getByRole('link', { name: 'Zoë Ångström' }).waitFor();
  await expect(page.getByRole('combobox', { name: 'Result' }).inputValue()).resolves.toBe('clear');
  expect(await page.getByRole('link', { name: 'Zoran Consider' }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 150_000);

test('the dashboard_url signs in and opens the run page: reasons, the report tree, tasks with statuses', async () => {
  const run = await t.run(zoran);
  expect(run.dashboard_url).toBe(`${stack.url}/console/results/${zoran}`);
  const { page, errors } = await newPage();
  await page.goto(String(run.dashboard_url));
  await page.getByRole('textbox', { name: 'API token' }).fill(stack.apiToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: `Run ${zoran}` }).waitFor();
  expect(page.url()).toBe(run.dashboard_url);
  await page.getByText('watchlist_hit').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'Reports' }).click();
  // A report task is named by its type (the report request carries no task name).
  const report = page.getByRole('region', { name: 'Watchlist Report' });
  await report.waitFor();
  expect(await report.locator('.result-consider').count()).toBeGreaterThan(1);
  expect(await report.getByRole('listitem').count()).toBeGreaterThan(1);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'Tasks' }).click();
  // The Tasks tab names each step as the workflow does (the report task is "Screening"), logic and results included.
  const row = (name: string) => page.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ hasText: name });
  await row('Screening').getByText('Completed').waitFor();
  await row('Decide').getByText('Completed').waitFor();
  await row('approve').getByText('Skipped').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 150_000);
