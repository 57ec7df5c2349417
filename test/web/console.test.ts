/**
 * The Studio console in Chromium (playwright-core) against the local stack: sign in with the
 * API token, build the document + selfie template from a blank workflow by keyboard and click
 * alone, save, activate and start a run on it; an invalid workflow shows each problem on its
 * task, as the server judges it; undo/redo; a token the API does not know is refused; axe-core
 * finds no serious or critical violation on the sign-in, workflow list, builder and results pages.
 */
import { type Browser, type Page } from 'playwright-core';
import { findTemplate, pinTaskVersions } from '../../compiler';
import type { E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { consolePage, renameIds, seriousViolations, signIn } from './console-helpers';


let stack: TestStack;
let t: E2e;
let browser: Browser;

webSuite((s) => { ({ stack, t, browser } = s); });

const newPage = () => consolePage(browser);

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const field = (page: Page, name: string) => page.getByLabel(name, { exact: true });

async function addAfter(page: Page, anchor: string, type: string): Promise<void> {
  await node(page, anchor).click();
  await page.getByRole('button', { name: 'Add task after' }).click();
  await page.getByRole('menuitem', { name: type, exact: true }).click();
  await node(page, type).waitFor();
}

async function createBlank(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'New workflow' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workflow' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('radiogroup', { name: 'Template' }).getByRole('radio', { name: 'Blank' }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await node(page, 'Start').waitFor();
  return /\/console\/workflows\/([^/]+)$/.exec(page.url())?.[1] ?? '';
}

test('builds the document + selfie template from a blank workflow, saves, activates and runs it', async () => {
  const { page, errors } = await newPage();
  await page.goto(`${stack.url}/console/`);
  await page.getByRole('textbox', { name: 'API token' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await signIn(page, stack.url, stack.apiToken);
  await page.getByText('Environment: sandbox').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  const id = await createBlank(page, 'Document and selfie');

  // Workflow settings (Start): description, applicant inputs, outputs.
  await node(page, 'Start').click();
  await field(page, 'Description').fill('An identity document and a selfie photo; document and facial similarity reports decide.');
  await page.getByRole('checkbox', { name: 'First name' }).check();
  await page.getByRole('checkbox', { name: 'Last name' }).check();
  for (const out of ['document_result', 'document_sub_result', 'face_result']) {
    await field(page, 'Output name').fill(out);
    await field(page, 'Format').selectOption('string');
    await page.getByRole('button', { name: 'Add output' }).click();
  }

  await addAfter(page, 'Start', 'Document Capture');
  await field(page, 'Task name').fill('Capture document');
  await field(page, 'Timeout seconds').fill('604800');
  await addAfter(page, 'Capture document', 'Face Capture: Photo');
  await field(page, 'Task name').fill('Capture selfie');
  await field(page, 'Show intro').selectOption({ label: 'Yes' });
  await field(page, 'Timeout seconds').fill('604800');
  await addAfter(page, 'Capture selfie', 'Document Report');
  await field(page, 'Variant').selectOption({ label: 'Standard' });
  await field(page, 'Processing').selectOption({ label: 'Auto' });
  await addAfter(page, 'Document Report', 'Facial Similarity Report');
  await expect(field(page, 'Variant').inputValue()).resolves.toBe('photo');

  await addAfter(page, 'Facial Similarity Report', 'Logic');
  await field(page, 'Task name').fill('Decide');
  await page.getByRole('button', { name: 'Add branch' }).click();
  await field(page, 'Branch 1 name').fill('Both clear');
  await field(page, 'Branch 2 name').fill('Face does not match');
  await page.getByRole('button', { name: 'Add condition to branch 1' }).click();
  await page.getByRole('button', { name: 'Add condition to branch 1' }).click();
  await page.getByRole('button', { name: 'Add condition to branch 2' }).click();
  const condition = async (n: number, m: number, label: string, value: string) => {
    await field(page, `Branch ${n} condition ${m} path`).selectOption({ label });
    await field(page, `Branch ${n} condition ${m} value`).selectOption(value);
  };
  await condition(1, 1, 'Document Report › result', 'clear');
  await condition(1, 2, 'Facial Similarity Report › result', 'clear');
  await condition(2, 1, 'Facial Similarity Report › result', 'consider');

  const results: Array<[string, string, Record<string, string>]> = [
    ['Approve applicant', 'document_and_face_clear', {
      document_result: 'Document Report › result', document_sub_result: 'Document Report › sub_result', face_result: 'Facial Similarity Report › result',
    }],
    ['Decline applicant', 'face_mismatch', { face_result: 'Facial Similarity Report › result' }],
    ['Review applicant', 'document_consider', { document_result: 'Document Report › result', document_sub_result: 'Document Report › sub_result' }],
  ];
  for (const [type, reason, outputs] of results) {
    await addAfter(page, 'Decide', type);
    await field(page, 'Reasons').fill(reason);
    for (const [name, label] of Object.entries(outputs)) await field(page, `Output ${name}`).selectOption({ label });
  }

  const problems = page.getByRole('region', { name: 'Problems' });
  await problems.getByText('No problems').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save' });
  await dialog.getByRole('textbox', { name: 'Notes' }).fill('Built in the console');
  await dialog.getByRole('button', { name: 'Save version' }).click();
  await page.getByText('Inactive', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('dialog', { name: 'Activate version 1?' }).getByRole('button', { name: 'Activate', exact: true }).click();
  await page.getByText('Active', { exact: true }).waitFor();

  const saved = await t.call<{ status: string; notes: string; definition: unknown }>('GET', `/v3.6/workflows/${id}/versions/1`);
  expect([saved.body.status, saved.body.notes]).toEqual(['active', 'Built in the console']);
  const ids = { document_capture: 'document', face_capture_photo: 'selfie', facial_similarity_report: 'facial_similarity', logic: 'decide', decline: 'decline_face' };
  // The builder's draft is the template's, every task pinned to its type's version as saved.
  expect(renameIds(saved.body.definition, ids)).toEqual(pinTaskVersions(findTemplate('document_selfie_photo')?.definition));
  const run = await t.startRun(id, await t.applicant({ first_name: 'Consolia', last_name: 'Builderson' }));
  expect((await t.until(run.id, ['awaiting_input'])).status).toBe('awaiting_input');
  await page.getByRole('link', { name: 'Results' }).click();
  // The results list names the run by its applicant and shows the status in words.
  await page.getByRole('row').filter({ hasText: 'Consolia Builderson' }).getByText('Awaiting input').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 240_000);

test('an invalid workflow shows each problem on its task, as the server judges it; undo and redo', async () => {
  const { page, errors } = await newPage();
  await page.goto(`${stack.url}/console/`);
  await page.getByRole('textbox', { name: 'API token' }).fill('api_sandbox.not-a-token-the-api-knows');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('The API refused this token').waitFor();
  await signIn(page, stack.url, stack.apiToken);
  const id = await createBlank(page, 'Broken');
  await page.getByRole('region', { name: 'Problems' }).getByRole('listitem').first().waitFor();
  await addAfter(page, 'Start', 'Facial Similarity Report');
  await addAfter(page, 'Facial Similarity Report', 'Approve applicant');

  const items = page.getByRole('region', { name: 'Problems' }).getByRole('listitem');
  const texts = await items.allInnerTexts();
  expect(texts.length).toBe(2);
  for (const text of texts) expect(text).toMatch(/^Facial Similarity Report: .*(document_capture|face_capture_photo)/);
  await expect(node(page, 'Facial Similarity Report').getAttribute('aria-description')).resolves.toMatch(/has problems/);
  await node(page, 'Start').click();
  await items.first().getByRole('button').click();
  await expect(field(page, 'Task name').getAttribute('placeholder')).resolves.toBe('Facial Similarity Report');

  await page.getByRole('button', { name: 'Undo' }).click();
  await node(page, 'Approve applicant').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Redo' }).click();
  await node(page, 'Approve applicant').waitFor();

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog', { name: 'Save' }).getByRole('button', { name: 'Save version' }).click();
  await page.getByText('Invalid', { exact: true }).waitFor();
  await expect(page.getByRole('button', { name: 'Activate' }).isDisabled()).resolves.toBe(true);
  const saved = await t.call<{ problems: Array<{ task: string | null }> }>('GET', `/v3.6/workflows/${id}/versions/1`);
  expect(saved.body.problems.map((p) => p.task)).toEqual(['facial_similarity_report', 'facial_similarity_report']);
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 240_000);
