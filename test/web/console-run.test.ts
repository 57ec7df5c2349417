/**
 * A run's page in Chromium against the local stack: reasons, the media images (zoomed with the
 * keyboard, downloaded), every task with its status (logic, retry and skipped ones too) with
 * input and output, the route on the workflow's graph, the timeline with the retry; and the
 * funnel of the workflow's version showing a run abandoned after its first task. axe-core finds
 * no serious or critical violation on each tab and on the funnel.
 */
import type { Browser } from 'playwright-core';
import type { Clock } from '../../local/sfn/contract';
import { INSPECTED } from '../api/run-inspection-workflows';
import type { E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { consolePage, seriousViolations, signIn } from './console-helpers';


// The engine's clock follows the real one until the abandoned run's selfie is made to time out.
let ahead = 0;
const clock: Clock = { now: () => Date.now() + ahead };
let stack: TestStack;
let t: E2e;
let browser: Browser;
let wf: string;
let approved: string;

async function capture(runId: string, applicant: string, sdk: string, task: 'doc' | 'selfie'): Promise<void> {
  await t.until(runId, ['awaiting_input']);
  const id = task === 'doc' ? await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front' }) : await t.upload('live_photos', applicant, sdk);
  expect((await t.complete(runId, (await t.waitingTask(runId, task)).id, [{ id }], sdk)).status).toBe(200);
}
async function check(runId: string, ok: boolean): Promise<void> {
  await t.until(runId, ['awaiting_client_input']);
  expect((await t.complete(runId, (await t.waitingTask(runId, 'check')).id, { ok })).status).toBe(200);
}

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  wf = await t.workflow(INSPECTED);
  // Approved after one retry of the document.
  const a = await t.applicant();
  const sdk = await t.sdkToken(a);
  approved = (await t.startRun(wf, a)).id;
  for (const ok of [false, true]) {
    await capture(approved, a, sdk, 'doc');
    await capture(approved, a, sdk, 'selfie');
    await check(approved, ok);
  }
  await t.until(approved, ['approved']);
  // Abandoned after its first task: the selfie times out.
  const b = await t.applicant();
  const bSdk = await t.sdkToken(b);
  const quitter = (await t.startRun(wf, b)).id;
  await capture(quitter, b, bSdk, 'doc');
  await t.until(quitter, ['awaiting_input']);
  ahead += 3601 * 1000;
  await stack.engine.fireDueTimers();
  await t.until(quitter, ['abandoned']);
}, { stack: { clock }, timeoutMs: 240_000 });

const newPage = () => consolePage(browser, { acceptDownloads: true });

test('the run page shows reasons, media, tasks with statuses, the route on the graph and the timeline', async () => {
  const { page, errors } = await newPage();
  await signIn(page, stack.url, stack.apiToken, `/console/results/${approved}`);
  await page.getByRole('heading', { name: `Run ${approved}` }).waitFor();
  await page.getByText('checked').waitFor();

  await page.getByRole('tab', { name: 'Media' }).click();
  const images = page.getByRole('tabpanel').getByRole('img');
  await images.nth(3).waitFor();
  expect(await images.count()).toBe(4);
  // Every image decoded (blob: URLs of the API's bytes, fetched with the session).
  // (A string, so that this file needs no DOM types.)
  await expect(page.evaluate("[...document.querySelectorAll('.media-item img')].map((img) => img.naturalWidth)")).resolves.toEqual([64, 64, 64, 64]);
  expect(await page.getByRole('img', { name: 'Document (front) from task doc' }).count()).toBe(2);
  expect(await seriousViolations(page)).toEqual([]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Selfie' }).first().click();
  expect((await download).suggestedFilename()).toBe('capture.jpg');
  // Zoom by keyboard only.
  await page.getByRole('button', { name: 'Zoom Document (front)' }).first().focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Document (front)' });
  await dialog.waitFor();
  await dialog.getByText('100 %').waitFor();
  await page.keyboard.press('+');
  await dialog.getByText('150 %').waitFor();
  await page.keyboard.press('+');
  await dialog.getByText('200 %').waitFor();
  await dialog.getByRole('button', { name: 'Zoom out' }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByText('150 %').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  await page.getByRole('tab', { name: 'Tasks' }).click();
  const table = page.getByRole('table', { name: 'Tasks' });
  const row = (name: string) => table.getByRole('row').filter({ hasText: name });
  await row('Decide').first().waitFor();
  expect(await row('Identity document').count()).toBe(2);
  await row('Retake the document').getByText('Completed').waitFor();
  await row('Review').getByText('Skipped').waitFor();
  await row('Back office check').first().getByText('Output').click();
  await row('Back office check').first().getByText('"ok": false').waitFor();
  const graph = page.getByRole('region', { name: 'Workflow canvas' });
  await page.locator('.canvas[aria-busy="false"]').waitFor();
  await graph.getByRole('group', { name: /^Decide · [\d.]+ s$/ }).waitFor();
  expect(await page.locator('.task-node.mark-visited').count()).toBe(6);
  expect(await graph.getByRole('group', { name: 'Review' }).locator('.mark-visited').count()).toBe(0);
  expect(await page.locator('.react-flow__edge.taken').count()).toBe(7);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await timeline.getByText('Task again (retry): retry 1 of the route').waitFor();
  const items = await timeline.getByRole('listitem').allTextContents();
  expect(items[0]).toMatch(/Workflow run created/);
  expect(items.findIndex((x) => x.includes('Workflow run ended: approved'))).toBeGreaterThan(items.findIndex((x) => x.includes('retry 1')));
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 150_000);

test('the funnel shows the run abandoned after its first task', async () => {
  const { page, errors } = await newPage();
  await signIn(page, stack.url, stack.apiToken);
  await page.getByRole('link', { name: 'Funnel' }).click();
  await page.getByRole('combobox', { name: 'Workflow' }).selectOption(wf);
  await page.getByRole('combobox', { name: 'Version' }).selectOption('1');
  await page.waitForURL(/version=1/);
  const chart = page.getByRole('img', { name: 'Funnel chart' });
  await chart.waitFor();
  expect(await chart.getAttribute('aria-labelledby')).toBe('funnel-title funnel-desc');
  await expect(page.locator('#funnel-desc').textContent()).resolves.toContain('Selfie: reached by 2, completed by 1, 1 stopped there.');
  await page.getByText('2 runs started, 1 completed (50 %).').waitFor();
  const selfie = page.getByRole('table', { name: 'Funnel per task' }).getByRole('row').filter({ hasText: 'Selfie' });
  expect(await selfie.getByRole('cell').allTextContents()).toEqual(['Selfie', '2', '1', '1', '0', expect.stringMatching(/ s$/)]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.reload();
  await chart.waitFor();
  expect(errors).toEqual([]);
}, 120_000);
