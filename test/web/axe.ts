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
