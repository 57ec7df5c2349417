/**
 * A workflow's generic link in Chromium: `/capture/f/<workflow id>` asks for the applicant
 * fields the workflow requires (errors tied to the fields), creates the applicant and the run,
 * and continues at the run's link; too many starts from one address are said in words.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { e2e, type E2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { axe } from './capture-helpers';

const ROOT = path.resolve(__dirname, '../..');
let stack: TestStack;
let t: E2e;
let browser: Browser;
let workflow: string;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'web/build.js')], { stdio: 'inherit' });
  stack = await startTestStack({ staticDir: path.join(ROOT, 'web/dist') });
  t = e2e(stack);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'] });
  workflow = await t.workflow({
    name: 'Open', start: 'doc', settings: { generic_link: true, welcome: false }, input: { applicant: ['email'] },
    tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
  });
}, 120_000);
afterAll(async () => { await browser?.close(); await stack?.stop(); });

const phone = async () => (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();

it('asks for the required applicant fields, then creates the run and continues at its link', async () => {
  const page = await phone();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.url}/capture/f/${workflow}`);
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 30_000 });
  expect(await page.title()).toBe('E2E');
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true'); // required by the workflow
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 }); // the run's document step
  const runId = /\/capture\/([^/?#]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
  const run = await t.run(runId);
  expect(run).toMatchObject({ workflow_id: workflow });
  const applicant = await t.call('GET', `/v3.6/applicants/${String(run.applicant_id)}`);
  expect(applicant.body).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
  expect(errors).toEqual([]);
}, 60_000);

it('says when too many runs were started from the address (429, Retry-After)', async () => {
  // Fill this minute's window for 127.0.0.1 (the browser's address too), with time left in it.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await fetch(`${stack.url}/v3.6/generic_links/${workflow}/workflow_runs`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicant: { first_name: 'A', last_name: 'B', email: 'a@example.com' } }),
    });
    if (res.status === 429 && Number(res.headers.get('retry-after')) >= 15) break;
    expect([201, 429]).toContain(res.status);
    if (Date.now() > deadline) throw new Error('the rate limit never answered 429');
  }
  const page = await phone();
  await page.goto(`${stack.url}/capture/f/${workflow}`);
  await page.getByLabel('First name').fill('Ada', { timeout: 30_000 });
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: /Too many verifications were started from your network\. Please try again in \d+ s\./ }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).waitFor(); // the form stays, to try again
  expect(await axe(page)).toEqual([]);
}, 120_000);

it('a workflow that does not offer a generic link says the link is not available', async () => {
  const closed = await t.workflow({ name: 'Closed', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }] });
  const page = await phone();
  await page.goto(`${stack.url}/capture/f/${closed}`);
  await page.getByRole('alert').filter({ hasText: 'This link is not available.' }).waitFor({ timeout: 30_000 });
}, 60_000);
