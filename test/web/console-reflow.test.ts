/**
 * Reflow (WCAG 2.1 1.4.10) on a 320 px wide screen: no console page scrolls sideways as a whole.
 * A wide table scrolls inside its own labelled, focusable box (a group) (a keyboard user can scroll it)
 * instead of pushing the page, and its header, navigation and actions stay on screen.
 */
import type { Browser, Page } from 'playwright-core';
import { reviewQueue } from '../../lambdas/store/reviews';
import { SCREEN } from '../api/results-workflows';
import type { E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { eventually } from '../webhooks/helpers';
import { consolePage, seriousViolations, signIn } from './console-helpers';
import { webSuite } from './web-stack';

let stack: TestStack;
let t: E2e;
let browser: Browser;
let workflow: string;
let run: string;

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  workflow = await t.workflow(SCREEN);
  run = (await t.startRun(workflow, await t.applicant({ first_name: 'Zoë', last_name: 'Consider', email: 'zoe.reflow@example.com' }))).id;
  await t.until(run, ['review']);
  // The evidence function puts a run in the review queue on its end's event, after its status: in parity mode, moments later.
  await eventually(async () => (await reviewQueue('sandbox', 100)).runs.some((r) => r.id === run));
});

/** How far the page itself scrolls sideways (0: it reflows). */
const sideways = (page: Page) => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

test('at 320 px no page scrolls sideways; wide tables scroll in their own focusable box', async () => {
  const { page, errors } = await consolePage(browser, { viewport: { width: 320, height: 640 }, isMobile: true });
  await signIn(page, stack.url, stack.apiToken);
  const pages: Array<[string, () => Promise<void>]> = [
    ['/console/', () => page.getByRole('table').first().waitFor()],
    [`/console/workflows/${workflow}/versions`, () => page.getByRole('table').first().waitFor()],
    ['/console/results', () => page.getByRole('table', { name: 'Results' }).waitFor()],
    ['/console/review', () => page.getByRole('table').first().waitFor()],
    [`/console/funnel?workflow_id=${workflow}&version=1`, () => page.getByRole('table').first().waitFor()],
    [`/console/results/${run}`, () => page.getByRole('heading', { level: 1 }).waitFor()],
  ];
  const wide: string[] = [];
  for (const [path, ready] of pages) {
    await page.goto(`${stack.url}${path}`);
    await ready().catch((e: Error) => { throw new Error(`${path}: ${e.message}`); });
    if (await sideways(page) > 0) wide.push(`${path}: ${await sideways(page)} px`);
  }
  expect(wide).toEqual([]);
  // The workflow list's table scrolls in a group named as the table, that the keyboard reaches.
  await page.goto(`${stack.url}/console/`);
  const region = page.getByRole('group', { name: 'Workflows', exact: true });
  await region.getByRole('table').waitFor();
  expect(await region.getAttribute('tabindex')).toBe('0');
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);
