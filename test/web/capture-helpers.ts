/** Shared by the capture page's browser tests: Chromium, a phone-sized touch page, axe-core's serious and critical violations. */
import type { Browser, FileChooser, Locator, Page } from 'playwright-core';
import { seriousViolations } from './axe';

export { launch } from './web-stack';

/** A phone: 390×844 with touch (a coarse pointer, so no cross-device offer); page errors and missing translations collected. */
export async function phonePage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && m.text().includes('missing translation')) errors.push(m.text()); });
  return { page, errors };
}

/** axe-core's serious and critical violations on the current screen (test/web/axe.ts). */
export const axe = seriousViolations;

/**
 * Clicks `button` and hands the file chooser it opens `files`. A click that opened no chooser within
 * a third of `timeout` (at most 10 s) is made once more: on a loaded CI machine a chooser the click
 * should have opened sometimes never did (capture-handoff, 2026-12-03; parity, 2026-12-02), while the
 * page looked ready (button enabled and under the click point, the file input there). The second
 * click's success is logged with the page's state at the first. If neither opens a chooser, the
 * error says what the page looked like each time (the button's state, what is at the point clicked,
 * the file inputs, the page's user activation, its headings and alerts).
 */
export async function chooseFiles(page: Page, button: Locator, files: Parameters<FileChooser['setFiles']>[0], timeout = 30_000): Promise<void> {
  const first = Math.min(10_000, Math.round(timeout / 3));
  const state = () => pageState(page, button).catch((s: unknown) => `unreadable (${String(s)})`);
  const attempt = async (wait: number): Promise<FileChooser | Error> => {
    // Caught at once: under load the click alone can outlast `wait`, and a rejection left unhandled meanwhile fails the test.
    const chooser = page.waitForEvent('filechooser', { timeout: wait }).catch((e: unknown) => e as Error);
    await button.click();
    return chooser;
  };
  let opened = await attempt(first);
  if (opened instanceof Error) {
    const before = await state();
    opened = await attempt(timeout - first);
    if (opened instanceof Error) throw new Error(`no file chooser opened on two clicks (${first} + ${timeout - first} ms): ${opened.message}; the page at the first: ${before}; at the second: ${await state()}`);
    console.warn(`chooseFiles: the file chooser opened on the second click; the page at the first: ${before}`);
  }
  await opened.setFiles(files);
}

/** Runs in the page (a string: this project's tests have no DOM types): what `pageState` reports. */
const PAGE_STATE = `(({ point, name }) => {
  const text = (e) => (e ? '<' + e.tagName.toLowerCase() + '>' + (e.textContent || '').trim().slice(0, 40) : 'nothing');
  return {
    buttons: [...document.querySelectorAll('button')].filter((b) => (b.textContent || '').trim() === name).map((b) => ({ disabled: b.disabled, connected: b.isConnected })),
    atClickPoint: point ? text(document.elementFromPoint(point.x, point.y)) : 'no box',
    fileInputs: [...document.querySelectorAll('input[type=file]')].map((i) => ({ connected: i.isConnected, disabled: i.disabled, accept: i.accept })),
    userActivation: navigator.userActivation ? { isActive: navigator.userActivation.isActive, hasBeenActive: navigator.userActivation.hasBeenActive } : 'unknown',
    headings: [...document.querySelectorAll('h1, h2')].map((h) => (h.textContent || '').trim()),
    alerts: [...document.querySelectorAll('[role=alert], [role=status]')].map((a) => (a.textContent || '').trim()),
  };
})`;

async function pageState(page: Page, button: Locator): Promise<string> {
  const box = await button.boundingBox({ timeout: 2_000 }).catch(() => null);
  const name = (await button.textContent({ timeout: 2_000 }).catch(() => null))?.trim() ?? '';
  const point = box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
  return JSON.stringify(await page.evaluate(`${PAGE_STATE}(${JSON.stringify({ point, name })})`));
}
