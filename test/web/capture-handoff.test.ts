/**
 * Cross-device in Chromium with two browser contexts on 127.0.0.1: a desktop (no touch: no
 * coarse pointer) is offered "Continue on your phone" (QR code, "Copy link") and "Continue
 * here"; the QR code, read from a screenshot, is the copied link; a phone (touch) opens it
 * and captures; the desktop follows the run and finishes with it. `force_cross_device`
 * removes "Continue here".
 */
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { CAPTURE } from '../e2e/workflows';
import { type E2e, type Json } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { axe, chooseFiles } from './capture-helpers';
import { recordStatuses, statusLog } from './live-regions';
import { readQr } from './qr';

let stack: TestStack;
let t: E2e;
let browser: Browser;

webSuite((s) => { ({ stack, t, browser } = s); });

async function desktopPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

async function runOf(definition: Json): Promise<{ id: string; url: string }> {
  const run = await t.startRun(await t.workflow(definition), await t.applicant());
  return { id: run.id, url: (run.link as { url: string }).url };
}

it('a desktop hands the run to a phone by QR code or copied link, follows it and finishes with it', async () => {
  const run = await runOf(CAPTURE());
  const desktop = await desktopPage(run.url);
  const onPhone = desktop.page.getByRole('button', { name: 'Continue on your phone' });
  await onPhone.waitFor({ timeout: 30_000 });
  expect(await desktop.page.getByRole('button', { name: 'Continue here' }).count()).toBe(1);
  const found: Record<string, string[]> = { choice: await axe(desktop.page) };
  await onPhone.click();
  const qr = desktop.page.getByRole('img', { name: /QR/ });
  await qr.waitFor();
  found.qr = await axe(desktop.page);
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await desktop.page.getByRole('button', { name: 'Copy link' }).click();
  await desktop.page.getByText('The link is copied.').waitFor();
  const copied = await desktop.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`^${stack.url}/capture/${run.id}\\?handoff=1#link=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
  expect(await desktop.page.getByLabel('Link for your phone').inputValue()).toBe(copied);
  // The QR code the desktop shows (the image's own PNG, read by zxing; a screenshot could catch it before it is painted) is exactly that link.
  const scanned = await readQr(Buffer.from((await qr.getAttribute('src'))!.replace(/^data:image\/png;base64,/, ''), 'base64'));
  expect(scanned).toEqual([copied]);

  // The phone (touch: a coarse pointer) is not offered the handoff: it captures.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  const phoneErrors: string[] = [];
  phone.on('pageerror', (e) => phoneErrors.push(e.message));
  await phone.goto(scanned[0]!); // the link the QR code holds
  await phone.getByRole('button', { name: 'Start' }).click({ timeout: 30_000 });
  expect(await phone.getByRole('button', { name: 'Continue on your phone' }).count()).toBe(0);
  await uploadDocument(phone);
  await phone.getByText('You can now return to your computer.').waitFor({ timeout: 60_000 });

  // The desktop followed the run and finishes with the phone.
  await desktop.page.getByText('You finished on your phone. Thank you!').waitFor({ timeout: 30_000 });
  expect(await desktop.page.getByRole('heading', { name: 'Thank you' }).count()).toBe(1);
  expect((await t.run(run.id)).status).toBe('approved');
  found.finished = await axe(desktop.page);
  expect(found).toEqual({ choice: [], qr: [], finished: [] });
  expect([...desktop.errors, ...phoneErrors]).toEqual([]);
}, 120_000);

it('"Continue here" keeps the capture on the desktop', async () => {
  const run = await runOf({ ...CAPTURE() as object, settings: { welcome: false } });
  const desktop = await desktopPage(run.url);
  await desktop.page.getByRole('button', { name: 'Continue here' }).click({ timeout: 30_000 });
  await desktop.page.getByRole('combobox', { name: 'Country' }).waitFor();
  await desktop.page.reload(); // the choice is remembered for the run
  await desktop.page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 });
  expect(await desktop.page.getByRole('button', { name: 'Continue on your phone' }).count()).toBe(0);
}, 60_000);

it('force_cross_device: the desktop is offered only the phone', async () => {
  const run = await runOf({
    name: 'Forced', start: 'doc',
    tasks: [{ id: 'doc', type: 'document_capture', force_cross_device: true, next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
  });
  const desktop = await desktopPage(run.url);
  await desktop.page.getByRole('button', { name: 'Continue on your phone' }).waitFor({ timeout: 30_000 });
  await desktop.page.getByText('This verification continues on a phone.').waitFor();
  expect(await desktop.page.getByRole('button', { name: 'Continue here' }).count()).toBe(0);
  await desktop.page.getByRole('button', { name: 'Continue on your phone' }).click();
  await desktop.page.getByRole('img', { name: /QR/ }).waitFor();
  expect(await desktop.page.getByRole('button', { name: 'Continue here' }).count()).toBe(0);
  expect(await desktop.page.getByRole('combobox', { name: 'Country' }).count()).toBe(0);
  expect(desktop.errors).toEqual([]);
}, 60_000);

/** On `phone`, the document step by an uploaded file: country, passport, a file, "Use this photo". */
async function uploadDocument(phone: Page) {
  await phone.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await phone.getByRole('radio', { name: 'Passport' }).check();
  await phone.getByRole('button', { name: 'Continue' }).click();
  const png = await sharp({ create: { width: 320, height: 220, channels: 3, background: { r: 90, g: 120, b: 200 } } }).png().toBuffer();
  await chooseFiles(phone, phone.getByRole('button', { name: 'Upload a file' }), { name: 'passport.png', mimeType: 'image/png', buffer: png });
  await phone.getByRole('button', { name: 'Use this photo' }).click();
}

it('the desktop\'s progress is spoken: one status region, there before its text, says it waits for the phone, then each step the phone finished', async () => {
  const approve = { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] };
  const run = await runOf({
    name: 'Two captures', start: 'front',
    tasks: [{ id: 'front', type: 'document_capture', next: 'again' }, { id: 'again', type: 'document_capture', next: 'approve' }, approve],
  });
  const desktop = await desktopPage(run.url);
  await recordStatuses(desktop.page);
  await desktop.page.getByRole('button', { name: 'Continue on your phone' }).click({ timeout: 30_000 });
  await desktop.page.getByRole('status').filter({ hasText: 'Waiting for your phone…' }).waitFor();

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await phone.goto(await desktop.page.getByLabel('Link for your phone').inputValue());
  await phone.getByRole('button', { name: 'Start' }).click({ timeout: 30_000 });
  await uploadDocument(phone);
  const oneDone = 'Steps finished on your phone: 1. Waiting for the next one…';
  await desktop.page.getByRole('status').filter({ hasText: oneDone }).waitFor({ timeout: 30_000 });
  await uploadDocument(phone);
  await desktop.page.getByText('You finished on your phone. Thank you!').waitFor({ timeout: 30_000 });

  const progress = (await statusLog(desktop.page)).filter((r) => r.changes.includes('Waiting for your phone…'));
  expect(progress).toEqual([{ added: '', changes: ['Waiting for your phone…', oneDone] }]);
  expect(desktop.errors).toEqual([]);
}, 120_000);
