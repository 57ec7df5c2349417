/**
 * The entries a page writes for its own query (Results' filters, pushed; the funnel's choice,
 * replaced) have their place in the session history like the router's own, in Chromium against
 * the local stack: a Back / Forward that the builder's leave guard holds is undone without losing
 * the entries around it, so after "Stay" the next Back / Forward asks again and, once left, lands
 * where it would have (the filtered results, the funnel as chosen), never on a copy of the page.
 */
import type { Browser, Page } from 'playwright-core';
import { hashPassword, writeUsers } from '../../lambdas/shared/console-users';
import type { TestStack } from '../helpers/stack';
import { chooseNode, consolePage, logIn } from './console-helpers';
import { webSuite } from './web-stack';

const APPROVE_ALL = { name: 'Approve all', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve' }] };
const ADA = { email: 'ada@example.com', password: 'admin password 1' };

let stack: TestStack;
let browser: Browser;
let workflowId: string;

webSuite(async (s) => {
  ({ stack, browser } = s);
  writeUsers(stack.env.CONSOLE_USERS_FILE, [{
    email: ADA.email, role: 'admin', environments: ['sandbox'], password: await hashPassword(ADA.password), created_at: '2026-01-01T00:00:00.000Z',
  }]);
  workflowId = (await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Approve everyone' } })).body.id;
  expect((await stack.api(`/v3.6/workflows/${workflowId}/versions`, { method: 'POST', json: { definition: APPROVE_ALL, notes: 'first' } })).status).toBe(201);
});

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Leave without saving?' });
const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true, level: 1 }).waitFor();

/** In the builder (already open), the result task renamed: an unsaved change. */
async function change(page: Page): Promise<void> {
  await chooseNode(page, 'Approve applicant');
  await page.getByRole('textbox', { name: 'Task name' }).fill('Welcome aboard');
  await page.getByRole('group', { name: 'Welcome aboard', exact: true }).waitFor();
}

/** The question is asked; "Stay" keeps the builder and the change. */
async function stay(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: 'Stay', exact: true }).click();
  await dialog(page).waitFor({ state: 'detached' });
  expect(new URL(page.url()).pathname).toBe(`/console/workflows/${workflowId}`);
  await page.getByRole('group', { name: 'Welcome aboard', exact: true }).waitFor();
}
const leave = (page: Page) => dialog(page).getByRole('button', { name: 'Leave without saving', exact: true }).click();

test('Results\' filter entries keep their places: Back held by the guard, Stay, Back again asks, and the Back after leaving shows the filtered results', async () => {
  const { page, errors } = await consolePage(browser);
  await logIn(page, stack.url, ADA.email, ADA.password);
  await page.getByRole('link', { name: 'Results', exact: true }).click();
  await heading(page, 'Results');
  // Two filter entries, then back to the first of them.
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('review');
  await page.getByRole('button', { name: 'Remove status Review', exact: true }).waitFor();
  await page.getByRole('combobox', { name: 'Sort', exact: true }).selectOption('asc');
  await page.waitForURL((u) => u.searchParams.get('sort') === 'asc');
  await page.goBack();
  await page.waitForURL((u) => u.searchParams.get('sort') === null && u.searchParams.has('status'));
  // The list, the builder, a change.
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByRole('link', { name: 'Approve everyone', exact: true }).click();
  await change(page);

  await page.goBack();
  await stay(page);
  await page.goBack();
  await leave(page);
  await heading(page, 'Workflows');
  expect(new URL(page.url()).pathname).toBe('/console/');
  await page.goBack();
  await heading(page, 'Results');
  await page.getByRole('button', { name: 'Remove status Review', exact: true }).waitFor();
  expect(new URL(page.url()).search).toBe('?status=review');
  expect(errors).toEqual([]);
}, 120_000);

test('the funnel\'s replaced entry keeps its place: Forward held by the guard, Stay, Forward again asks and then shows the funnel as chosen', async () => {
  const { page, errors } = await consolePage(browser);
  await logIn(page, stack.url, ADA.email, ADA.password);
  await page.getByRole('link', { name: 'Approve everyone', exact: true }).click();
  await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Funnel', exact: true }).click();
  await heading(page, 'Funnel');
  await page.getByRole('combobox', { name: 'Workflow', exact: true }).selectOption(workflowId);
  await page.getByRole('combobox', { name: 'Version', exact: true }).selectOption('1');
  await page.waitForURL((u) => u.searchParams.get('version') === '1');
  // Back in the builder (before the funnel), a change.
  await page.goBack();
  await change(page);

  await page.goForward();
  await stay(page);
  await page.goForward();
  await leave(page);
  await heading(page, 'Funnel');
  // The workflows' options load after the heading shows: until then the select has no value to read.
  const workflow = page.getByRole('combobox', { name: 'Workflow', exact: true });
  await workflow.locator(`option[value="${workflowId}"]`).waitFor({ state: 'attached' });
  expect(await workflow.inputValue()).toBe(workflowId);
  expect(new URL(page.url()).searchParams.get('workflow_id')).toBe(workflowId);
  expect(new URL(page.url()).searchParams.get('version')).toBe('1');
  expect(errors).toEqual([]);
}, 120_000);
