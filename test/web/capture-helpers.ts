/** Shared by the capture page's browser tests: Chromium, a phone-sized touch page, axe-core's serious and critical violations. */
import type { Browser, Page } from 'playwright-core';
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
