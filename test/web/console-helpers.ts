/** Shared steps of the console's browser tests: a page, sign in, accessibility audit, id mapping. */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { loadAxe } from './axe';

/** A desktop-sized page in a context of its own (no session shared with another page); its page errors collected. */
export async function consolePage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/**
 * Signs in with an API token on the page at `at` (a console path): the sign-in form stands in for
 * any page until then and the page itself follows, so a test opens the page it needs with one load.
 */
export async function signIn(page: Page, url: string, token: string, at = '/console/'): Promise<void> {
  await page.goto(`${url}${at}`);
  await page.getByRole('textbox', { name: 'API token' }).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Workflows' }).waitFor();
}

/** Sends the email + password form as a console user at `at` (the form answers in words, or the console opens). */
export async function logIn(page: Page, url: string, email: string, password: string, at = '/console/'): Promise<void> {
  await page.goto(`${url}${at}`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in with email' }).click();
}

/** axe-core's serious and critical violations on the page as it is now (rule id: targets). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await loadAxe(page);
  // Runs in the page (a string, so that this file needs no DOM types).
  const violations = await page.evaluate('axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target) })))') as
    Array<{ id: string; impact: string | null; targets: unknown[] }>;
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.targets)}`);
}

const ID_KEYS = new Set(['id', 'start', 'next', 'else', 'target', 'limit_reached']);

/** The definition with task ids renamed by `map` (ids, routes and `tasks.<id>.output` paths). */
export function renameIds(value: unknown, map: Record<string, string>, key = ''): unknown {
  if (typeof value === 'string') {
    const renamed = ID_KEYS.has(key) ? map[value] ?? value : value;
    return renamed.replace(/^tasks\.([a-z0-9_]+)\.output/, (_m, id: string) => `tasks.${map[id] ?? id}.output`);
  }
  if (Array.isArray(value)) return value.map((v) => renameIds(v, map, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameIds(v, map, k)]));
  return value;
}

/**
 * Clicks the canvas node named `name` once the canvas has laid out and fitted its graph (its region's
 * `aria-busy` is "false"; a canvas without that region, read-only, is taken as it is): before, the node
 * sits at the origin and a click on a slow machine lands where it was.
 */
export async function chooseNode(page: Page, name: string): Promise<void> {
  const node = page.getByRole('group', { name, exact: true });
  await node.waitFor();
  await page.waitForFunction(`(() => { const r = document.querySelector('[role=region][aria-label="Workflow canvas"]'); return !r || r.getAttribute('aria-busy') === 'false'; })()`);
  await node.click();
}
