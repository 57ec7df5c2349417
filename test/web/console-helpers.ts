/** Shared steps of the console's browser tests: sign in, accessibility audit, id mapping. */
import type { Page } from 'playwright-core';
import { loadAxe } from './axe';

export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByRole('textbox', { name: 'API token' }).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Workflows' }).waitFor();
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
