/**
 * Editors in Chromium against the local stack: a workflow renamed and described from the list;
 * the condition editor offering only the operators that fit each path's type (relative dates in
 * words); document countries by name with search. axe-core on each.
 */
import { type Browser, type Page } from 'playwright-core';
import type { TestStack } from '../helpers/stack';
import { launch, startWebStack } from './web-stack';
import { chooseNode, consolePage, seriousViolations, signIn } from './console-helpers';

type Definition = { tasks: Array<Record<string, unknown> & { id: string }> };
const DEFINITION = {
  name: 'Editors', input: { applicant: 'all', custom: { score: { type: 'number' }, vip: { type: 'boolean' } } }, start: 'document',
  tasks: [
    { id: 'document', type: 'document_capture', name: 'Capture document', documents: [{ type: 'passport', countries: ['GBR'] }], next: 'document_report' },
    { id: 'document_report', type: 'document_report', next: 'decide' },
    { id: 'decide', type: 'logic', name: 'Decide', branches: [{ name: 'Clear', when: { path: 'tasks.document_report.output.result', op: 'eq', value: 'clear' }, next: 'approve' }], else: 'review' },
    { id: 'approve', type: 'result', outcome: 'approve' },
    { id: 'review', type: 'result', outcome: 'review' },
  ],
};

let stack: TestStack;
let browser: Browser;
let page: Page;
let id: string;
beforeAll(async () => {
  stack = await startWebStack();
  browser = await launch();
  const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Editors' } });
  id = wf.body.id;
  expect((await stack.apiJson(`/v3.6/workflows/${id}/versions`, { method: 'POST', json: { definition: DEFINITION, notes: 'v1' } })).status).toBe(201);
  ({ page } = await consolePage(browser));
  await signIn(page, stack.url, stack.apiToken);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The select's option texts, once it is on the page (allInnerTexts does not wait: right after a click the panel may not be drawn yet). */
const options = async (label: string) => {
  const select = page.getByLabel(label, { exact: true });
  await select.locator('option').first().waitFor({ state: 'attached' });
  return (await select.locator('option').allInnerTexts()).map((s) => s.trim());
};

test('a workflow is renamed and described from the list; bad input is refused in the dialog', async () => {
  await page.getByRole('button', { name: 'Edit details of Editors' }).click();
  const dialog = page.getByRole('dialog', { name: 'Workflow details' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Editors (UK)');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Passports from the UK');
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Editors (UK)' }) });
  await row.getByText('Passports from the UK').waitFor();
  expect((await stack.apiJson(`/v3.6/workflows/${id}`)).body).toMatchObject({ name: 'Editors (UK)', description: 'Passports from the UK' });
  await page.getByRole('button', { name: 'Edit details of Editors (UK)' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('   ');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await dialog.getByRole('alert').waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await stack.apiJson(`/v3.6/workflows/${id}`)).body).toMatchObject({ name: 'Editors (UK)' });
}, 60_000);

test('the condition editor offers only the operators that fit the path type; countries are chosen by name', async () => {
  await page.goto(`${stack.url}/console/workflows/${id}`);
  await chooseNode(page, 'Decide');
  const op = 'Branch 1 condition 1 operator';
  const pathOf = page.getByLabel('Branch 1 condition 1 path', { exact: true });
  const none = ['exists', 'does not exist', 'is empty', 'is not empty'];
  expect(await options(op)).toEqual(['equals', 'does not equal', 'is one of', 'is not one of', 'contains', 'does not contain', ...none]);
  await pathOf.selectOption({ label: 'Input › score' });
  expect(await options(op)).toEqual(['equals', 'does not equal', 'greater than', 'at least', 'less than', 'at most', 'is one of', 'is not one of', ...none]);
  await page.getByLabel(op, { exact: true }).selectOption({ label: 'at least' });
  await pathOf.selectOption({ label: 'Input › vip' });
  expect(await options(op)).toEqual(['equals', 'does not equal', ...none]);
  // "at least" does not fit a boolean: the first operator that fits is taken.
  await expect(page.getByLabel(op, { exact: true }).inputValue()).resolves.toBe('eq');
  await page.getByLabel('Branch 1 condition 1 value', { exact: true }).selectOption('true');
  await pathOf.selectOption({ label: 'Applicant › dob' });
  expect(await options(op)).toEqual(['equals', 'does not equal', ...none, 'before', 'after']);
  await page.getByLabel(op, { exact: true }).selectOption({ label: 'before' });
  await page.getByLabel('Branch 1 condition 1 value', { exact: true }).fill('-P18Y');
  await expect(page.getByRole('textbox', { name: 'Branch 1 condition 1 value' }).getAttribute('aria-describedby')).resolves.toBeTruthy();
  await page.getByText('18 years ago', { exact: true }).waitFor();
  await page.getByRole('region', { name: 'Problems' }).getByText('No problems').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await chooseNode(page, 'Capture document');
  const countries = page.getByRole('group', { name: 'Countries for Passport' });
  await countries.getByRole('button', { name: 'Remove United Kingdom' }).waitFor();
  const search = countries.getByRole('searchbox', { name: 'Search countries for Passport' });
  await search.fill('fra');
  await countries.getByRole('button', { name: 'Add France (FRA)' }).click();
  await search.fill('DEU');
  await countries.getByRole('button', { name: 'Add Germany (DEU)' }).click();
  await search.fill('zzz');
  await countries.getByText('No country matches').waitFor();
  await search.fill('');
  await countries.getByRole('button', { name: 'Remove United Kingdom' }).click();
  expect(await countries.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('France'), expect.stringContaining('Germany')]);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog', { name: 'Save' }).getByRole('textbox', { name: 'Notes' }).fill('Editors');
  await page.getByRole('button', { name: 'Save version' }).click();
  await page.getByRole('status').getByText('Saved version 2').waitFor();
  const v2 = await stack.apiJson<{ definition: Definition; problems: unknown[] }>(`/v3.6/workflows/${id}/versions/2`);
  expect(v2.body.problems).toEqual([]);
  expect(v2.body.definition.tasks.find((t) => t.id === 'document')?.documents).toEqual([{ type: 'passport', countries: ['FRA', 'DEU'] }]);
  expect(v2.body.definition.tasks.find((t) => t.id === 'decide')?.branches).toEqual([{ name: 'Clear', when: { path: 'input.applicant.dob', op: 'before', value: { relative: '-P18Y' } }, next: 'approve' }]);
}, 90_000);
