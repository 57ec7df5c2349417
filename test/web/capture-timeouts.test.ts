/**
 * Time limits on the capture page in Chromium, without waiting for them: playwright's fake clock
 * (`page.clock`) moves the page's timers while a request is held open (`page.route`).
 * Requests: a completion whose answer never comes says so with "Try again", which completes the
 * task once (no second upload, the server's 409 for the repeat counts as done); an upload to S3
 * that stalls is sent again; the first load of the run and of a generic link say so and load again.
 * Deadline (WCAG 2.2.1): 5 minutes before the link expires a polite live region says how long is
 * left, once; at the deadline the page shows the expired screen on its own.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Browser, type Locator, type Page, type Route } from 'playwright-core';
import sharp from 'sharp';
import { clients } from '../../lambdas/shared/aws';
import { keys } from '../../lambdas/store/table';
import { listTasks } from '../../lambdas/store/tasks';
import { type E2e, type Json, type Run } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { axe, chooseFiles } from './capture-helpers';
import { webSuite } from './web-stack';

const PASSPORT: Json = {
  name: 'Passport', start: 'doc', settings: { welcome: false, generic_link: true },
  tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
};
/** Past the page's 30 s limits (web/capture/src/timeouts.ts). */
const PAST_LIMIT_MS = 31_000;

let stack: TestStack;
let t: E2e;
let browser: Browser;
let workflow: string;
webSuite(async (s) => {
  ({ stack, t, browser } = s);
  workflow = await t.workflow(PASSPORT);
});

/** A phone-sized page on a fake clock (time flows until the test moves it), page errors collected. */
async function phone(): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' })).newPage();
  await page.clock.install();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && m.text().includes('missing translation')) errors.push(m.text()); });
  return { page, errors };
}

async function startRun(link: Json = {}): Promise<Run> {
  return t.startRun(workflow, await t.applicant(), { link });
}

/** Whether `locator` has the keyboard focus (the tests compile without the DOM library). */
const focused = (locator: Locator) => locator.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
/** The tag of the element with the keyboard focus ('body' when nothing has it). */
const focusedTag = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName.toLowerCase() ?? 'none');

/** A request held open: `seen` once the page sent it; `release()` ends the hold (the page gave up on it by then). */
function hold(): { handler(route: Route): Promise<void>; seen: Promise<void>; release(): void } {
  let saw!: () => void;
  let release!: () => void;
  const seen = new Promise<void>((r) => { saw = r; });
  const released = new Promise<void>((r) => { release = r; });
  return { seen, release, handler: async (route) => { saw(); await released; await route.abort().catch(() => undefined); } };
}

async function choosePassport(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const png = await sharp({ create: { width: 320, height: 220, channels: 3, background: { r: 90, g: 120, b: 200 } } }).png().toBuffer();
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name: 'passport.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Use this photo' }).click();
}

const documents = async (run: Run) =>
  (await stack.apiJson<{ documents: unknown[] }>(`/v3.6/documents?applicant_id=${run.applicant_id as string}`)).body.documents;

it('a completion without an answer says so with "Try again", which completes the task once, without sending the photo again', async () => {
  const { page, errors } = await phone();
  const run = await startRun();
  const statuses: number[] = [];
  let done!: () => void;
  const reached = new Promise<void>((r) => { done = r; });
  let release!: () => void;
  const released = new Promise<void>((r) => { release = r; });
  // The first completion reaches the server, which completes the task, but its answer never comes back.
  await page.route('**/v3.6/workflow_runs/*/tasks/*/complete', async (route) => {
    const res = await route.fetch();
    statuses.push(res.status());
    if (statuses.length > 1) return route.fulfill({ response: res });
    done();
    await released;
    return route.abort().catch(() => undefined);
  });
  await page.goto((run.link as { url: string }).url);
  await choosePassport(page);
  await reached;
  await page.clock.fastForward(PAST_LIMIT_MS);
  const alert = page.getByRole('alert').filter({ hasText: 'The server is taking too long to answer. Check your internet connection and try again.' });
  await alert.waitFor({ timeout: 30_000 });
  expect(await page.getByRole('button', { name: 'Use this photo' }).isVisible()).toBe(true); // the photo is still there
  expect(await axe(page)).toEqual([]);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 30_000 });
  release();
  // Completed once; the repeat is refused (the run it ended no longer takes its token), and the page counts it as done.
  expect(statuses).toEqual([200, 401]);
  expect(await documents(run)).toHaveLength(1); // the upload was not repeated
  expect(errors).toEqual([]);
}, 120_000);

it('a send that fails puts the focus on the alert\'s "Try again"; sending again, the "Sending…" status holds it, never the page', async () => {
  const { page, errors } = await phone();
  const run = await startRun();
  let completes = 0;
  const second = hold();
  await page.route('**/v3.6/workflow_runs/*/tasks/*/complete', async (route) => {
    if (++completes === 1) return route.abort('connectionfailed');
    return second.handler(route); // held until the focus was checked
  });
  await page.goto((run.link as { url: string }).url);
  await choosePassport(page);
  const alert = page.getByRole('alert').filter({ hasText: 'The connection failed. Check your internet connection and try again.' });
  await alert.waitFor({ timeout: 30_000 });
  const again = alert.getByRole('button', { name: 'Try again', exact: true });
  expect(await focused(again)).toBe(true);
  expect(await axe(page)).toEqual([]);
  await page.keyboard.press('Enter'); // "Try again" from the keyboard, where the focus is
  await second.seen;
  const sending = page.getByRole('status').filter({ hasText: 'Sending… please keep this page open.' });
  expect(await focused(sending)).toBe(true);
  expect(await focusedTag(page)).toBe('p');
  second.release(); // this completion fails too (aborted): the alert takes the focus again
  await alert.waitFor({ timeout: 30_000 });
  expect(await focused(again)).toBe(true);
  expect(completes).toBe(2);
  expect(errors).toEqual([]);
}, 60_000);

it('an upload to S3 that stalls is given up after 30 s without progress and sent again', async () => {
  const { page, errors } = await phone();
  const run = await startRun();
  const own = new URL(stack.url).origin;
  const stalled = hold();
  let posts = 0;
  await page.route((url) => url.origin !== own, async (route) => {
    if (route.request().method() === 'POST' && ++posts === 1) return stalled.handler(route);
    return route.continue();
  });
  await page.goto((run.link as { url: string }).url);
  await choosePassport(page);
  await stalled.seen;
  await page.clock.fastForward(PAST_LIMIT_MS);
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 30_000 });
  stalled.release();
  expect(posts).toBe(2);
  expect(await documents(run)).toHaveLength(1);
  expect(errors).toEqual([]);
}, 120_000);

it('a first read of the run without an answer says the connection was lost, and "Try now" loads the task', async () => {
  const { page, errors } = await phone();
  const run = await startRun();
  const held = hold();
  let reads = 0;
  await page.route(`**/v3.6/workflow_runs/${run.id}`, async (route) => (++reads === 1 ? held.handler(route) : route.continue()));
  await page.goto((run.link as { url: string }).url);
  await held.seen;
  await page.clock.fastForward(PAST_LIMIT_MS);
  await page.getByRole('button', { name: 'Try now' }).click({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 });
  held.release();
  expect(errors).toEqual([]);
}, 60_000);

it('a generic link whose first load gets no answer says so with "Try again", which loads the form', async () => {
  const { page, errors } = await phone();
  const held = hold();
  let loads = 0;
  await page.route(`**/v3.6/generic_links/${workflow}`, async (route) => (++loads === 1 ? held.handler(route) : route.continue()));
  await page.goto(`${stack.url}/capture/f/${workflow}`);
  await held.seen;
  await page.clock.fastForward(PAST_LIMIT_MS);
  const alert = page.getByRole('alert').filter({ hasText: 'The server is taking too long to answer.' });
  await alert.getByRole('button', { name: 'Try again' }).click({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 30_000 });
  held.release();
  expect(loads).toBe(2);
  expect(errors).toEqual([]);
}, 60_000);

it('a generic link start whose answer is lost: "Continue" again goes to the run the first one made, no second applicant or run', async () => {
  const { page, errors } = await phone();
  const held = hold();
  let posts = 0;
  let first = '';
  await page.route(`**/v3.6/generic_links/${workflow}/workflow_runs`, async (route) => {
    if (++posts > 1) return route.continue();
    first = await (await route.fetch()).text(); // the server made the applicant and the run; the page never hears of it
    await held.handler(route);
  });
  const surname = `Lost${Date.now().toString(36)}`;
  await page.goto(`${stack.url}/capture/f/${workflow}`);
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill(surname);
  await page.getByRole('button', { name: 'Continue' }).click();
  await held.seen;
  await page.clock.fastForward(PAST_LIMIT_MS);
  await page.getByRole('alert').filter({ hasText: 'The server is taking too long to answer.' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 }); // the run's document step
  held.release();
  expect(posts).toBe(2);
  expect(new URL(page.url()).pathname).toBe(new URL((JSON.parse(first) as { url: string }).url, stack.url).pathname);
  const listed = await stack.apiJson<{ applicants: Array<{ last_name: string }> }>('/v3.6/applicants?per_page=100');
  expect(listed.body.applicants.filter((a) => a.last_name === surname)).toHaveLength(1);
  expect(errors).toEqual([]);
}, 60_000);

it('warns 5 minutes before the task\'s own deadline (its timeout_seconds) when the link has none', async () => {
  const { page, errors } = await phone();
  const timed = await t.workflow({ ...PASSPORT, name: 'Timed', tasks: [{ id: 'doc', type: 'document_capture', timeout_seconds: 600, next: 'approve' },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }] });
  const run = await t.startRun(timed, await t.applicant(), { link: {} });
  await page.goto((run.link as { url: string }).url);
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 });
  const [task] = await listTasks(run.id);
  // 600 s from the state's entry, which came just before the task function recorded the task.
  const wait = Date.parse(task!.deadline_at!) - Date.parse(task!.created_at);
  expect(wait).toBeLessThanOrEqual(600_000);
  expect(wait).toBeGreaterThan(595_000);
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(new Date(task!.deadline_at!));
  const warning = page.getByRole('status').filter({ hasText: `min left: this link stops working at ${time}.` });
  await page.clock.fastForward(Date.parse(task!.deadline_at!) - 6 * 60_000 - Date.now());
  expect(await warning.count()).toBe(0); // 6 minutes left: no warning yet
  await page.clock.fastForward(60_000 + 1000);
  await warning.waitFor({ timeout: 10_000 });
  expect(await warning.getAttribute('aria-live')).toBe('polite');
  expect(errors).toEqual([]);
}, 60_000);

it('warns once, politely, 5 minutes before the link expires, and shows the expired screen at the deadline', async () => {
  const { page, errors } = await phone();
  const expiresAt = new Date(Date.now() + 20 * 60_000);
  const run = await startRun({ expires_at: expiresAt.toISOString() });
  await page.goto((run.link as { url: string }).url);
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(expiresAt);
  const warning = page.getByRole('status').filter({ hasText: `min left: this link stops working at ${time}. Please finish before then.` });
  // The warning's live region is in the page from the start, empty, so that its one text is announced.
  const region = page.locator('[role="status"][aria-live="polite"][aria-atomic="true"]');
  expect(await region.count()).toBe(1);
  expect(await region.textContent()).toBe('');
  await page.clock.fastForward(14 * 60_000);
  expect(await warning.count()).toBe(0); // 6 minutes left: no warning yet
  await page.clock.fastForward(60_000 + 1000);
  await warning.waitFor({ timeout: 10_000 });
  expect(await warning.textContent()).toBe(`5 min left: this link stops working at ${time}. Please finish before then.`);
  expect(await warning.getAttribute('aria-live')).toBe('polite');
  expect(await axe(page)).toEqual([]);
  await page.clock.fastForward(60_000);
  expect(await warning.textContent()).toContain('5 min left'); // said once: the text does not count down
  expect(await page.getByRole('combobox', { name: 'Country' }).inputValue()).toBe('United Kingdom'); // the step is untouched
  // The deadline: the server's clock is the real one, so its link is made to have expired too.
  await clients().doc.send(new UpdateCommand({
    TableName: stack.env.TABLE_NAME, Key: keys.run(run.id),
    UpdateExpression: 'SET #link.expires_at = :past', ExpressionAttributeNames: { '#link': 'link' }, ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00Z' },
  }));
  await page.clock.fastForward(5 * 60_000);
  await page.getByRole('heading', { name: 'This link has expired' }).waitFor({ timeout: 30_000 });
  expect(await warning.count()).toBe(0);
  expect(errors).toEqual([]);
}, 60_000);

it('at the deadline a run that still shows the task is asked again every few seconds, until its link has expired', async () => {
  const { page, errors } = await phone();
  const expiresAt = Date.now() + 3 * 60_000;
  const run = await startRun({ expires_at: new Date(expiresAt).toISOString() });
  await page.goto((run.link as { url: string }).url);
  const country = page.getByRole('combobox', { name: 'Country' });
  await country.waitFor({ timeout: 30_000 });
  // The page's clock passes the deadline; the server's (the real one) has not: it still takes the link and shows the task.
  const checked = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith(`/v3.6/workflow_runs/${run.id}/tasks/`) && r.request().method() === 'GET');
  await page.clock.fastForward(expiresAt - Date.now() + 1000);
  expect((await checked).status()).toBe(200);
  expect(await country.isVisible()).toBe(true); // the capture stays
  // Now the server's link has expired too: a later check finds out.
  await clients().doc.send(new UpdateCommand({
    TableName: stack.env.TABLE_NAME, Key: keys.run(run.id),
    UpdateExpression: 'SET #link.expires_at = :past', ExpressionAttributeNames: { '#link': 'link' }, ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00Z' },
  }));
  const expired = page.getByRole('heading', { name: 'This link has expired' });
  // A few seconds at a time (the next check is timed from the end of the last, which the test cannot see): at most a minute.
  for (let i = 0; i < 10 && !(await expired.isVisible()); i++) {
    await page.clock.fastForward(6_000);
    await expired.waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  expect(await expired.isVisible()).toBe(true);
  expect(errors).toEqual([]);
}, 90_000);
