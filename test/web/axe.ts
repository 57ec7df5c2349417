/** axe-core's serious and critical violations on a page's current screen (`id (nodes)` each). */
import * as path from 'node:path';
import type { Page } from 'playwright-core';

const AXE = path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js');

export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const run = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run;
    const { violations } = await run();
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
}
