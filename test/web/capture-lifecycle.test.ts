/**
 * The capture link's lifecycle and languages in Chromium: link.language (and the switcher,
 * `<html lang>`, country names in that language, a right-to-left locale), completed_redirect_url
 * after the last capture, "already completed" for an ended run's link, expired_redirect_url.
 */
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { keys } from '../../lambdas/store/table';
import { LOCALES } from '../../web/capture/src/locales';
import { CAPTURE } from '../e2e/workflows';
import { type E2e, type Json } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { seriousViolations as axe } from './axe';
import { chooseFiles } from './capture-helpers';

let stack: TestStack;
let t: E2e;
let browser: Browser;
let capture: string;

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  capture = await t.workflow({ ...CAPTURE() as object, settings: { welcome: false } });
});

async function openRun(link: Json = {}, query = '') {
  const run = await t.startRun(capture, await t.applicant(), { link });
  const url = (run.link as { url: string }).url.replace('#', `${query}#`);
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', isMobile: true, hasTouch: true })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && m.text().includes('missing translation')) errors.push(m.text()); });
  await page.goto(url);
  return { run, url, page, errors };
}

const htmlLangDir = async (page: Page) => [await page.locator('html').getAttribute('lang'), await page.locator('html').getAttribute('dir')];

async function sendPassport(page: Page) {
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const png = await sharp({ create: { width: 320, height: 220, channels: 3, background: { r: 90, g: 120, b: 200 } } }).png().toBuffer();
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name: 'passport.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Use this photo' }).click();
}

it('speaks link.language (html lang, country names), switches language, and lays out a right-to-left locale', async () => {
  const { page, errors } = await openRun({ language: 'de_DE' });
  await page.getByRole('heading', { name: 'Ihr Ausweisdokument' }).waitFor({ timeout: 30_000 }); // welcome: false skips the welcome screen
  expect(await htmlLangDir(page)).toEqual(['de-DE', 'ltr']);
  const country = page.getByRole('combobox', { name: 'Land' });
  await country.fill('Vereinigtes Königreich');
  await page.getByRole('radio', { name: 'Reisepass' }).waitFor(); // the German name was understood
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('fr_FR');
  await page.getByRole('heading', { name: 'Votre pièce d’identité' }).waitFor();
  expect(await htmlLangDir(page)).toEqual(['fr-FR', 'ltr']);
  expect(await page.getByRole('radio', { name: 'Passeport' }).count()).toBe(1);
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en_US');
  await page.getByRole('heading', { name: 'Your identity document' }).waitFor();
  const rtl = await openRun({}, '?lang=ar_XB');
  await rtl.page.getByRole('heading', { name: 'Your identity document' }).waitFor({ timeout: 30_000 });
  expect(await htmlLangDir(rtl.page)).toEqual(['ar-XB', 'rtl']);
  expect([...errors, ...rtl.errors]).toEqual([]);
}, 120_000);

it.each(['en_US', 'de_DE', 'es_ES', 'fr_FR', 'it_IT', 'pt_PT', 'nl_NL'] as const)('link.language %s: the page speaks it, with <html lang>', async (language) => {
  const { page, errors } = await openRun({ language });
  await page.getByRole('heading', { name: LOCALES[language].document.heading }).waitFor({ timeout: 30_000 });
  expect(await htmlLangDir(page)).toEqual([language.replace('_', '-'), 'ltr']);
  expect(await page.getByRole('combobox', { name: LOCALES[language].document.country }).count()).toBe(1);
  expect(errors).toEqual([]); // no missing translation
  await page.context().close();
}, 60_000);

it('goes to completed_redirect_url after the last capture; the link of the ended run then says "already completed"', async () => {
  const done = `${stack.url}/capture-finished`;
  const { run, url, page, errors } = await openRun({ completed_redirect_url: done });
  await sendPassport(page);
  await page.waitForURL(done, { timeout: 60_000 });
  expect((await t.run(run.id)).status).toBe('approved');
  const again = await (await browser.newContext()).newPage();
  await again.goto(url);
  await again.getByText('This verification is already completed.').waitFor({ timeout: 30_000 });
  expect(await axe(again)).toEqual([]); // axe-core: no serious or critical violation
  expect(errors).toEqual([]);
}, 120_000);

it('goes to expired_redirect_url once the link has expired', async () => {
  const gone = `${stack.url}/capture-expired`;
  const { run, url, page, errors } = await openRun({ expired_redirect_url: gone, expires_at: new Date(Date.now() + 3600_000).toISOString() });
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 });
  await clients().doc.send(new UpdateCommand({
    TableName: stack.env.TABLE_NAME, Key: keys.run(run.id),
    UpdateExpression: 'SET #link.expires_at = :past', ExpressionAttributeNames: { '#link': 'link' }, ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00Z' },
  }));
  await page.reload();
  await page.waitForURL(gone, { timeout: 30_000 });
  // Opened for the first time after it expired (no run seen in this browser): the session's 401 names the redirect.
  const first = await (await browser.newContext()).newPage();
  await first.goto(url);
  await first.waitForURL(gone, { timeout: 30_000 });
  expect(errors).toEqual([]);
}, 60_000);

it('axe-core finds no serious or critical violation on the welcome, document (with a field error), camera, review and done screens', async () => {
  const definition = await t.workflow(CAPTURE());
  const run = await t.startRun(definition, await t.applicant());
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await page.goto((run.link as { url: string }).url);
  await page.getByRole('button', { name: 'Start' }).waitFor({ timeout: 30_000 });
  const found: Record<string, string[]> = { welcome: await axe(page) };
  expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName)).toBe('H2'); // focus on the step's heading
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Continue' }).click(); // no country yet: the error is tied to the field
  await page.getByText('Please choose a country from the list.').waitFor();
  expect(await page.getByRole('combobox', { name: 'Country' }).getAttribute('aria-invalid')).toBe('true');
  found.document = await axe(page);
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Upload a file' }).waitFor();
  found.camera = await axe(page);
  const png = await sharp({ create: { width: 320, height: 220, channels: 3, background: { r: 90, g: 120, b: 200 } } }).png().toBuffer();
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name: 'passport.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Use this photo' }).waitFor();
  found.review = await axe(page);
  await page.getByRole('button', { name: 'Use this photo' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  found.done = await axe(page);
  expect(found).toEqual({ welcome: [], document: [], camera: [], review: [], done: [] });
}, 120_000);
