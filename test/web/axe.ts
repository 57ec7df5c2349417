/** axe-core's serious and critical violations on a page's current screen (`id (nodes)` each). */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

const AXE = path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js');
let source: string | undefined;

/**
 * axe is loaded through the DevTools protocol (`Runtime.evaluate`, as the DevTools console does),
 * which the page's Content-Security-Policy does not govern: parity mode serves the apps with
 * `script-src 'self'`, which refuses the inline script `page.addScriptTag` would add.
 */
export async function loadAxe(page: Page): Promise<void> {
  source ??= readFileSync(AXE, 'utf8');
  const cdp = await page.context().newCDPSession(page);
  try {
    const res = await cdp.send('Runtime.evaluate', { expression: `${source}\n;undefined` });
    if (res.exceptionDetails) throw new Error(`axe-core did not load: ${res.exceptionDetails.text}`);
  } finally {
    await cdp.detach();
  }
}

export async function seriousViolations(page: Page): Promise<string[]> {
  await loadAxe(page);
  return page.evaluate(async () => {
    const run = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run;
    const { violations } = await run();
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/**
 * `seriousViolations` of the screen called `screen`, which `notShown` checks is displayed (it lists
 * what is wrong, [] when nothing is) before the scan and again after it: the scan cannot have
 * looked at the screen before or after the one it is said to check.
 */
export async function screenViolations(page: Page, screen: string, notShown: (page: Page) => Promise<string[]>): Promise<string[]> {
  const before = await notShown(page);
  if (before.length) throw new Error(`axe: not on the ${screen} screen before the scan: ${before.join('; ')}`);
  const found = await seriousViolations(page);
  const after = await notShown(page);
  if (after.length) throw new Error(`axe: no longer on the ${screen} screen after the scan: ${after.join('; ')}`);
  return found;
}
