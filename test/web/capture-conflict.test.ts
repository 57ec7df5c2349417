/**
 * A completion refused with a 409 that names no task status (the API's "its run kept changing;
 * try again") is an error the page shows with "Try again", which sends it again and finishes;
 * before, every 409 counted as done and the page waited for good on a task it had skipped.
 */
import { type Browser } from 'playwright-core';
import sharp from 'sharp';
import { type E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { chooseFiles } from './capture-helpers';
import { webSuite } from './web-stack';

let stack: TestStack;
let t: E2e;
let browser: Browser;
let workflow: string;
webSuite(async (s) => {
  ({ stack, t, browser } = s);
  workflow = await t.workflow({
    name: 'Passport', start: 'doc', settings: { welcome: false },
    tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
  });
});

it('a 409 without the task\'s status is shown with "Try again", which completes the task', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' })).newPage();
  const run = await t.startRun(workflow, await t.applicant(), { link: {} });
  let calls = 0;
  await page.route('**/v3.6/workflow_runs/*/tasks/*/complete', async (route) => {
    if (++calls > 1) return route.continue();
    return route.fulfill({ status: 409, contentType: 'application/json',
      body: JSON.stringify({ error: { type: 'conflict', message: 'Task doc: its run kept changing; try again', fields: {} } }) });
  });
  await page.goto((run.link as { url: string }).url);
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const png = await sharp({ create: { width: 320, height: 220, channels: 3, background: { r: 90, g: 120, b: 200 } } }).png().toBuffer();
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name: 'passport.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Use this photo' }).click();
  await page.getByRole('alert').getByRole('button', { name: 'Try again' }).click({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 30_000 });
  expect(calls).toBe(2);
  expect((await t.run(run.id)).status).toBe('approved');
  void stack;
}, 90_000);
