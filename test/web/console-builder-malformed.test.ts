/**
 * Parts of a draft the panel cannot edit, in Chromium against the local stack, with nothing faked:
 * a version saved through the API (stored with its problems) whose parts are malformed (a branch
 * condition with `paht` for `path`, a branch whose `all` is no list, an item of a group that is
 * text, a Send property whose source is a number, a Receive property that is text, a result's
 * `output` that is text, a document's countries that are text, a custom input that is text,
 * branding that is text). Choosing each task (and Start) shows, in place of each such part, a note
 * naming it and pointing to the code view, never the error boundary; each part is in Problems.
 * The task's well-formed fields stay editable, and the version saved keeps every malformed part
 * as it was. The same definition pasted in the code view is applied, its parts shown the same way.
 */
import type { Browser, Page } from 'playwright-core';
import { pinTaskVersions } from '../../compiler';
import type { TestStack } from '../helpers/stack';
import { chooseNode, consolePage, seriousViolations, signIn } from './console-helpers';
import { webSuite } from './web-stack';

const DOCUMENT = { id: 'document', type: 'document_capture', name: 'Capture document', documents: [{ type: 'passport', countries: 'GBR' }], next: 'check' };
const [EMAIL, NO_LIST, HALF] = [
  { name: 'Email given', when: { paht: 'input.applicant.email', op: 'exists' }, next: 'exchange' },
  { name: 'No list', when: { all: 'input.applicant.email' }, next: 'approve' },
  { name: 'Half known', when: { any: [{ path: 'input.applicant.email', op: 'exists' }, 'email'] }, next: 'approve' },
];
const CHECK = { id: 'check', type: 'logic', name: 'Route by email', branches: [EMAIL, NO_LIST, HALF], else: 'approve' };
const EXCHANGE = {
  id: 'exchange', type: 'send_receive', name: 'Ask the CRM', task_def_id: 'crm', task_def_version: '1',
  send: { email: { format: 'string', source: 42 } }, receive: { score: 'number' }, next: 'approve',
};
const APPROVE = { id: 'approve', type: 'result', name: 'Approve', outcome: 'approve', output: 'tasks.exchange.output.score' };
const MALFORMED = {
  name: 'Malformed parts', start: 'document',
  input: { applicant: ['email'], custom: { age: 'number' } },
  output: { score: { format: 'number' } },
  settings: { welcome: true, branding: 'blue' },
  tasks: [DOCUMENT, CHECK, EXCHANGE, APPROVE],
};

const CONDITION = 'a condition the builder knows (a comparison of path, op and value; or all, any or not of conditions)';
const note = (what: string, path: string, expected: string) => `${what} cannot be edited here: ${path} is not ${expected}. Edit it in the Code view.`;
/** The notes each node shows when chosen, in order, and the start of the problem each part is listed under. */
const NOTES: Array<{ node: string; notes: string[]; problems: string[] }> = [
  { node: 'Start', notes: [
    note('Custom input age', 'input.custom.age', 'an input with a type (text), maybe required (true or false) and a semantic type'),
    note('Capture page', 'settings.branding', 'an object of logo_url and primary_colour (text)'),
  ], problems: ['Workflow: input.custom.age: ', 'Workflow: settings.branding: '] },
  { node: 'Capture document', notes: [
    note('Accepted documents', 'documents', 'a list of accepted documents (type: passport, national_identity_card, driving_licence or residence_permit; countries: a list of codes)'),
  ], problems: ['Capture document: tasks[0].documents[0].countries: '] },
  { node: 'Route by email', notes: [
    note('Branch 1 conditions', 'branches[0].when', CONDITION), note('Branch 2 conditions', 'branches[1].when', CONDITION),
    note('Branch 3 condition 2', 'branches[2].when.any[1]', CONDITION),
  ], problems: ['Route by email: tasks[1].branches[0].when: ', 'Route by email: tasks[1].branches[1].when: ', 'Route by email: tasks[1].branches[2].when: '] },
  { node: 'Ask the CRM', notes: [
    note('Send property email', 'send.email', 'a property with a format and a source (text), maybe a semantic type'),
    note('Receive property score', 'receive.score', 'a property with a format (text), maybe required (true or false) and a semantic type'),
  ], problems: ['Ask the CRM: tasks[2].send.email.source: ', 'Ask the CRM: tasks[2].receive.score: '] },
  { node: 'Approve', notes: [note('Workflow outputs', 'output', 'an object of text values')], problems: ['Approve: tasks[3].output: '] },
];

let stack: TestStack;
let browser: Browser;

webSuite((s) => { ({ stack, browser } = s); });

async function workflow(definition?: unknown): Promise<string> {
  const id = (await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Malformed parts' } })).body.id;
  if (definition) expect((await stack.api(`/v3.6/workflows/${id}/versions`, { method: 'POST', json: { definition, notes: 'malformed' } })).status).toBe(201);
  return id;
}

/** Chooses each node and checks its notes (role note, exact text), that each part is in Problems, axe-core on the panel, and that no boundary showed. */
async function checkNotes(page: Page, errors: string[]): Promise<void> {
  const problems = page.getByRole('region', { name: 'Problems' });
  for (const { node, notes, problems: listed } of NOTES) {
    await chooseNode(page, node);
    const panel = page.getByRole('complementary', { name: node === 'Start' ? 'Workflow settings' : 'Configuration', exact: true });
    await panel.getByRole('note').filter({ hasText: notes[0] }).waitFor();
    expect(await panel.getByRole('note').allInnerTexts()).toEqual(notes);
    for (const start of listed) expect(await problems.getByRole('button').filter({ hasText: start }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  }
  expect(await page.getByRole('alert').filter({ hasText: 'The builder could not show this draft' }).count()).toBe(0);
  expect(errors).toEqual([]);
}

test('a version with malformed parts: each chosen task notes them, never the boundary; its other fields are edited and saved, the parts kept', async () => {
  const id = await workflow(MALFORMED);
  const { page, errors } = await consolePage(browser);
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${id}`);
  await page.getByRole('group', { name: 'Route by email', exact: true }).waitFor();
  await checkNotes(page, errors);

  // The well-formed fields of the same tasks stay editable.
  await chooseNode(page, 'Start');
  await page.getByRole('textbox', { name: 'Description', exact: true }).fill('Checked by the CRM');
  await chooseNode(page, 'Capture document');
  await page.getByRole('combobox', { name: 'Nfc', exact: true }).selectOption('optional');
  await chooseNode(page, 'Route by email');
  await page.getByRole('textbox', { name: 'Branch 1 name', exact: true }).fill('Email on file');
  await page.getByRole('combobox', { name: 'Branch 3 condition 1 operator', exact: true }).selectOption('not_exists');
  await chooseNode(page, 'Ask the CRM');
  await page.getByRole('textbox', { name: 'Task definition id', exact: true }).fill('crm_v2');
  await chooseNode(page, 'Approve');
  await page.getByRole('textbox', { name: 'Task name', exact: true }).fill('Approve applicant');
  await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog', { name: 'Save' }).getByRole('button', { name: 'Save version', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /^Saved version 2$/ }).waitFor();
  const saved = (await stack.apiJson<{ definition: unknown }>(`/v3.6/workflows/${id}/versions/2`)).body.definition;
  // As edited, the malformed parts kept, each task pinned to its type's version as saved.
  expect(saved).toEqual(pinTaskVersions({
    ...MALFORMED, description: 'Checked by the CRM', tasks: [
      { ...DOCUMENT, nfc: 'optional' },
      { ...CHECK, branches: [{ ...EMAIL, name: 'Email on file' }, NO_LIST, { ...HALF, when: { any: [{ path: 'input.applicant.email', op: 'not_exists' }, 'email'] } }] },
      { ...EXCHANGE, task_def_id: 'crm_v2' },
      { ...APPROVE, name: 'Approve applicant' },
    ],
  }));
  expect(errors).toEqual([]);
}, 120_000);

test('the same definition pasted in the code view is applied; its tasks note their malformed parts', async () => {
  const id = await workflow();
  const { page, errors } = await consolePage(browser);
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${id}`);
  await page.getByRole('group', { name: 'Start', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Code view', exact: true }).click();
  await page.getByRole('textbox', { name: 'Definition (JSON)', exact: true }).fill(JSON.stringify(MALFORMED, null, 2));
  await page.getByRole('group', { name: 'Route by email', exact: true }).waitFor();
  expect(await page.locator('#code-error').innerText()).toBe('');
  await page.getByRole('button', { name: 'Code view', exact: true }).click();
  await checkNotes(page, errors);
}, 120_000);
