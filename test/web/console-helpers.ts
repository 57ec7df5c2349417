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
  await canvasLaidOut(page, true);
  await node.click();
}

/** The page's DOM as the predicates below use it (the tests compile without the DOM library). */
interface El { id: string; tagName: string; textContent: string | null; disabled?: boolean; getAttribute(n: string): string | null; matches(s: string): boolean }
type Dom = { document: { activeElement: El | null; querySelector(s: string): El | null; querySelectorAll(s: string): { length: number } } };

// Every wait below passes a function, never a string: a string predicate is compiled in the page
// with eval, which the console's production CSP (no 'unsafe-eval') refuses, so these run in parity mode too.

/** Until the workflow canvas has laid out and fitted its graph (`aria-busy` "false"); `orAbsent`: a page without it passes. */
export const canvasLaidOut = (page: Page, orAbsent = false) => page.waitForFunction((absent) => {
  const r = (globalThis as unknown as Dom).document.querySelector('[role=region][aria-label="Workflow canvas"]');
  return r ? r.getAttribute('aria-busy') === 'false' : absent;
}, orAbsent);

/** What the focused element must be: each given field must match. */
export interface Focus { id?: string; text?: string; label?: string; role?: string; tag?: string; matches?: string; enabled?: boolean }

/** Until the focused element is as `want` says. */
export const focusOn = (page: Page, want: Focus, timeout = 15_000) => page.waitForFunction((w) => {
  const el = (globalThis as unknown as Dom).document.activeElement;
  return el !== null && (w.id === undefined || el.id === w.id) && (w.text === undefined || el.textContent === w.text)
    && (w.label === undefined || el.getAttribute('aria-label') === w.label) && (w.role === undefined || el.getAttribute('role') === w.role)
    && (w.tag === undefined || el.tagName === w.tag) && (w.matches === undefined || el.matches(w.matches))
    && (w.enabled === undefined || !el.disabled === w.enabled);
}, want, { timeout });

/** Until `selector`'s `attribute` differs from `differs` (null or absent: any value) and matches `pattern` (if given). */
export const attributeChanged = (page: Page, selector: string, attribute: string, o: { differs?: string | null; pattern?: RegExp }) =>
  page.waitForFunction(([sel, attr, differs, source]) => {
    const v = (globalThis as unknown as Dom).document.querySelector(sel)?.getAttribute(attr) ?? null;
    return (differs === null || v !== differs) && (source === null || new RegExp(source).test(v ?? ''));
  }, [selector, attribute, o.differs ?? null, o.pattern?.source ?? null] as const);

/** Until `selector` matches exactly `n` elements. */
export const countIs = (page: Page, selector: string, n: number) =>
  page.waitForFunction(([sel, count]) => (globalThis as unknown as Dom).document.querySelectorAll(sel).length === count, [selector, n] as const);
