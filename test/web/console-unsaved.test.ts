/**
 * Unsaved work in the builder is never dropped without asking, in Chromium against the local
 * stack: with a changed draft, a link of the navigation, the builder's "Versions", Back, the
 * environment switch and "Sign out" open dialog "Leave without saving?"; "Stay" (focused first)
 * keeps the page, the draft and the session and gives the focus back; "Leave without saving"
 * leaves. Closing the tab gets the browser's own question (beforeunload), an unchanged draft none.
 * Back, "Stay", then Forward: the entries after the builder are kept (Forward asks, then leaves to
 * the next entry), and with nothing focused before, "Stay" puts the focus on the page's heading.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { hashPassword, writeUsers } from '../../lambdas/shared/console-users';
import type { TestStack } from '../helpers/stack';
import { canvasLaidOut, chooseNode, consolePage, focusOn, logIn, seriousViolations } from './console-helpers';
import { webSuite } from './web-stack';

const APPROVE_ALL = { name: 'Approve all', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve' }] };
const ADA = { email: 'ada@example.com', password: 'admin password 1' };

let stack: TestStack;
let browser: Browser;
let workflowId: string;

webSuite(async (s) => {
  ({ stack, browser } = s);
  writeUsers(stack.env.CONSOLE_USERS_FILE, [{
    email: ADA.email, role: 'admin', environments: ['sandbox', 'live'], password: await hashPassword(ADA.password), created_at: '2026-01-01T00:00:00.000Z',
  }]);
  const created = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Approve everyone' } });
  workflowId = created.body.id;
  expect((await stack.api(`/v3.6/workflows/${workflowId}/versions`, { method: 'POST', json: { definition: APPROVE_ALL, notes: 'first' } })).status).toBe(201);
});

/** Signed in on the list, into the builder by its link (so that Back has somewhere to go), the result task renamed: an unsaved change. */
async function editing(): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await consolePage(browser);
  await logIn(page, stack.url, ADA.email, ADA.password);
  await page.getByRole('link', { name: 'Approve everyone' }).click();
  await chooseNode(page, 'Approve applicant');
  await page.getByRole('textbox', { name: 'Task name' }).fill('Welcome aboard');
  await page.getByRole('group', { name: 'Welcome aboard', exact: true }).waitFor();
  return { page, errors };
}

const builderPath = () => `/console/workflows/${workflowId}`;
const isFocused = (l: Locator) => l.evaluate((e) => e === (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement);

/** The question is asked; "Stay" has the focus and keeps everything as it was; the focus goes back to `trigger`. */
async function staysAfter(page: Page, trigger?: Locator): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  const stay = dialog.getByRole('button', { name: 'Stay', exact: true });
  await stay.waitFor();
  await dialog.getByRole('button', { name: 'Leave without saving', exact: true }).waitFor();
  expect(await isFocused(stay)).toBe(true);
  await stay.click();
  await dialog.waitFor({ state: 'detached' });
  expect(new URL(page.url()).pathname).toBe(builderPath());
  await page.getByRole('group', { name: 'Welcome aboard', exact: true }).waitFor();
  await page.getByText('Unsaved changes').waitFor();
  if (trigger) expect(await isFocused(trigger)).toBe(true);
}

test('a link, "Versions" and Back ask before leaving unsaved changes: Stay keeps the draft, Leave without saving leaves', async () => {
  const { page, errors } = await editing();
  const results = page.getByRole('link', { name: 'Results', exact: true });
  await results.click();
  expect(await seriousViolations(page)).toEqual([]);
  await staysAfter(page, results);
  const versions = page.getByRole('link', { name: 'Versions', exact: true });
  await versions.click();
  await staysAfter(page, versions);
  await page.goBack();
  await staysAfter(page);

  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave without saving', exact: true }).click();
  await page.getByRole('link', { name: 'Approve everyone' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/console/');
  expect((await stack.apiJson<{ versions: unknown[] }>(`/v3.6/workflows/${workflowId}/versions`)).body.versions).toHaveLength(1);
  expect(errors).toEqual([]);
}, 120_000);

test('Back, Stay, then Forward: the history after the builder is kept; the focus goes to the heading, not the body', async () => {
  const { page, errors } = await consolePage(browser);
  await logIn(page, stack.url, ADA.email, ADA.password);
  await page.getByRole('link', { name: 'Approve everyone', exact: true }).click();
  await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();
  // The entries: list, builder, versions; back to the builder, then a change.
  await page.getByRole('link', { name: 'Versions', exact: true }).click();
  await page.getByRole('heading', { name: 'Versions of Approve everyone', exact: true }).waitFor();
  await page.goBack();
  await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();
  // Clicked once the canvas has laid out and fitted the graph: before, the node sits at the origin and
  // a click under load lands where it was (CI: nothing chosen, no "Task name").
  await canvasLaidOut(page);
  await chooseNode(page, 'Approve applicant');
  await page.getByRole('textbox', { name: 'Task name' }).fill('Welcome aboard');
  await page.getByRole('group', { name: 'Welcome aboard', exact: true }).waitFor();
  await page.evaluate('document.activeElement.blur()'); // nothing focused: the dialog has no control to go back to

  await page.goBack();
  await staysAfter(page);
  await focusOn(page, { tag: 'H1', text: 'Approve everyone' });
  await page.goForward();
  await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave without saving', exact: true }).click();
  await page.getByRole('heading', { name: 'Versions of Approve everyone', exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`${builderPath()}/versions`);
  // Back and Back again: the builder (the saved version: the change was left), then the list.
  await page.goBack();
  await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe(builderPath());
  await page.goBack();
  await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/console/');
  expect((await stack.apiJson<{ versions: unknown[] }>(`/v3.6/workflows/${workflowId}/versions`)).body.versions).toHaveLength(1);
  expect(errors).toEqual([]);
}, 120_000);

test('the environment switch and "Sign out" ask first: Stay keeps the environment, the session and the draft', async () => {
  const { page, errors } = await editing();
  const environment = page.getByRole('combobox', { name: 'Environment' });
  await environment.focus(); // as a user's choice would (selectOption sets the value without focusing)
  await environment.selectOption('live');
  await staysAfter(page, environment);
  expect(await environment.inputValue()).toBe('sandbox');
  await page.getByText('Environment: sandbox').waitFor();
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  await signOut.click();
  await staysAfter(page, signOut);
  await page.getByText(`${ADA.email} (admin)`).waitFor();

  await environment.selectOption('live');
  await page.getByRole('button', { name: 'Leave without saving', exact: true }).click();
  await page.getByText('Environment: live').waitFor();
  await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  expect(errors).toEqual([]);
}, 120_000);

/** What closing `page` (as the user would: beforeunload runs) brings first: the browser's question or the page closed. */
async function closing(page: Page): Promise<string> {
  const first = new Promise<string>((resolve) => {
    page.once('dialog', (d) => { resolve(`dialog ${d.type()}`); void d.dismiss(); });
    page.once('close', () => resolve('closed'));
  });
  await page.close({ runBeforeUnload: true });
  return first;
}

test('closing the tab with unsaved changes gets the browser\'s question; an unchanged draft closes at once', async () => {
  const { page } = await editing();
  expect(await closing(page)).toBe('dialog beforeunload');
  // Dismissed: the page stays, with the draft.
  await page.getByRole('group', { name: 'Welcome aboard', exact: true }).waitFor();

  const { page: clean } = await consolePage(browser);
  await logIn(clean, stack.url, ADA.email, ADA.password);
  await clean.getByRole('link', { name: 'Approve everyone' }).click();
  await clean.getByRole('group', { name: 'Approve applicant', exact: true }).click();
  expect(await closing(clean)).toBe('closed');
}, 120_000);
