/**
 * The builder keeps a compliance editor's work safe, in Chromium against the local stack: a save
 * after someone else saved a newer version is refused with the conflict ("Save anyway" / "Reload
 * latest version", which then says what it shows and takes the focus there, never dropping it); "Save version" is disabled while saving, so a double click makes one version;
 * a failed load is an alert with "Try again" and no editor; JSON of the wrong shape in the code
 * view (typed or imported) is refused politely and never takes the console down, and while typing
 * why is said only once the typing pauses (not at every keystroke).
 */
import type { Browser, Page, Request } from 'playwright-core';
import type { TestStack } from '../helpers/stack';
import { chooseNode, consolePage, focusOn, signIn } from './console-helpers';
import { webSuite } from './web-stack';

const named = (name: string) => ({ name: 'Approve all', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve', name }] });

let stack: TestStack;
let browser: Browser;

webSuite((s) => { ({ stack, browser } = s); });

async function workflow(): Promise<string> {
  const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Safe edits' } });
  await saveByApi(wf.body.id, 'Approve applicant', 'first');
  return wf.body.id;
}
async function saveByApi(id: string, name: string, notes: string): Promise<void> {
  expect((await stack.api(`/v3.6/workflows/${id}/versions`, { method: 'POST', json: { definition: named(name), notes } })).status).toBe(201);
}
const versions = async (id: string) =>
  (await stack.apiJson<{ versions: Array<{ version: number; notes: string }> }>(`/v3.6/workflows/${id}/versions`)).body.versions;
const definitionOf = async (id: string, v: number) =>
  (await stack.apiJson<{ definition: ReturnType<typeof named> }>(`/v3.6/workflows/${id}/versions/${v}`)).body.definition;

/** The builder of `id`, signed in; `clock`: the page's timers faked (page.clock, before the page loads). */
async function opened(id: string, clock = false): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await consolePage(browser);
  if (clock) await page.clock.install();
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${id}`);
  await page.getByRole('group', { name: 'Start', exact: true }).waitFor();
  return { page, errors };
}
async function rename(page: Page, from: string, to: string): Promise<void> {
  await chooseNode(page, from);
  await page.getByRole('textbox', { name: 'Task name' }).fill(to);
  await page.getByRole('group', { name: to, exact: true }).waitFor();
}
/** Opens "Save", writes the notes, sends "Save version"; what comes first: the dialog's alert or the page's "Saved version <next>". */
async function saveInPage(page: Page, notes: string, next: number): Promise<string> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save' });
  await dialog.getByRole('textbox', { name: 'Notes' }).fill(notes);
  await dialog.getByRole('button', { name: 'Save version', exact: true }).click();
  const outcome = dialog.getByRole('alert').or(page.getByRole('status').filter({ hasText: `Saved version ${next}` })).first();
  return outcome.innerText();
}

test('a save after someone else saved a newer version is refused: Save anyway saves it next, Reload latest version shows theirs', async () => {
  const id = await workflow();
  const { page, errors } = await opened(id);
  await rename(page, 'Approve applicant', 'Mine');
  await saveByApi(id, 'Theirs', 'theirs');
  expect(await saveInPage(page, 'mine', 3)).toBe('Version 2 was saved by someone else while you were editing. Reload the latest version (your changes here are lost), or save yours anyway as a new version.');
  expect((await versions(id)).map((v) => v.notes).sort()).toEqual(['first', 'theirs']);
  const dialog = page.getByRole('dialog', { name: 'Save' });
  await dialog.getByRole('button', { name: 'Save anyway', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /^Saved version 3$/ }).waitFor();
  expect((await definitionOf(id, 3)).tasks[0]?.name).toBe('Mine');

  await rename(page, 'Mine', 'Mine again');
  await saveByApi(id, 'Theirs again', 'theirs again');
  expect(await saveInPage(page, 'mine again', 5)).toMatch(/^Version 4 was saved by someone else/);
  await dialog.getByRole('button', { name: 'Reload latest version', exact: true }).click();
  await page.getByRole('group', { name: 'Theirs again', exact: true }).waitFor();
  // "Save" is gone and back disabled: the focus is on the status that says what is shown.
  await focusOn(page, { role: 'status', text: 'Showing the latest version, version 4' });
  await page.getByRole('toolbar').getByText(/^Version 4 · Inactive$/).waitFor();
  expect(await versions(id)).toHaveLength(4);
  expect(errors).toEqual([]);
}, 120_000);

test('"Save version" is disabled while saving: a double click makes one version', async () => {
  const id = await workflow();
  const { page, errors } = await opened(id);
  await rename(page, 'Approve applicant', 'Once');
  // Hold the save until the dialog has been looked at while it is under way.
  const posts: Request[] = [];
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(`**/v3.6/workflows/${id}/versions`, async (route) => {
    if (route.request().method() !== 'POST') { await route.continue(); return; }
    posts.push(route.request());
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save' });
  const button = dialog.getByRole('button', { name: 'Save version', exact: true });
  await button.dblclick();
  expect(await button.isDisabled()).toBe(true);
  await dialog.getByRole('status').filter({ hasText: 'Saving…' }).waitFor();
  release();
  await page.getByRole('status').filter({ hasText: /^Saved version 2$/ }).waitFor();
  await Promise.all(posts.map((r) => r.response()));
  expect(posts).toHaveLength(1);
  expect((await versions(id)).map((v) => v.version).sort()).toEqual([1, 2]);
  expect(errors).toEqual([]);
}, 120_000);

test('a failed load is an alert with "Try again" and no editor; Try again loads the workflow', async () => {
  const id = await workflow();
  const { page, errors } = await consolePage(browser);
  const versionsUrl = `**/v3.6/workflows/${id}/versions`;
  await page.route(versionsUrl, (route) => route.fulfill({
    status: 503, json: { error: { type: 'internal_server_error', message: 'Something went wrong on our side; the request can be retried.' } },
  }));
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${id}`);
  const alert = page.getByRole('alert').filter({ hasText: 'The workflow could not be loaded' });
  await alert.or(page.getByRole('button', { name: 'Save', exact: true })).first().waitFor();
  expect(await alert.count()).toBe(1);
  expect(await alert.innerText()).toBe('The workflow could not be loaded: Something went wrong on our side; the request can be retried.');
  for (const editor of [page.getByRole('button', { name: 'Save', exact: true }), page.getByRole('group', { name: 'Start', exact: true }),
    page.getByRole('textbox'), page.getByRole('toolbar')]) expect(await editor.count()).toBe(0);

  await page.unroute(versionsUrl);
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();
  expect(await alert.count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
  expect(errors).toEqual([]);
}, 120_000);

test('JSON of the wrong shape in the code view is refused politely, typed or imported, and the console stays', async () => {
  const id = await workflow();
  const { page, errors } = await opened(id);
  await page.getByRole('button', { name: 'Code view' }).click();
  const code = page.getByRole('textbox', { name: 'Definition (JSON)' });
  const message = page.locator('#code-error');
  const refused = async (text: string, why: string) => {
    await code.fill(text);
    // This very refusal (the one before says "Not applied" too), or the console gone.
    const exact = new RegExp(`^${`Not applied: ${why}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await message.filter({ hasText: exact }).or(page.locator('#root:empty')).first().waitFor();
    expect(errors).toEqual([]);
    expect(await message.innerText()).toBe(`Not applied: ${why}`);
    await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();
  };
  await refused('{"name":"x","start":"a","tasks":{}}', 'tasks: is a list of tasks');
  await refused('{"name":"x","start":"a","tasks":[{"id":"a","type":"logic","branches":{},"else":null}]}',
    'tasks[0].branches: Invalid input: expected array, received object');
  await refused('{"name":"x","start":"a","tasks":[7]}', 'tasks[0]: a task is a JSON object');
  await refused('[]', 'a definition is a JSON object');
  // Said politely (it changes with every keystroke), never as an alert.
  expect(await message.getAttribute('aria-live')).toBe('polite');
  expect(await page.getByRole('alert').count()).toBe(0);

  await page.getByLabel('Import definition').setInputFiles({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({
    name: 'x', start: 'a', tasks: [{ id: 'a', type: 'logic', branches: [{ name: 'b', when: 3, next: null }], else: null }],
  })) });
  await message.filter({ hasText: 'Not applied: tasks[0].branches[0].when: Invalid input' }).waitFor();
  await page.getByRole('group', { name: 'Approve applicant', exact: true }).waitFor();

  // A draft of the right shape is applied, problems and all.
  await code.fill(JSON.stringify({ ...named('Shaped right'), start: 'nowhere' }));
  await page.getByRole('group', { name: 'Shaped right', exact: true }).waitFor();
  expect(await message.innerText()).toBe('');
  expect(errors).toEqual([]);
}, 120_000);

/** Runs in the page: logs each text the code view's message takes (`window.__said`), with the page's (faked) clock then. */
const RECORD_MESSAGE = `(() => {
  const el = document.getElementById('code-error');
  const log = window.__said = [];
  new MutationObserver(() => log.push({ text: el.textContent, at: Date.now() })).observe(el, { subtree: true, childList: true, characterData: true });
})()`;
const said = (page: Page) => page.evaluate('window.__said') as Promise<Array<{ text: string; at: number }>>;

test('while typing in the code view, why the text is not applied is said once typing pauses (600 ms), not at every keystroke', async () => {
  const id = await workflow();
  const { page, errors } = await opened(id, true);
  await page.getByRole('button', { name: 'Code view' }).click();
  const code = page.getByRole('textbox', { name: 'Definition (JSON)' });
  await page.evaluate(RECORD_MESSAGE);
  await page.clock.pauseAt(await page.evaluate('Date.now() + 1000') as number);
  const start = await page.evaluate('Date.now()') as number;
  // A partial edit: not JSON at any keystroke, and nothing said while typing.
  await code.press('Control+End');
  await code.pressSequentially(', "note');
  await page.clock.runFor(400);
  await code.press('s'); // typing again: the pause starts again
  await page.clock.runFor(599);
  expect(await said(page)).toEqual([]);
  expect(await code.getAttribute('aria-invalid')).toBeNull();
  await page.clock.runFor(1);
  await page.locator('#code-error').filter({ hasText: /^Not applied: / }).waitFor();
  expect(await code.getAttribute('aria-invalid')).toBe('true');
  const log = await said(page);
  expect(log.map((x) => ({ ...x, text: x.text.slice(0, 13) }))).toEqual([{ text: 'Not applied: ', at: start + 1000 }]);
  // Text that applies clears it at once.
  await code.fill(JSON.stringify(named('Typed in')));
  await page.getByRole('group', { name: 'Typed in', exact: true }).waitFor();
  expect(await page.locator('#code-error').innerText()).toBe('');
  expect(errors).toEqual([]);
}, 120_000);
