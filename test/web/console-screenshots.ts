/**
 * Takes the console's screenshots for web/console/README.md (desktop and phone) on a local
 * in-memory stack: `npm run build:web && node -r ./bin/register.js test/web/console-screenshots.ts`.
 */
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { startTestStack } from '../helpers/stack';
import { signIn } from './console-helpers';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'web/console/screenshots');

async function main(): Promise<void> {
  const stack = await startTestStack({ staticDir: path.join(ROOT, 'web/dist') });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
  try {
    const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Document and selfie', template: 'document_selfie_photo' } });
    const sizes = [{ name: 'desktop', width: 1440, height: 900, isMobile: false }, { name: 'phone', width: 390, height: 844, isMobile: true }];
    for (const size of sizes) {
      const page = await (await browser.newContext({ viewport: { width: size.width, height: size.height }, isMobile: size.isMobile })).newPage();
      await signIn(page, stack.url, stack.apiToken);
      await page.getByRole('link', { name: 'Document and selfie', exact: true }).waitFor(); // not "Loading…"
      await page.screenshot({ path: path.join(OUT, `workflows-${size.name}.png`), fullPage: true });
      await page.goto(`${stack.url}/console/workflows/${wf.body.id}`);
      await page.getByRole('group', { name: 'Decide', exact: true }).click();
      await page.getByRole('region', { name: 'Problems' }).getByText('No problems').waitFor();
      // Not full-page: a taller viewport would resize the canvas after it was fitted.
      await page.screenshot({ path: path.join(OUT, `builder-${size.name}.png`) });
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
