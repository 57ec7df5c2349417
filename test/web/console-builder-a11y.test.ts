/**
 * The builder's and the versions page's accessibility in Chromium against the local stack: the
 * "Problems" region's count is a persistent polite status; the add menu opened from a (+) gives
 * the focus back to that (+) on Escape and to the new task's node after an add; the focus outline
 * has a contrast of at least 3:1 with what is behind it; the (+) buttons stay at least 24 px on
 * screen when the canvas is zoomed out; "Activate version N" asks for a confirmation and says
 * when it is done (Cancel activates nothing); the builder's "Activate" asks the same confirmation;
 * after a save and an activation in the builder the focus is on the status that says so (the
 * button used is disabled by then), never dropped on the page's body.
 */
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { findTemplate } from '../../compiler';
import type { TestStack } from '../helpers/stack';
import { attributeChanged, canvasLaidOut, chooseNode, consolePage, focusOn, seriousViolations, signIn } from './console-helpers';
import { webSuite } from './web-stack';

let stack: TestStack;
let browser: Browser;
const template = findTemplate('document_selfie_photo')!.definition;

webSuite((s) => { ({ stack, browser } = s); });

/** A workflow with `versions` saved versions of the template, and a page signed in at `at(id)`. */
async function opened(versions: number, at: (id: string) => string): Promise<{ page: Page; errors: string[]; id: string }> {
  const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Focus' } });
  for (let v = 1; v <= versions; v++) {
    expect((await stack.apiJson(`/v3.6/workflows/${wf.body.id}/versions`, { method: 'POST', json: { definition: template, notes: `v${v}` } })).status).toBe(201);
  }
  const { page, errors } = await consolePage(browser);
  await signIn(page, stack.url, stack.apiToken, at(wf.body.id));
  return { page, errors, id: wf.body.id };
}
/** Waits (5 s at most) until `test` (run in the page: this file has no DOM types) holds of the focused element. */
/** The focused element is the page's status (role status) saying exactly `text`. */
const onStatus = (text: string) => ({ role: 'status', text });
const statusOf = async (id: string, v: number) => (await stack.apiJson<{ status: string }>(`/v3.6/workflows/${id}/versions/${v}`)).body.status;
/** The activations the page asks for (POST …/versions/N/activate). */
function activations(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (r) => { if (r.method() === 'POST' && /\/versions\/\d+\/activate$/.test(new URL(r.url()).pathname)) sent.push(r); });
  return sent;
}

/** WCAG's contrast ratio of two `rgb(…)` / `rgba(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((x) => Number(x) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
/** The focused element's outline colour and the first opaque background behind it (run in the page). */
const OUTLINE = `(() => {
  const el = document.activeElement;
  let bg = 'rgb(255, 255, 255)';
  for (let x = el.parentElement; x; x = x.parentElement) {
    const c = getComputedStyle(x).backgroundColor;
    if (c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) { bg = c; break; }
  }
  return { visible: el.matches(':focus-visible'), outline: getComputedStyle(el).outlineColor, style: getComputedStyle(el).outlineStyle, bg };
})()`;
async function outlineContrast(page: Page, target: Locator): Promise<number> {
  await page.keyboard.press('Shift'); // a key first: the focus is then shown as for the keyboard
  await target.focus();
  const o = await page.evaluate(OUTLINE) as { visible: boolean; outline: string; style: string; bg: string };
  expect(o).toMatchObject({ visible: true, style: 'solid' });
  return contrast(o.outline, o.bg);
}

test('the add menu gives the focus back to the (+) that opened it, and to the new node after an add', async () => {
  const { page, errors } = await opened(1, (id) => `/console/workflows/${id}`);
  await page.getByRole('group', { name: 'Decide', exact: true }).waitFor();
  await canvasLaidOut(page);

  const plus = page.getByRole('button', { name: 'Add task between Start and Capture document', exact: true });
  await plus.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Add task between Start and Capture document' });
  await menu.getByRole('menuitem').first().waitFor();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  await focusOn(page, { label: 'Add task between Start and Capture document' });

  await page.keyboard.press('Enter');
  await menu.getByRole('menuitem', { name: 'Retry', exact: true }).click();
  await focusOn(page, { matches: '.react-flow__node', label: 'Retry' });
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);

test('the Problems count is a persistent polite status', async () => {
  const { page, errors } = await opened(1, (id) => `/console/workflows/${id}`);
  await page.getByRole('group', { name: 'Decide', exact: true }).waitFor();
  await canvasLaidOut(page);
  const status = page.getByRole('region', { name: 'Problems' }).getByRole('status');
  await status.filter({ hasText: /^No problems$/ }).waitFor();
  const element = await status.elementHandle();
  await page.getByRole('button', { name: 'Add task between Start and Capture document', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Retry', exact: true }).click();
  await status.filter({ hasText: /^\d+ problems?$/ }).waitFor();
  expect(await element!.textContent()).toMatch(/^\d+ problems?$/); // the same element: announced as it changes
  expect(errors).toEqual([]);
}, 120_000);

test('the focus outline contrasts at least 3:1 with what is behind it', async () => {
  const { page, errors } = await opened(1, (id) => `/console/workflows/${id}`);
  await page.getByRole('group', { name: 'Decide', exact: true }).waitFor();
  await canvasLaidOut(page);
  expect(await outlineContrast(page, page.getByRole('button', { name: 'Code view', exact: true }))).toBeGreaterThanOrEqual(3);
  expect(await outlineContrast(page, page.getByRole('button', { name: 'Add task between Start and Capture document', exact: true }))).toBeGreaterThanOrEqual(3);
  expect(await outlineContrast(page, page.getByRole('link', { name: 'Versions', exact: true }))).toBeGreaterThanOrEqual(3);
  expect(await outlineContrast(page, page.getByRole('link', { name: 'Workflows', exact: true }))).toBeGreaterThanOrEqual(3); // in the dark header
  expect(errors).toEqual([]);
}, 120_000);

test('the (+) buttons stay at least 24 px on screen when the canvas is zoomed out', async () => {
  const { page, errors } = await opened(1, (id) => `/console/workflows/${id}`);
  await page.getByRole('group', { name: 'Decide', exact: true }).waitFor();
  await canvasLaidOut(page);
  const plus = page.getByRole('button', { name: 'Add task between Start and Capture document', exact: true });
  const zoomOut = page.getByRole('button', { name: 'Zoom Out', exact: true });
  const before = await page.locator('.react-flow__viewport').getAttribute('style');
  await zoomOut.click();
  await attributeChanged(page, '.react-flow__viewport', 'style', { differs: before });
  await attributeChanged(page, '.react-flow__viewport', 'style', { pattern: /scale\(0\.[0-7]/ });
  for (const target of [plus, page.getByRole('button', { name: 'Add a task after Capture document', exact: true })]) {
    const box = (await target.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(23.5);
  }
  expect(errors).toEqual([]);
}, 120_000);

test('"Activate version N" asks for a confirmation, and its success is announced', async () => {
  const { page, errors, id } = await opened(2, (id) => `/console/workflows/${id}/versions`);
  const sent = activations(page);
  const row = (n: number) => page.getByRole('row').filter({ has: page.getByRole('link', { name: `Open version ${n}`, exact: true }) });
  await row(2).getByRole('button', { name: 'Activate version 2', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Activate version 2?' });
  await dialog.getByText('New runs of this workflow in sandbox will use version 2.', { exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  // Cancel activated nothing: the row and the API still say inactive, and the one activation below is the only one sent.
  await row(2).getByText('Inactive', { exact: true }).waitFor();
  expect(await statusOf(id, 2)).toBe('inactive');

  await row(2).getByRole('button', { name: 'Activate version 2', exact: true }).click();
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Activate', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /^Version 2 is active\.$/ }).waitFor();
  await row(2).getByText('Active', { exact: true }).waitFor();
  expect(await statusOf(id, 2)).toBe('active');
  expect(sent).toHaveLength(1);
  // The button is gone with the reload: the focus is on the heading, not lost.
  await focusOn(page, { id: 'versions-h' });

  await row(1).getByRole('button', { name: 'Archive version 1', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /^Version 1 is archived\.$/ }).waitFor();
  expect(errors).toEqual([]);
}, 120_000);

test('the builder: Save puts the focus on "Saved version N"; "Activate" asks the same confirmation, Cancel keeps it inactive, and its success takes the focus', async () => {
  const { page, errors, id } = await opened(1, (id) => `/console/workflows/${id}`);
  const sent = activations(page);
  await chooseNode(page, 'Decide');
  await page.getByRole('textbox', { name: 'Task name', exact: true }).fill('Decide now');
  await page.getByRole('group', { name: 'Decide now', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const save = page.getByRole('dialog', { name: 'Save' });
  await save.getByRole('textbox', { name: 'Notes', exact: true }).fill('Renamed');
  await save.getByRole('button', { name: 'Save version', exact: true }).click();
  // "Save" is disabled by now: the focus is on the status that says what was done.
  await focusOn(page, onStatus('Saved version 2'));
  expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);

  const activate = page.getByRole('button', { name: 'Activate', exact: true });
  await activate.click();
  const dialog = page.getByRole('dialog', { name: 'Activate version 2?' });
  await dialog.getByText('New runs of this workflow in sandbox will use version 2.', { exact: true }).waitFor();
  await focusOn(page, { text: 'Cancel' }); // the safe choice first
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await focusOn(page, { text: 'Activate', enabled: true });
  await page.getByRole('toolbar').getByText(/^Version 2 · Inactive$/).waitFor();
  expect(await statusOf(id, 2)).toBe('inactive');

  await activate.click();
  await dialog.getByRole('button', { name: 'Activate', exact: true }).click();
  await focusOn(page, onStatus('Version 2 is active'));
  await page.getByRole('toolbar').getByText(/^Version 2 · Active$/).waitFor();
  expect(await activate.isDisabled()).toBe(true);
  expect(await statusOf(id, 2)).toBe('active');
  expect(sent).toHaveLength(1);
  expect(errors).toEqual([]);
}, 120_000);
