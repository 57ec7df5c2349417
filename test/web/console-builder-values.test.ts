/**
 * The builder writes what the contract means, in Chromium against the local stack:
 * - a Send/Receive `receive` property is optional unless `"required": true`, a custom input mandatory
 *   unless `"required": false`: the "required" checkbox shows what is stored and writes only that
 *   (the watchlist_risk_score template's `score` stays required).
 * The test fails on the builder before this change.
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
