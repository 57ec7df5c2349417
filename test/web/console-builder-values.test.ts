/**
 * The builder writes what the contract means, in Chromium against the local stack:
 * - a Send/Receive `receive` property is optional unless `"required": true`, a custom input mandatory
 *   unless `"required": false`: the "required" checkbox shows what is stored and writes only that
 *   (the watchlist_risk_score template's `score` stays required);
 * - a condition's value is read by its path's type and op: a list for "is one of", strings stay
 *   strings, another field (`{path}`) can be chosen, and stored lists, `{path}` and `{relative}`
 *   values are shown readably and kept when the rest of the row is edited.
 * Both tests fail on the builder before this change.
 */
import { type Browser, type Page } from 'playwright-core';
import { findTemplate } from '../../compiler';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { consolePage, seriousViolations, signIn } from './console-helpers';

type Task = Record<string, unknown> & { id: string };
type Definition = Record<string, unknown> & { tasks: Task[]; input: { custom: Record<string, unknown> } };

let stack: TestStack;
let browser: Browser;
const template = findTemplate('watchlist_risk_score')?.definition as unknown as Definition;
const NAMES: Record<string, string> = { risk: 'Risk score', route_by_score: 'Route by score' };
const named: Definition = { ...template, tasks: template.tasks.map((t) => (NAMES[t.id] ? { ...t, name: NAMES[t.id] } : t)) };

webSuite((s) => { ({ stack, browser } = s); });

async function openWith(definition: unknown): Promise<{ page: Page; errors: string[] }> {
  const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Values' } });
  expect((await stack.apiJson(`/v3.6/workflows/${wf.body.id}/versions`, { method: 'POST', json: { definition, notes: 'v1' } })).status).toBe(201);
  const { page, errors } = await consolePage(browser, { viewport: { width: 1440, height: 1000 } });
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${wf.body.id}`);
  await page.getByRole('group', { name: 'Risk score', exact: true }).waitFor();
  return { page, errors };
}
async function choose(page: Page, name: string): Promise<void> {
  await page.getByRole('group', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}
async function draftOf(page: Page): Promise<Definition> {
  await page.getByRole('button', { name: 'Code view' }).click();
  const text = await page.getByRole('textbox', { name: 'Definition (JSON)' }).inputValue();
  await page.getByRole('button', { name: 'Code view' }).click();
  return JSON.parse(text) as Definition;
}
const task = (d: Definition, id: string) => d.tasks.find((t) => t.id === id) as Task;

test('the required checkbox shows and writes what is stored: receive properties optional unless required: true, custom inputs mandatory unless required: false', async () => {
  const risk = task(named, 'risk');
  const { page, errors } = await openWith({ ...named, tasks: named.tasks.map((t) => (t !== risk ? t
    : { ...risk, receive: { ...(risk.receive as object), note: { format: 'string', required: false } } })) });
  const box = (name: string) => page.getByRole('checkbox', { name, exact: true });
  const field = (name: string) => page.getByLabel(name, { exact: true });
  await choose(page, 'Risk score');
  // The template's score says required: true, segment says nothing (optional).
  expect([await box('Receive property score required').isChecked(), await box('Receive property segment required').isChecked(),
    await box('Receive property note required').isChecked()]).toEqual([true, false, false]);
  await field('New Receive property name').fill('band');
  await page.getByRole('button', { name: 'Add Receive property', exact: true }).click();
  expect(await box('Receive property band required').isChecked()).toBe(false);
  await field('Receive property score semantic type').fill('risk_score');
  let receive = task(await draftOf(page), 'risk').receive;
  expect(receive).toEqual({ score: { format: 'number', required: true, semantic: 'risk_score' }, segment: { format: 'string' }, note: { format: 'string', required: false }, band: { format: 'string' } });
  await box('Receive property band required').check();
  await box('Receive property segment required').check();
  await box('Receive property segment required').uncheck();
  await box('Receive property score required').uncheck();
  receive = task(await draftOf(page), 'risk').receive;
  expect(receive).toEqual({ score: { format: 'number', semantic: 'risk_score' }, segment: { format: 'string' }, note: { format: 'string', required: false }, band: { format: 'string', required: true } });
  await box('Receive property score required').check();
  expect(task(await draftOf(page), 'risk').receive).toMatchObject({ score: { required: true } });

  await choose(page, 'Start');
  expect(await box('Custom input risk_tier required').isChecked()).toBe(true);
  await field('New Custom input name').fill('age');
  await page.getByRole('button', { name: 'Add Custom input', exact: true }).click();
  expect(await box('Custom input age required').isChecked()).toBe(true);
  await box('Custom input age required').uncheck();
  await box('Custom input risk_tier required').uncheck();
  expect((await draftOf(page)).input.custom).toEqual({ risk_tier: { type: 'string', required: false }, age: { type: 'string', required: false } });
  await box('Custom input age required').check();
  expect((await draftOf(page)).input.custom).toEqual({ risk_tier: { type: 'string', required: false }, age: { type: 'string' } });
  await box('Custom input risk_tier required').check();
  expect((await draftOf(page)).input.custom).toEqual({ risk_tier: { type: 'string' }, age: { type: 'string' } });
  // An explicit key flipped away and back (while the panel stays open) is written again.
  await box('Custom input age required').uncheck();
  await box('Custom input age required').check();
  await choose(page, 'Risk score');
  await box('Receive property note required').check();
  await box('Receive property note required').uncheck();
  expect(task(await draftOf(page), 'risk').receive).toMatchObject({ note: { format: 'string', required: false } });
  expect((await draftOf(page)).input.custom).toEqual({ risk_tier: { type: 'string' }, age: { type: 'string' } });
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);

test('condition values: lists for "is one of", strings stay strings, another field; stored lists, {path} and {relative} are shown and kept', async () => {
  const list = { path: 'input.custom.risk_tier', op: 'in', value: ['low', 'Smith, J'] };
  const other = { path: 'tasks.risk.output.segment', op: 'eq', value: { path: 'input.custom.risk_tier' } };
  const adult = { path: 'input.applicant.dob', op: 'before', value: { relative: '-P18Y' } };
  const route = task(named, 'route_by_score') as Task & { branches: Array<Record<string, unknown>> };
  const definition = { ...named, tasks: named.tasks.map((t) => (t.id !== 'route_by_score' ? t
    : { ...route, branches: [{ ...route.branches[0], when: { all: [route.branches[0]!.when, list, other, adult] } }, ...route.branches.slice(1)] })) };
  const { page, errors } = await openWith(definition);
  const field = (name: string) => page.getByLabel(name, { exact: true });
  const whenOf = async () => (task(await draftOf(page), 'route_by_score').branches as Array<{ when: { all: unknown[] } }>)[0]!.when.all;
  await choose(page, 'Route by score');
  // Shown as stored: the list comma-separated (an item with a comma quoted), the field by its label, the relative date in words.
  await expect(field('Branch 1 condition 2 value').inputValue()).resolves.toBe('low, "Smith, J"');
  await expect(field('Branch 1 condition 3 compares with').inputValue()).resolves.toBe('path');
  await expect(page.locator('#c-1-3-value option:checked').textContent()).resolves.toBe('Input › risk_tier');
  await page.getByText('18 years ago', { exact: true }).waitFor();
  // Other parts of the rows edited: the values are kept as they are.
  await field('Branch 1 condition 2 operator').selectOption({ label: 'is not one of' });
  await field('Branch 1 condition 3 operator').selectOption({ label: 'does not equal' });
  await field('Branch 1 condition 4 operator').selectOption({ label: 'after' });
  await field('Branch 1 name').fill('High risk or more');
  expect((await whenOf()).slice(1)).toEqual([{ ...list, op: 'not_in' }, { ...other, op: 'neq' }, { ...adult, op: 'after' }]);
  // Retyping a list keeps it a list; typing one on a new row gives one too.
  await field('Branch 1 condition 2 value').fill('low, medium');
  await page.getByRole('button', { name: 'Add condition to branch 1', exact: true }).click();
  await field('Branch 1 condition 5 path').selectOption({ label: 'Input › risk_tier' });
  await field('Branch 1 condition 5 operator').selectOption({ label: 'is one of' });
  await page.getByText('Separate values with commas. Put a value that holds a comma in double quotes.').first().waitFor();
  await field('Branch 1 condition 5 value').pressSequentially('high, 02139');
  await expect(field('Branch 1 condition 5 value').inputValue()).resolves.toBe('high, 02139');
  // Numeric-looking text on a string path stays a string.
  await page.getByRole('button', { name: 'Add condition to branch 1', exact: true }).click();
  await field('Branch 1 condition 6 path').selectOption({ label: 'Input › risk_tier' });
  await field('Branch 1 condition 6 value').fill('02139');
  // Compared with another field.
  await page.getByRole('button', { name: 'Add condition to branch 1', exact: true }).click();
  await field('Branch 1 condition 7 path').selectOption({ label: 'Risk score › segment' });
  await field('Branch 1 condition 7 compares with').selectOption({ label: 'another field' });
  await field('Branch 1 condition 7 value').selectOption({ label: 'Input › risk_tier' });
  // A word on a number path is announced, and kept as text for the validator to name.
  await field('Branch 1 condition 1 value').fill('eighty');
  await expect(page.locator('#c-1-1-error').textContent()).resolves.toBe('Not a number: it is saved as text, which does not fit this number field.');
  await expect(field('Branch 1 condition 1 value').getAttribute('aria-invalid')).resolves.toBe('true');
  await field('Branch 1 condition 1 value').fill('80');
  await expect(page.locator('#c-1-1-error').textContent()).resolves.toBe('');
  expect(await whenOf()).toEqual([
    { path: 'tasks.risk.output.score', op: 'gte', value: 80 },
    { ...list, op: 'not_in', value: ['low', 'medium'] }, { ...other, op: 'neq' }, { ...adult, op: 'after' },
    { path: 'input.custom.risk_tier', op: 'in', value: ['high', '02139'] },
    { path: 'input.custom.risk_tier', op: 'eq', value: '02139' },
    { path: 'tasks.risk.output.segment', op: 'eq', value: { path: 'input.custom.risk_tier' } },
  ]);
  await page.getByRole('region', { name: 'Problems' }).getByText('No problems').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);
