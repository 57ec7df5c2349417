/**
 * A workflow's generic link in Chromium: `/capture/f/<workflow id>` asks for the applicant
 * fields the workflow requires (errors tied to the fields), creates the applicant and the run,
 * and continues at the run's link; too many starts from one address are said in words.
 */
import { type Browser } from 'playwright-core';
import { getRun } from '../../lambdas/store/runs';
import type { E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { axe } from './capture-helpers';

let stack: TestStack;
let t: E2e;
let browser: Browser;
let workflow: string;

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  workflow = await t.workflow({
    name: 'Open', start: 'doc', settings: { generic_link: true, welcome: false }, input: { applicant: ['email'] },
    tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
  });
});

/** The little of the DOM the checks below read (the tests compile without the DOM library). */
interface Dom { closest(selector: string): Dom | null; getAttribute(name: string): string | null; classList: { contains(c: string): boolean }; textContent: string | null }

const phone = async () => (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();

it('asks for the required applicant fields, then creates the run and continues at its link', async () => {
  const page = await phone();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.url}/capture/f/${workflow}`);
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 30_000 });
  expect(await page.title()).toBe('E2E');
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true'); // required by the workflow
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 }); // the run's document step
  const runId = /\/capture\/([^/?#]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
  const run = await t.run(runId);
  expect(run).toMatchObject({ workflow_id: workflow });
  const applicant = await t.call('GET', `/v3.6/applicants/${String(run.applicant_id)}`);
  expect(applicant.body).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
  expect(errors).toEqual([]);
}, 60_000);

it('asks for ID numbers, the country of residence, the address and each required custom input by type; errors are tied to their fields', async () => {
  const wf = await t.workflow({
    name: 'Open', start: 'doc', settings: { generic_link: true, welcome: false },
    input: {
      applicant: ['id_numbers', 'location', 'address'],
      custom: { plan: { type: 'string' }, seats: { type: 'number' }, adult: { type: 'boolean' }, tags: { type: 'string_list' }, renewal_at: { type: 'date_time' }, note: { type: 'string', required: false } },
    },
    tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
  });
  const page = await phone();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.url}/capture/f/${wf}`);
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 30_000 });
  expect(await page.getByLabel('Note').count()).toBe(0); // optional custom inputs stay the integrator's
  const fields = {
    'First name': page.getByLabel('First name'), 'Type of number': page.getByLabel('Type of number'), Number: page.getByLabel('Number', { exact: true }),
    'Country of residence': page.getByRole('combobox', { name: 'Country of residence' }), Street: page.getByLabel('Street'),
    'Country of address': page.getByRole('combobox', { name: 'Country of address' }), Plan: page.getByLabel('Plan'), Seats: page.getByLabel('Seats'),
    Yes: page.getByRole('radio', { name: 'Yes' }), Tags: page.getByLabel('Tags'), 'Renewal at': page.getByLabel('Renewal at'),
  };
  /** The text of the error the field's aria-describedby names ('' when none). */
  const errorOf = (name: keyof typeof fields) => fields[name].evaluate((node) => {
    const el = node as unknown as Dom;
    const doc = (globalThis as unknown as { document: { getElementById(id: string): Dom | null } }).document;
    const ids = (el.closest('fieldset[aria-describedby]') ?? el).getAttribute('aria-describedby') ?? '';
    return ids.split(' ').map((id) => doc.getElementById(id)).filter((e) => e?.classList.contains('field-error')).map((e) => e!.textContent).join(' ');
  });
  const focused = (name: keyof typeof fields) => fields[name].evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
  await page.getByRole('button', { name: 'Continue' }).click();
  const shown: Record<string, string> = {};
  for (const name of Object.keys(fields) as Array<keyof typeof fields>) shown[name] = await errorOf(name);
  expect(shown).toEqual(Object.fromEntries(Object.keys(fields).map((k) => [k, 'Please fill in this field.'])));
  expect(await focused('First name')).toBe(true); // the first field to fix
  expect(await axe(page)).toEqual([]);

  await fields['First name'].fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await fields['Type of number'].selectOption('tax_id');
  await fields.Number.fill('X'.repeat(101)); // the API allows 100 characters: its error comes back to the field
  await fields['Country of residence'].fill('France');
  await page.getByLabel('Building number (optional)').fill('12');
  await fields.Street.fill('Rue de Rivoli');
  await page.getByLabel('Town or city').fill('Paris');
  await page.getByLabel('ZIP or postal code').fill('75001');
  await fields['Country of address'].fill('France');
  await fields.Plan.fill('gold');
  await fields.Seats.fill('three');
  await fields.Yes.check();
  await fields.Tags.fill('alpha\n\n beta \n');
  await fields['Renewal at'].fill('2030-05-01T09:30');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await errorOf('Seats')).toBe('Please enter a number.');
  expect(await focused('Seats')).toBe(true);
  await fields.Seats.fill('3');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: 'Please check' }).waitFor({ timeout: 30_000 });
  expect({ number: await errorOf('Number'), plan: await errorOf('Plan') }).toEqual({ number: 'Please check this field.', plan: '' });
  await fields.Number.fill('FR-123');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 }); // the run's document step
  const runId = /\/capture\/([^/?#]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
  const run = await getRun(runId);
  const renewal = await page.evaluate(() => new Date('2030-05-01T09:30').toISOString());
  expect(run?.custom_data).toEqual({ plan: 'gold', seats: 3, adult: true, tags: ['alpha', 'beta'], renewal_at: renewal });
  const applicant = await t.call('GET', `/v3.6/applicants/${run!.applicant_id}`);
  expect(applicant.body).toMatchObject({
    first_name: 'Ada', id_numbers: [{ type: 'tax_id', value: 'FR-123' }], location: { country_of_residence: 'FRA' },
    address: { building_number: '12', street: 'Rue de Rivoli', town: 'Paris', postcode: '75001', country: 'FRA' },
  });
  expect(errors).toEqual([]);
}, 90_000);

it('starts where crypto.randomUUID is missing (Safari before 15.4): the Idempotency-Key is a random UUID from crypto.getRandomValues', async () => {
  const page = await phone();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript('delete Crypto.prototype.randomUUID;');
  const keys: string[] = [];
  page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === `/v3.6/generic_links/${workflow}/workflow_runs`) keys.push(r.headers()['idempotency-key'] ?? ''); });
  await page.goto(`${stack.url}/capture/f/${workflow}`);
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 30_000 });
  expect(await page.evaluate('typeof crypto.randomUUID')).toBe('undefined');
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('Hopper');
  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 }); // the run's document step
  expect(keys).toEqual([expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)]);
  expect(errors).toEqual([]);
}, 60_000);

it('says when too many runs were started from the address (429, Retry-After)', async () => {
  // Fill this minute's window for 127.0.0.1 (the browser's address too), with time left in it.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await fetch(`${stack.url}/v3.6/generic_links/${workflow}/workflow_runs`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicant: { first_name: 'A', last_name: 'B', email: 'a@example.com' } }),
    });
    if (res.status === 429 && Number(res.headers.get('retry-after')) >= 15) break;
    expect([201, 429]).toContain(res.status);
    if (Date.now() > deadline) throw new Error('the rate limit never answered 429');
  }
  const page = await phone();
  await page.goto(`${stack.url}/capture/f/${workflow}`);
  await page.getByLabel('First name').fill('Ada', { timeout: 30_000 });
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: /Too many verifications were started from your network\. Please try again in \d+ s\./ }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).waitFor(); // the form stays, to try again
  expect(await axe(page)).toEqual([]);
}, 120_000);

it('a workflow that does not offer a generic link says the link is not available', async () => {
  const closed = await t.workflow({ name: 'Closed', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }] });
  const page = await phone();
  await page.goto(`${stack.url}/capture/f/${closed}`);
  await page.getByRole('alert').filter({ hasText: 'This link is not available.' }).waitFor({ timeout: 30_000 });
  expect(await axe(page)).toEqual([]);
}, 60_000);

it('a first load that fails (network, then an answer that is not JSON) says so with "Try again", which loads the form', async () => {
  const page = await phone();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let loads = 0;
  // Only the page's GET of the link (its form posts to …/workflow_runs).
  await page.route(`**/v3.6/generic_links/${workflow}`, async (route) => {
    loads++;
    if (loads === 1) return route.abort('connectionreset');
    if (loads === 2) return route.fulfill({ status: 200, contentType: 'text/html', body: '<html>a proxy page</html>' });
    return route.continue();
  });
  await page.goto(`${stack.url}/capture/f/${workflow}`);
  for (const attempt of [1, 2]) {
    await page.getByRole('alert').filter({ hasText: 'Something went wrong. Please try again.' }).waitFor({ timeout: 30_000 });
    expect(loads).toBe(attempt);
    if (attempt === 1) expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Try again' }).click();
  }
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 60_000);

