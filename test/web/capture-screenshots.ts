/**
 * Takes the capture page's phone-size screenshots for web/capture/README.md on a local in-memory
 * stack, with Chromium's fake camera playing a passport on a table (the selfie is an uploaded
 * photo): `npm run build:web && node -r ./bin/register.js test/web/capture-screenshots.ts`.
 * The cross-device offer only appears without a touch screen: it is taken in a narrow desktop window.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../helpers/stack';
import type { Json } from '../e2e/helpers';
import { makeDocument } from '../../lambdas/reports/fixtures/documents';
import { onTable, selfieFrame, y4m } from './camera-fixtures';
import { chooseFiles } from './capture-helpers';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'web/capture/screenshots');
const approve = { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'capture-screens-'));
  const camera = y4m(dir, 'passport', await onTable((await makeDocument('valid', 'passport')).images[0]!.bytes));
  const stack = await startTestStack({ staticDir: path.join(ROOT, 'web/dist') });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${camera}`] });
  try {
    await shoot(stack, browser);
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The API calls the screens need (the e2e helpers assert with jest, which this script runs without). */
function api(stack: TestStack) {
  async function call<T>(method: string, path: string, json: unknown, status: number): Promise<T> {
    const res = await stack.apiJson<T>(path, { method, json });
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  return {
    async workflow(definition: Json): Promise<string> {
      const { id } = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Acme Bank' }, 201);
      const { version } = await call<{ version: number }>('POST', `/v3.6/workflows/${id}/versions`, { definition }, 201);
      await call('POST', `/v3.6/workflows/${id}/versions/${version}/activate`, {}, 200);
      return id;
    },
    applicant: async () => (await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe' }, 201)).id,
    startRun: (workflow_id: string, applicant_id: string, link?: Json) => call<{ link: { url: string } }>('POST', '/v3.6/workflow_runs', { workflow_id, applicant_id, ...(link ? { link } : {}) }, 201),
  };
}

async function shoot(stack: TestStack, browser: Browser): Promise<void> {
  const t = api(stack);
  const snap = (page: Page, name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  const links = new Map<Page, string>(); // the page keeps the link's token in sessionStorage, not in its address
  const open = async (definition: Json, context: object = PHONE) => {
    const run = await t.startRun(await t.workflow(definition), await t.applicant());
    const page = await (await browser.newContext(context)).newPage();
    links.set(page, run.link.url);
    await page.goto(run.link.url);
    return page;
  };
  type Raf = { requestAnimationFrame(cb: () => void): void };
  const settled = (page: Page) => page.evaluate(() => new Promise<void>((r) => {
    const w = globalThis as unknown as Raf;
    w.requestAnimationFrame(() => w.requestAnimationFrame(r));
  }));

  // Welcome, document (country first, with an error), camera, review, consent, selfie camera, done.
  const doc = await open({ name: 'Acme Bank', start: 'doc', tasks: [{ id: 'doc', type: 'document_capture', next: 'selfie' }, { id: 'selfie', type: 'face_capture_photo', next: 'approve' }, approve] });
  await doc.getByRole('button', { name: 'Start' }).waitFor({ timeout: 30_000 });
  await snap(doc, 'welcome');
  await doc.getByRole('button', { name: 'Start' }).click();
  await doc.getByRole('button', { name: 'Continue' }).click();
  await snap(doc, 'document-country');
  await doc.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await doc.getByRole('radio', { name: 'Passport' }).check();
  await snap(doc, 'document-type');
  await doc.getByRole('button', { name: 'Continue' }).click();
  await doc.getByRole('button', { name: 'Take photo' }).click({ timeout: 30_000 });
  await doc.getByRole('button', { name: 'Use this photo' }).waitFor();
  await snap(doc, 'review');
  await doc.getByRole('button', { name: 'Retake' }).click();
  await doc.getByRole('button', { name: 'Take photo' }).waitFor({ timeout: 30_000 });
  await doc.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { disabled: boolean } | null } }).document.querySelector('.actions button')?.disabled,
    undefined, { timeout: 60_000 }); // the camera plays
  await settled(doc);
  await snap(doc, 'camera');
  await doc.getByRole('button', { name: 'Take photo' }).click();
  await doc.getByRole('button', { name: 'Use this photo' }).click();
  await doc.getByRole('checkbox', { name: 'I agree' }).waitFor({ timeout: 60_000 });
  await snap(doc, 'consent');
  await doc.getByRole('checkbox', { name: 'I agree' }).check();
  await doc.getByRole('button', { name: 'Continue' }).click();
  await chooseFiles(doc, doc.getByRole('button', { name: 'Upload a file' }), { name: 'selfie.png', mimeType: 'image/png', buffer: await selfieFrame() });
  await doc.getByRole('button', { name: 'Use this photo' }).click({ timeout: 120_000 });
  await doc.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  await snap(doc, 'done');
  const again = await (await browser.newContext(PHONE)).newPage(); // the ended run's link, opened again
  await again.goto(links.get(doc)!);
  await again.getByText('This verification is already completed.', { exact: false }).waitFor({ timeout: 30_000 });
  await snap(again, 'already-completed');

  // A link opened after its expiry.
  const soon = await t.startRun(await t.workflow({ name: 'Acme Bank', start: 'doc', tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, approve] }),
    await t.applicant(), { expires_at: new Date(Date.now() + 2000).toISOString() });
  await new Promise((r) => setTimeout(r, 2500)); // until the link has expired
  const expired = await (await browser.newContext(PHONE)).newPage();
  await expired.goto(soon.link.url);
  await expired.getByText('This link has expired.', { exact: false }).waitFor({ timeout: 30_000 });
  await snap(expired, 'expired');

  // Profile data with the consents, and its errors.
  const profile = await open({ name: 'Acme Bank', start: 'profile', settings: { welcome: false },
    tasks: [{ id: 'profile', type: 'profile_data_capture', fields: ['country_of_residence', 'first_name', 'last_name', 'phone_number', 'ssn'], next: 'approve' }, approve] });
  await profile.getByRole('combobox', { name: 'Country of residence' }).fill('United States of America', { timeout: 30_000 });
  await profile.getByRole('button', { name: 'Continue' }).click();
  await snap(profile, 'profile');

  // Proof of address: choice, guidance.
  const poa = await open({ name: 'Acme Bank', start: 'poa', settings: { welcome: false }, tasks: [{ id: 'poa', type: 'proof_of_address_capture', next: 'approve' }, approve] });
  await poa.getByRole('combobox', { name: 'Country of your address' }).fill('United Kingdom', { timeout: 30_000 });
  await poa.getByRole('radio', { name: 'Utility bill' }).check();
  await snap(poa, 'poa');
  await poa.getByRole('button', { name: 'Continue' }).click();
  await poa.getByRole('heading', { name: 'Your Utility bill' }).waitFor();
  await snap(poa, 'poa-guidance');

  // Retry screens: the four standard reasons (the task as the API answers it, shown as a retry of each).
  const retry = await open({ name: 'Acme Bank', start: 'doc', settings: { welcome: false }, tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, approve] });
  let reason = '';
  await retry.route(/\/v3\.6\/workflow_runs\/[^/]+\/tasks\/[^/]+$/, async (route) => {
    const res = await route.fetch();
    const task = await res.json() as { input: Json };
    await route.fulfill({ response: res, json: { ...task, input: { ...task.input, retry: { reasons: [reason], attempt: 1, max_retries: 2 } } } });
  });
  for (const r of ['expired_document', 'unaccepted_document', 'generic_document_issue', 'generic_selfie_issue']) {
    reason = r;
    await retry.reload();
    await retry.getByRole('img').waitFor({ timeout: 30_000 });
    await snap(retry, `retry-${r}`);
  }

  // Cross-device: the offer and the QR code, in a narrow desktop window (no touch).
  const desktop = await open({ name: 'Acme Bank', start: 'doc', tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, approve] },
    { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await desktop.getByRole('button', { name: 'Continue on your phone' }).waitFor({ timeout: 30_000 });
  await snap(desktop, 'handoff');
  await desktop.getByRole('button', { name: 'Continue on your phone' }).click();
  await desktop.getByRole('img', { name: /QR/ }).waitFor();
  await snap(desktop, 'handoff-qr');

  // A generic link's form, then its errors.
  const open2 = await t.workflow({ name: 'Acme Bank', start: 'doc', settings: { generic_link: true },
    input: { applicant: ['email', 'id_numbers', 'location'], custom: { referral_code: { type: 'string' }, existing_customer: { type: 'boolean' } } },
    tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, approve] });
  const generic = await (await browser.newContext(PHONE)).newPage();
  await generic.goto(`${stack.url}/capture/f/${open2}`);
  await generic.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 30_000 });
  await snap(generic, 'generic-link');
  await generic.getByRole('button', { name: 'Continue' }).click();
  await generic.getByText('Please fill in this field.').first().waitFor();
  await snap(generic, 'generic-link-errors');
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
