/**
 * The console's versions in Chromium against the local stack: task updates applied and saved,
 * the versions page (status, notes, read-only version, compare), and the code view round trip
 * (edit, invalid JSON refused, export, import), the generic link setting saved with a version.
 * axe-core on the versions page, code view and the settings panel.
 */
import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { findTemplate, pinTaskVersions, validate, workflowJsonSchema } from '../../compiler';
import { estimate, routeTo } from '../../lib/cost';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { chooseNode, consolePage, seriousViolations, signIn } from './console-helpers';

type Definition = { name: string; tasks: Array<Record<string, unknown> & { id: string }> };

let stack: TestStack;
let browser: Browser;
const template = findTemplate('document_selfie_photo')?.definition as Definition;

webSuite((s) => { ({ stack, browser } = s); });

async function workflowWith(definition: unknown, notes: string): Promise<string> {
  const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Versions' } });
  const saved = await stack.apiJson(`/v3.6/workflows/${wf.body.id}/versions`, { method: 'POST', json: { definition, notes } });
  expect(saved.status).toBe(201);
  return wf.body.id;
}

async function opened(id: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await consolePage(browser, { acceptDownloads: true });
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${id}`);
  await page.getByRole('group', { name: 'Start', exact: true }).waitFor();
  return { page, errors };
}

test('task updates are applied and saved; the versions page shows both versions, opens one read-only and compares them', async () => {
  const pinned = { ...template, tasks: template.tasks.map((t) => (t.id === 'document_report' ? { ...t, version: 1 } : t)) };
  const id = await workflowWith(pinned, 'Pinned to document_report@1');
  const { page, errors } = await opened(id);
  const updates = page.getByRole('region', { name: '1 task update available' });
  await updates.getByText('version 1 → 2').waitFor();
  await updates.getByRole('button', { name: 'Apply all updates' }).click();
  await updates.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog', { name: 'Save' }).getByRole('textbox', { name: 'Notes' }).fill('Document report 2');
  await page.getByRole('button', { name: 'Save version' }).click();
  await page.getByRole('status').getByText('Saved version 2').waitFor();
  const v2 = await stack.apiJson<{ definition: Definition }>(`/v3.6/workflows/${id}/versions/2`);
  expect(v2.body.definition.tasks.find((t) => t.id === 'document_report')).toMatchObject({ version: 2 });

  await page.getByRole('link', { name: 'Versions' }).click();
  const rows = page.getByRole('row');
  await rows.filter({ hasText: 'Document report 2' }).getByText('Inactive').waitFor();
  await rows.filter({ hasText: 'Pinned to document_report@1' }).getByText('Inactive').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Compare version', { exact: true }).selectOption('1');
  await page.getByLabel('with version', { exact: true }).selectOption('2');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const changed = page.getByRole('region', { name: 'Tasks changed' });
  await changed.getByText('version: 1 → 2').waitFor();
  expect(await changed.getByRole('listitem').first().innerText()).toMatch(/^Document Report document_report/);
  await expect(page.getByRole('region', { name: 'Tasks added' }).innerText()).resolves.toMatch(/None/);
  const canvas = page.getByRole('region', { name: 'Version 2 against version 1 on the canvas' });
  await expect(canvas.getByRole('group', { name: 'Document Report', exact: true }).innerText()).resolves.toMatch(/Changed/);
  await expect(canvas.getByRole('group', { name: 'Capture document', exact: true }).innerText()).resolves.not.toMatch(/Changed|Added|Removed/);
  const json = page.getByRole('region', { name: 'JSON diff' });
  expect(await json.locator('del').allInnerTexts()).toEqual([expect.stringMatching(/^- +"version": 1,?\s*$/)]);
  expect(await json.locator('ins').allInnerTexts()).toEqual([expect.stringMatching(/^\+ +"version": 2,?\s*$/)]);
  const cost = page.getByRole('region', { name: 'Cost per route' });
  await cost.getByText('Version 2', { exact: true }).waitFor();
  expect(await cost.getByRole('row').count()).toBe(4);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Open version 1' }).click();
  await page.getByText('Version 1, read-only').waitFor();
  await expect(page.getByRole('button', { name: 'Save', exact: true }).count()).resolves.toBe(0);
  await chooseNode(page, 'Document Report');
  await expect(page.getByLabel('Task name', { exact: true }).isDisabled()).resolves.toBe(true);
  expect(errors).toEqual([]);
}, 240_000);

test('generic link: the workflow settings offer it; saved with a version, valid, and once live the link opens', async () => {
  const id = await workflowWith(template, 'Without a generic link');
  const { page, errors } = await opened(id);
  await page.getByRole('group', { name: 'Start', exact: true }).focus();
  await page.keyboard.press('Enter');
  const offer = page.getByRole('checkbox', { name: 'Offer a generic link' });
  expect(await offer.isChecked()).toBe(false);
  expect(await page.getByRole('textbox', { name: 'Generic link address' }).count()).toBe(0);
  await offer.check();
  const address = page.getByRole('textbox', { name: 'Generic link address' });
  expect(await address.inputValue()).toBe(`${new URL(stack.url).origin}/capture/f/${id}`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog', { name: 'Save' }).getByRole('textbox', { name: 'Notes' }).fill('Generic link');
  await page.getByRole('button', { name: 'Save version' }).click();
  await page.getByRole('status').getByText('Saved version 2').waitFor();
  const v2 = await stack.apiJson<{ definition: Definition & { settings?: unknown } }>(`/v3.6/workflows/${id}/versions/2`);
  expect(v2.body.definition.settings).toEqual({ generic_link: true });
  expect(validate(v2.body.definition).problems).toEqual([]);
  const settings = (workflowJsonSchema() as { properties: { settings: { properties: Record<string, unknown>; additionalProperties: boolean } } }).properties.settings;
  expect(settings.properties.generic_link).toMatchObject({ type: 'boolean' });
  expect(settings.additionalProperties).toBe(false);
  // Not live yet: the link is not offered; live: it is.
  expect((await stack.apiJson(`/v3.6/generic_links/${id}`)).status).toBe(404);
  expect((await stack.apiJson(`/v3.6/workflows/${id}/versions/2/activate`, { method: 'POST' })).status).toBe(200);
  expect((await stack.apiJson(`/v3.6/generic_links/${id}`)).status).toBe(200);
  // Unchecked, the setting leaves the draft.
  await offer.uncheck();
  await page.getByRole('button', { name: 'Code view' }).click();
  const draft = JSON.parse(await page.getByRole('textbox', { name: 'Definition (JSON)' }).inputValue()) as Record<string, unknown>;
  expect(draft.settings).toBeUndefined();
  expect(errors).toEqual([]);
}, 180_000);

test('code view: edits reach the canvas, invalid JSON is refused, export and import round trip; cost per route', async () => {
  const id = await workflowWith(template, 'Template');
  const { page, errors } = await opened(id);
  const cost = page.getByRole('region', { name: 'Cost per route' });
  const usd = (result: string) => estimate(routeTo(template, [result])!, 10_000).reduce((s, l) => s + l.usd, 0).toFixed(2);
  // allInnerTexts does not wait: the table fills once the definition is loaded (empty in one CI run).
  await cost.getByRole('row').nth(3).waitFor();
  expect(await cost.getByRole('row').allInnerTexts()).toEqual([
    'Route to\tTransitions\tCaptures\tReports\tUSD per 10,000 runs',
    `Approve applicant\t7\t2\t2\t$${usd('approve')}`, `Decline applicant\t7\t2\t2\t$${usd('decline_face')}`, `Review applicant\t7\t2\t2\t$${usd('review')}`,
  ]);
  await page.getByRole('button', { name: 'Code view' }).click();
  const code = page.getByRole('textbox', { name: 'Definition (JSON)' });
  const shown = JSON.parse(await code.inputValue()) as Definition;
  expect(shown).toEqual(pinTaskVersions(template)); // version 1, made from the template, pinned as saved
  expect(await seriousViolations(page)).toEqual([]);

  const renamed = { ...template, tasks: template.tasks.map((t) => (t.id === 'decide' ? { ...t, name: 'Route by reports' } : t)) };
  await code.fill(JSON.stringify(renamed, null, 2));
  await page.getByRole('group', { name: 'Route by reports', exact: true }).waitFor();
  await code.fill('{ "name": ');
  await page.getByText(/^Not applied: /).waitFor(); // said politely (aria-live), not as an alert on every keystroke
  await page.getByRole('group', { name: 'Route by reports', exact: true }).waitFor();

  await code.fill(JSON.stringify(renamed));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export definition' }).click();
  const file = await (await download).path();
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(renamed);

  const imported = { ...template, tasks: template.tasks.map((t) => (t.id === 'approve' ? { ...t, name: 'Welcome aboard' } : t)) };
  await page.getByLabel('Import definition').setInputFiles({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
  await page.getByRole('group', { name: 'Welcome aboard', exact: true }).waitFor();
  expect(JSON.parse(await code.inputValue())).toEqual(imported);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();
  expect(JSON.parse(await code.inputValue())).toEqual(renamed);
  expect(errors).toEqual([]);
}, 240_000);
