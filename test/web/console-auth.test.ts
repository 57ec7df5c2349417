/**
 * Console sign-in as local users in Chromium (playwright-core) against the local stack: an
 * analyst signs in with email and password and sees workflows read-only (no "New workflow",
 * "Save", "Activate", "Archive"), and a save sent with their session anyway is a 403; an admin
 * signs in the same way, sees "Save", who saved each version, and switches environment; a wrong
 * password is refused; axe-core finds no serious or critical violation on the sign-in page.
 */
import type { Browser } from 'playwright-core';
import { hashPassword, writeUsers } from '../../lambdas/shared/console-users';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { consolePage, logIn, seriousViolations } from './console-helpers';

const APPROVE_ALL = { name: 'Approve all', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve' }] };
const USERS = [
  { email: 'ada@example.com', role: 'admin' as const, environments: ['sandbox' as const, 'live' as const], password: 'admin password 1' },
  { email: 'ann@example.com', role: 'analyst' as const, environments: ['sandbox' as const], password: 'analyst password 1' },
];

let stack: TestStack;
let browser: Browser;
let workflowId: string;

webSuite(async (s) => {
  ({ stack, browser } = s);
  writeUsers(stack.env.CONSOLE_USERS_FILE, await Promise.all(USERS.map(async (u) => ({
    email: u.email, role: u.role, environments: u.environments, password: await hashPassword(u.password), created_at: '2026-01-01T00:00:00.000Z',
  }))));
  const created = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Approve everyone' } });
  workflowId = created.body.id;
  expect((await stack.api(`/v3.6/workflows/${workflowId}/versions`, { method: 'POST', json: { definition: APPROVE_ALL, notes: 'first' } })).status).toBe(201);
});

const newPage = () => consolePage(browser);

test('the sign-in page offers an API token and email + password, one button "Sign in", and passes axe', async () => {
  const { page, errors } = await newPage();
  await page.goto(`${stack.url}/console/`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('textbox', { name: 'Email' }).waitFor();
  await page.getByRole('textbox', { name: 'API token' }).waitFor();
  expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await logIn(page, stack.url, 'ada@example.com', 'not the password');
  await page.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
  expect(errors).toEqual([]);
}, 120_000);

test('an analyst sees workflows read-only, and a save sent anyway is refused (403)', async () => {
  const { page, errors } = await newPage();
  await logIn(page, stack.url, 'ann@example.com', 'analyst password 1');
  await page.getByText('Environment: sandbox').waitFor();
  await page.getByText('ann@example.com (analyst)').waitFor();
  await page.getByRole('link', { name: 'Approve everyone' }).waitFor();
  expect(await page.getByRole('button', { name: 'New workflow' }).count()).toBe(0);
  expect(await page.getByRole('combobox', { name: 'Environment' }).count()).toBe(0);
  await page.getByRole('link', { name: 'Approve everyone' }).click();
  await page.getByRole('group', { name: 'approve' }).or(page.getByRole('group', { name: 'Approve applicant' })).first().waitFor();
  expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Activate' }).count()).toBe(0);
  await page.goto(`${stack.url}/console/workflows/${workflowId}/versions`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('cell', { name: 'API token' }).waitFor();
  expect(await page.getByRole('button', { name: /^(Activate|Archive) version/ }).count()).toBe(0);
  const status = await page.evaluate(`(async () => {
    const s = JSON.parse(sessionStorage.getItem('open-studio.console.session'));
    const res = await fetch('/v3.6/workflows/${workflowId}/versions', {
      method: 'POST', headers: { authorization: s.authorization, 'studio-environment': s.environment, 'content-type': 'application/json' },
      body: JSON.stringify({ definition: ${JSON.stringify(APPROVE_ALL)} }),
    });
    return [s.authorization.split(' ')[0], res.status, (await res.json()).error.type];
  })()`);
  expect(status).toEqual(['Bearer', 403, 'authorization_error']);
  expect(errors).toEqual([]);
}, 120_000);

test('an admin signs in with email and password, sees Save and who saved, and switches environment', async () => {
  const { page, errors } = await newPage();
  await logIn(page, stack.url, 'Ada@Example.com', 'admin password 1');
  await page.getByText('ada@example.com (admin)').waitFor();
  await page.getByRole('button', { name: 'New workflow' }).waitFor();
  await page.getByRole('link', { name: 'Approve everyone' }).click();
  await page.getByRole('button', { name: 'Save' }).waitFor();
  await page.getByRole('button', { name: 'Activate' }).waitFor();
  await page.goto(`${stack.url}/console/workflows/${workflowId}/versions`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('button', { name: 'Activate version 1' }).waitFor();
  await page.getByRole('columnheader', { name: 'Saved by' }).waitFor();
  await page.getByRole('combobox', { name: 'Environment' }).selectOption('live');
  await page.getByText('Environment: live').waitFor();
  await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  expect(await page.getByRole('link', { name: 'Approve everyone' }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 120_000);
