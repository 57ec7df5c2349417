/**
 * The builder's error boundary in Chromium against the local stack. No draft the builder opens
 * makes it throw any more (a part the panel cannot edit is a note, console-builder-malformed.test.ts:
 * a misspelt `paht` used to throw here), so the test-only query flag `?builder-crash-test`
 * (web/console/src/builder/panel/crash-test.ts) makes drawing the editor of a chosen task throw, in
 * the console's test build (web/build.js --test), which this file's stack serves; the deployed build
 * (web/dist) holds no trace of it: the minifier dropped the check and its message.
 * The boundary then shows, in place of the editor, the workflow's heading, the alert "The builder
 * could not show this draft: …" and "Back to the last draft that could be shown", which takes the
 * focus (the chosen node is gone) and brings the editor back, Start chosen, the draft as it was;
 * the rest of the console stays.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestStack } from '../helpers/stack';
import { canvasLaidOut, consolePage, focusOn, signIn } from './console-helpers';
import { builtWeb } from './dist';
import { webSuite } from './web-stack';

const EMAIL_CHECK = {
  name: 'Email check', start: 'check', input: { applicant: ['email'] }, tasks: [
    { id: 'check', type: 'logic', name: 'Has an email', branches: [{ name: 'Email given', when: { path: 'input.applicant.email', op: 'exists' }, next: 'approve' }], else: 'approve' },
    { id: 'approve', type: 'result', outcome: 'approve' },
  ],
};

let stack: TestStack;
let browser: Browser;
let id: string;

webSuite(async (s) => {
  ({ stack, browser } = s);
  id = (await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Email check' } })).body.id;
  expect((await stack.api(`/v3.6/workflows/${id}/versions`, { method: 'POST', json: { definition: EMAIL_CHECK, notes: 'email' } })).status).toBe(201);
}, { build: 'test' });

/** The console's script of a build (web/dist or web/.dist-test). */
const consoleScript = (dist: string) => {
  const assets = path.join(dist, 'console', 'assets');
  return readFileSync(path.join(assets, readdirSync(assets).find((f) => /^app-.*\.js$/.test(f))!), 'utf8');
};

test('only the test build holds the crash switch: the deployed console has neither the flag nor its message', async () => {
  expect(consoleScript(await builtWeb('test'))).toContain('test crash (?');
  const deployed = consoleScript(await builtWeb());
  expect(deployed).not.toContain('test crash');
  expect(deployed).not.toContain('builder-crash-test');
});

test('a task the builder cannot draw (the test-only flag): the boundary\'s alert and its recovery action (focused) bring the editor back; the console stays', async () => {
  const { page, errors } = await consolePage(browser);
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${id}?builder-crash-test`);
  const task = page.getByRole('group', { name: 'Has an email', exact: true });
  // Clicked once the canvas has laid out and fitted the graph (until then the node sits at the
  // origin, and a click under load landed elsewhere: nothing was chosen).
  await task.waitFor();
  await canvasLaidOut(page);
  await task.click();

  const alert = page.getByRole('alert').filter({ hasText: /^The builder could not show this draft: / });
  await alert.waitFor();
  expect(await alert.innerText()).toBe('The builder could not show this draft: test crash (?builder-crash-test)');
  await page.getByRole('heading', { name: 'Email check', level: 1, exact: true }).waitFor();
  expect(await task.count()).toBe(0);
  await page.getByRole('link', { name: 'Results', exact: true }).waitFor(); // the console's navigation stays
  const back = page.getByRole('button', { name: 'Back to the last draft that could be shown', exact: true });
  await focusOn(page, { text: 'Back to the last draft that could be shown' });

  await back.press('Enter');
  await task.waitFor();
  await page.getByRole('group', { name: 'Start', exact: true }).waitFor();
  await page.getByRole('region', { name: 'Problems' }).getByRole('status').filter({ hasText: /^No problems$/ }).waitFor();
  expect(await alert.count()).toBe(0);
  expect(await back.count()).toBe(0);
  expect(errors).toEqual([]);
}, 120_000);
