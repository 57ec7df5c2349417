/**
 * "Try it" in Chromium against the local stack: a saved but never activated draft, then an
 * unsaved change of it, run in sandbox with a chosen report result; the route each took is drawn
 * on the canvas (visited nodes, taken edges), and trial runs stay out of the results by default.
 */
import { type Browser, type Page } from 'playwright-core';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { chooseNode, consolePage, seriousViolations, signIn } from './console-helpers';

const DRAFT = {
  name: 'Trial', start: 'watch',
  tasks: [
    { id: 'watch', type: 'watchlist_report', next: 'decide' },
    { id: 'decide', type: 'logic', name: 'Decide', branches: [{ name: 'Clear', when: { path: 'tasks.watch.output.result', op: 'eq', value: 'clear' }, next: 'approve' }], else: 'review' },
    { id: 'approve', type: 'result', name: 'Approve', outcome: 'approve' },
    { id: 'review', type: 'result', name: 'Review', outcome: 'review' },
  ],
};

let stack: TestStack;
let browser: Browser;
webSuite((s) => { ({ stack, browser } = s); });

/** The ids of the edges drawn as taken, and the names of the nodes marked visited. */
async function drawn(page: Page): Promise<{ edges: string[]; nodes: string[] }> {
  const attrs = async (selector: string, name: string) => (await Promise.all((await page.locator(selector).all()).map((l) => l.getAttribute(name)))).map(String).sort();
  return { edges: await attrs('.react-flow__edge.taken', 'data-id'), nodes: await attrs('.react-flow__node:has(.mark-visited)', 'aria-label') };
}

async function tryIt(page: Page, result: 'Clear' | 'Consider', status: string): Promise<void> {
  await page.getByRole('button', { name: 'Try it' }).click();
  const dialog = page.getByRole('dialog', { name: 'Try it' });
  await dialog.getByRole('textbox', { name: 'Last name' }).fill('Trial');
  await dialog.getByRole('combobox', { name: 'Result of Watchlist Report' }).selectOption({ label: result });
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Run trial' }).click();
  await page.getByRole('region', { name: 'Trial run' }).getByText(`Trial run: ${status}`).waitFor();
}

test('Try it runs the draft with the chosen result, draws its route, and the trial stays out of the results', async () => {
  const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Trial' } });
  expect((await stack.apiJson(`/v3.6/workflows/${wf.body.id}/versions`, { method: 'POST', json: { definition: DRAFT, notes: 'Never activated' } })).status).toBe(201);
  const { page, errors } = await consolePage(browser);
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${wf.body.id}`);
  await page.getByRole('group', { name: 'Start', exact: true }).waitFor();

  await tryIt(page, 'Consider', 'Review');
  await page.locator('.react-flow__edge.taken[data-id="decide:else"]').waitFor();
  expect(await drawn(page)).toEqual({ edges: ['__start->watch', 'decide:else', 'watch:next'], nodes: ['Decide', 'Review', 'Start', 'Watchlist Report'] });
  expect(await seriousViolations(page)).toEqual([]);

  // An unsaved change: the route drawn for the old draft goes; a new trial runs the changed draft.
  await chooseNode(page, 'Review');
  await page.getByRole('textbox', { name: 'Task name' }).fill('Manual review');
  expect(await drawn(page)).toEqual({ edges: [], nodes: [] });
  await tryIt(page, 'Clear', 'Approved');
  await page.locator('.react-flow__edge.taken[data-id="decide:b0"]').waitFor();
  expect(await drawn(page)).toEqual({ edges: ['__start->watch', 'decide:b0', 'watch:next'], nodes: ['Approve', 'Decide', 'Start', 'Watchlist Report'] });

  const runs = await stack.apiJson<{ results: Array<{ id: string }> }>(`/v3.6/studio/results?workflow_id=${wf.body.id}`);
  expect(runs.body.results).toEqual([]);
  const trials = await stack.apiJson<{ results: Array<{ id: string; status: string }> }>(`/v3.6/studio/results?workflow_id=${wf.body.id}&trials=include`);
  expect(trials.body.results.map((r) => r.status).sort()).toEqual(['approved', 'review']);
  expect((await stack.apiJson<{ versions: unknown[] }>(`/v3.6/workflows/${wf.body.id}/versions`)).body.versions).toHaveLength(1);
  expect(errors).toEqual([]);
}, 180_000);
