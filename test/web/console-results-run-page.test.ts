/**
 * A run's page in Chromium against the local stack when its calls are slow or fail (page.route):
 * the Reports tab says it is loading, not "No reports.", until the tasks arrive; a failed task call
 * and a failed inspection each show an alert in their own sections, once (a tab showing it again
 * shows it without a new alert), while the run's overview and the other sections stay; a failed
 * download of a media item is an alert; closing the zoom dialog gives the focus back to the button
 * that opened it.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { SCREEN } from '../api/results-workflows';
import type { TestStack } from '../helpers/stack';
import { consolePage, focusOn, seriousViolations, signIn } from './console-helpers';
import { webSuite } from './web-stack';

let stack: TestStack;
let browser: Browser;
let run: string;
let report: string;

webSuite(async (s) => {
  ({ stack, browser } = s);
  run = (await s.t.startRun(await s.t.workflow(SCREEN), await s.t.applicant({ first_name: 'Rhea', last_name: 'Consider' }))).id;
  await s.t.until(run, ['review']);
  const tasks = (await s.t.call('GET', `/v3.6/workflow_runs/${run}/tasks`)).body as unknown as Array<{ id: string; task_type: string }>;
  report = tasks.find((x) => x.task_type === 'watchlist_report')!.id;
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const panel = (page: Page) => page.getByRole('tabpanel');
const open = async (page: Page) => {
  await signIn(page, stack.url, stack.apiToken, `/console/results/${run}`);
  await page.getByRole('heading', { name: `Run ${run}`, level: 1 }).waitFor();
};
/** Waits (5 s at most) until `test` (run in the page: this file has no DOM types) holds of the focused element. */

test('the Reports tab says it is loading until the tasks arrive, never "No reports." meanwhile', async () => {
  const { page, errors } = await consolePage(browser);
  let held: Route | undefined;
  const seen = new Promise<void>((resolve) => {
    void page.route(`**/v3.6/workflow_runs/${run}/tasks`, (route) => { held = route; resolve(); });
  });
  await open(page);
  await seen;
  await tab(page, 'Reports').click();
  await panel(page).getByText('Loading…', { exact: true }).waitFor();
  expect(await panel(page).getByText('No reports.').count()).toBe(0);
  await held!.continue();
  await page.getByRole('region', { name: 'Watchlist Report' }).waitFor();
  expect(errors).toEqual([]);
}, 120_000);

/** Runs in the page: logs the text of every alert put into it (an element added with role="alert", or given that role) in `window.__alerts`. */
const RECORD_ALERTS = `(() => {
  const alerts = window.__alerts = [];
  const note = (el) => { if (el.nodeType === 1 && el.getAttribute('role') === 'alert') alerts.push(el.textContent); };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') note(r.target);
      for (const node of r.addedNodes) if (node.nodeType === 1) { note(node); node.querySelectorAll('[role="alert"]').forEach(note); }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['role'] });
})()`;

test('a failed task call and a failed inspection are alerts in their sections, each announced once: another tab showing it adds no alert; the rest of the page stays', async () => {
  const { page, errors } = await consolePage(browser);
  await page.route(`**/v3.6/workflow_runs/${run}/tasks/${report}`, (route) => route.fulfill({ status: 500, json: { error: { type: 'internal_error', message: 'The task is unreadable' } } }));
  await page.route(`**/v3.6/studio/runs/${run}`, (route) => route.fulfill({ status: 500, json: { error: { type: 'internal_error', message: 'Inspection is down' } } }));
  await open(page);
  // The overview and the review decision loaded: they stay.
  await panel(page).getByText('watchlist_hit').waitFor();
  await page.getByRole('region', { name: 'Review', exact: true }).waitFor();
  await page.evaluate(RECORD_ALERTS);
  const reportsFailed = /^Some reports could not be loaded: /;
  const inspectFailed = /^The run's media, tasks and timeline could not be loaded: /;
  await tab(page, 'Reports').click();
  await panel(page).getByRole('alert').filter({ hasText: reportsFailed }).waitFor();
  expect(await panel(page).getByText('No reports.').count()).toBe(0);
  await tab(page, 'Media').click();
  await panel(page).getByRole('alert').filter({ hasText: inspectFailed }).waitFor();
  // Shown again by another tab (or the same one again): in its place, but no longer an alert.
  for (const [name, failed] of [['Tasks', inspectFailed], ['Timeline', inspectFailed], ['Reports', reportsFailed], ['Media', inspectFailed]] as const) {
    await tab(page, name).click();
    await panel(page).getByText(failed).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  }
  await tab(page, 'Overview').click();
  await panel(page).getByText('watchlist_hit').waitFor();
  const alerts = await page.evaluate('window.__alerts') as string[];
  expect(alerts.map((a) => (reportsFailed.test(a) ? 'reports' : inspectFailed.test(a) ? 'inspection' : a))).toEqual(['reports', 'inspection']);
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);

test('a failed download is an alert; the zoom dialog gives the focus back to its button', async () => {
  const { page, errors } = await consolePage(browser);
  // The run has no media of its own: the inspection is given a document, its image served and its download refused.
  await page.route(`**/v3.6/studio/runs/${run}`, async (route) => {
    const response = await route.fetch();
    const body = await response.json() as { media: unknown[] };
    body.media = [{
      id: 'doc_1', kind: 'documents', task_id: 'capture', file_name: 'front.png', content_type: 'image/png', created_at: '2026-01-01T00:00:00.000Z',
      side: 'front', image_href: '/test-media/front.png', download_href: '/test-media/front-original.png',
    }];
    await route.fulfill({ response, json: body });
  });
  await page.route('**/test-media/front.png', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }));
  await page.route('**/test-media/front-original.png', (route) => route.fulfill({ status: 404, json: { error: { type: 'resource_not_found', message: 'Gone' } } }));
  await open(page);
  await tab(page, 'Media').click();
  await panel(page).getByRole('button', { name: 'Download Document (front)', exact: true }).click();
  await panel(page).getByRole('alert').filter({ hasText: /^Document \(front\) could not be downloaded: / }).waitFor();

  const zoom = panel(page).getByRole('button', { name: 'Zoom Document (front)', exact: true });
  await zoom.click();
  await page.getByRole('dialog', { name: 'Document (front)' }).getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await focusOn(page, { text: 'Zoom Document (front)' });
  await zoom.press('Enter');
  await page.getByRole('dialog', { name: 'Document (front)' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await focusOn(page, { text: 'Zoom Document (front)' });
  expect(errors).toEqual([]);
}, 120_000);
