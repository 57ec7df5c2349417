/**
 * The capture page's profile, proof-of-address and retry screens in Chromium (phone size), each
 * checked with axe-core: profile data (country of residence first, SSN only for US residents and
 * PAN only for Indian residents, the consents an SSN or a phone number needs, errors per field);
 * proof of address (country, type, guidance, then a PDF upload, or the camera: Chromium's fake
 * camera in a second browser); retry screens (the four standard reasons, a custom one).
 */
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { keys } from '../../lambdas/store/table';
import { utilityBill } from '../../lambdas/reports/proof_of_address_report/fixtures/documents';
import { type E2e, type Json } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { axe, chooseFiles, launch, phonePage } from './capture-helpers';

const approve = { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] };
let stack: TestStack;
let t: E2e;
let browser: Browser;

webSuite((s) => { ({ stack, t, browser } = s); });

async function openRun(tasks: Json[], on = browser) {
  const workflow = await t.workflow({ name: 'Steps', start: (tasks[0] as { id: string }).id, settings: { welcome: false }, tasks: [...tasks, approve] });
  const applicantId = await t.applicant();
  const run = await t.startRun(workflow, applicantId);
  const { page, errors } = await phonePage(on);
  await page.goto((run.link as { url: string }).url);
  return { run, applicantId, page, errors };
}

it('profile data: country of residence first; SSN only for US residents, PAN only for Indian; consents for SSN and phone; errors tied to fields', async () => {
  const { run, applicantId, page, errors } = await openRun([
    { id: 'profile', type: 'profile_data_capture', fields: ['country_of_residence', 'first_name', 'phone_number', 'ssn', 'pan'], next: 'approve' },
  ]);
  const residence = page.getByRole('combobox', { name: 'Country of residence' });
  await residence.waitFor({ timeout: 30_000 });
  expect(await page.locator('main input').first().getAttribute('id')).toBe(await residence.getAttribute('id')); // the first field
  expect(await page.getByRole('textbox', { name: 'Social Security number' }).count()).toBe(0);
  await residence.fill('India');
  await page.getByLabel('PAN (Permanent Account Number)').waitFor();
  expect(await page.getByRole('textbox', { name: 'Social Security number' }).count()).toBe(0);
  await residence.fill('United States of America');
  await page.getByRole('textbox', { name: 'Social Security number' }).waitFor();
  expect(await page.getByLabel('PAN (Permanent Account Number)').count()).toBe(0);
  const ssnConsent = page.getByRole('checkbox', { name: /my Social Security number is checked/ });
  const phoneConsent = page.getByRole('checkbox', { name: /my phone number is checked/ });
  expect([await ssnConsent.count(), await phoneConsent.count()]).toEqual([1, 1]);
  await page.getByLabel('First name').fill('Jane');
  await page.getByRole('textbox', { name: 'Social Security number' }).fill('12-3');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await page.getByRole('textbox', { name: 'Social Security number' }).getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByRole('textbox', { name: 'Phone number' }).getAttribute('aria-invalid')).toBe('true'); // empty
  expect(await ssnConsent.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByText('Please check this box to continue.').count()).toBe(2);
  // The first field to fix has the focus (its error is read with it).
  expect(await page.evaluate(() => { const d = (globalThis as unknown as { document: { activeElement: unknown; querySelector(s: string): unknown } }).document; return d.activeElement === d.querySelector('main [aria-invalid="true"]'); })).toBe(true);
  const profileAxe = await axe(page);
  await page.getByRole('textbox', { name: 'Social Security number' }).fill('123-45-6789');
  await page.getByRole('textbox', { name: 'Phone number' }).fill('+1 415 555 0100');
  await ssnConsent.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await phoneConsent.getAttribute('aria-invalid')).toBe('true');
  expect(await ssnConsent.getAttribute('aria-invalid')).toBe('false');
  expect(await phoneConsent.evaluate((e) => e === (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
  await phoneConsent.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect((await t.run(run.id)).status).toBe('approved');
  const stored = await clients().doc.send(new GetCommand({ TableName: stack.env.TABLE_NAME, Key: keys.applicant(applicantId) }));
  expect((stored.Item as { consents: Array<{ name: string; granted: boolean }> }).consents.map((c) => [c.name, c.granted]))
    .toEqual([['ssn_verification', true], ['phone_number_verification', true]]);
  expect(profileAxe).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);

const POA = [{ id: 'poa', type: 'proof_of_address_capture', document_types: ['utility_bill', 'council_tax'], next: 'approve' }];
type Doc = { type: string; issuing_country: string; file_type: string };
const documentsOf = async (applicantId: string) => (await t.call<{ documents: Doc[] }>('GET', `/v3.6/documents?applicant_id=${applicantId}`)).body.documents;

it('proof of address: country, document type, guidance, then a PDF upload completes the task', async () => {
  const { run, applicantId, page, errors } = await openRun(POA);
  await page.getByRole('heading', { name: 'Proof of address' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue' }).click(); // nothing chosen: both errors, tied to their fields
  expect(await page.getByRole('combobox', { name: 'Country of your address' }).getAttribute('aria-invalid')).toBe('true');
  await page.getByText('Please choose a document type.').waitFor();
  const found: Record<string, string[]> = { choose: await axe(page) };
  await page.getByRole('combobox', { name: 'Country of your address' }).fill('United Kingdom');
  await page.getByRole('radio', { name: 'Utility bill' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Your Utility bill' }).waitFor();
  await page.getByText('Issued in the last 3 months.').waitFor();
  found.guide = await axe(page);
  const upload = async (name: string, mimeType: string, buffer: Buffer) => {
    await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name, mimeType, buffer });
  };
  await upload('notes.txt', 'text/plain', Buffer.from('not a document'));
  await page.getByRole('alert').filter({ hasText: 'Please choose a PDF, JPG or PNG file of up to 10 MB.' }).waitFor();
  await upload('bill.pdf', 'application/pdf', await utilityBill());
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect((await t.run(run.id)).status).toBe('approved');
  expect(await documentsOf(applicantId)).toEqual([expect.objectContaining({ type: 'utility_bill', issuing_country: 'GBR', file_type: 'pdf' })]);
  expect(found).toEqual({ choose: [], guide: [] });
  expect(errors).toEqual([]);
}, 120_000);

it('proof of address by camera: the photo is reviewed, then sent', async () => {
  const camera = await launch(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  try {
    const { run, applicantId, page, errors } = await openRun([{ ...POA[0]!, document_types: ['council_tax'] }], camera);
    await page.getByRole('combobox', { name: 'Country of your address' }).fill('United Kingdom', { timeout: 30_000 });
    expect(await page.getByRole('radio').count()).toBe(0); // one type: nothing to choose
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Take a photo of it' }).click();
    await page.getByRole('heading', { name: 'Photo of your Council tax letter' }).waitFor();
    await page.getByRole('button', { name: 'Take photo' }).click({ timeout: 30_000 }); // enabled once the camera plays
    await page.getByRole('button', { name: 'Use this photo' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
    expect((await t.run(run.id)).status).toBe('approved');
    expect(await documentsOf(applicantId)).toEqual([expect.objectContaining({ type: 'council_tax', issuing_country: 'GBR', file_type: 'jpg' })]);
    expect(errors).toEqual([]);
  } finally {
    await camera.close();
  }
}, 120_000);

const RETRY_TEXT: Record<string, [string, string, string, string]> = {
  expired_document: ['Your document has expired', 'The document you sent has expired.', 'Use another document', 'Example: an identity document whose expiry date has passed'],
  unaccepted_document: ['This document is not accepted', 'Please use another type of document', 'Use another document', 'Example: a document of a type or country that is not accepted'],
  generic_document_issue: ['We could not check your document', 'all four corners visible', 'Take a new photo', 'Example: a document photo with glare and a corner cut off'],
  generic_selfie_issue: ['We could not check your photo', 'Please take a new photo of your face', 'Take a new photo', 'Example: a face photo in poor light, half in shadow'],
};

it('retry screens: each standard reason with its own title, description, button and example picture', async () => {
  const { page, errors } = await openRun([{ id: 'doc', type: 'document_capture', next: 'approve' }]);
  let reason = '';
  // The task as the API answers it, shown as a retry of each standard reason in turn.
  await page.route(/\/v3\.6\/workflow_runs\/[^/]+\/tasks\/[^/]+$/, async (route) => {
    const res = await route.fetch();
    const task = await res.json() as { input: Json };
    await route.fulfill({ response: res, json: { ...task, input: { ...task.input, retry: { reasons: [reason], attempt: 1, max_retries: 2 } } } });
  });
  const found: Record<string, string[]> = {};
  for (const [name, [title, description, button, picture]] of Object.entries(RETRY_TEXT)) {
    reason = name;
    await page.reload();
    await page.getByRole('heading', { name: title }).waitFor({ timeout: 30_000 });
    await page.getByText(description).waitFor();
    await page.getByText('Attempt 2 of 3').waitFor();
    expect(await page.getByRole('img', { name: picture }).count()).toBe(1);
    expect(await page.getByRole('button', { name: button }).count()).toBe(1);
    found[name] = await axe(page);
  }
  await page.getByRole('button', { name: 'Take a new photo' }).click(); // the retry screen leads back to the task
  await page.getByRole('combobox', { name: 'Country' }).waitFor();
  expect(found).toEqual(Object.fromEntries(Object.keys(RETRY_TEXT).map((k) => [k, []])));
  expect(errors).toEqual([]);
}, 120_000);

it('retry screens: a custom reason shows the workflow\'s title, description and button, with no example picture', async () => {
  const custom = { title: 'Use your passport', description: 'This service needs a passport, not another document.', button: 'Send a passport' };
  const { run, page, errors } = await openRun([
    { id: 'doc', type: 'document_capture', next: 'check' },
    { id: 'check', type: 'logic', branches: [{ when: { path: 'tasks.doc.output', op: 'is_not_empty' }, next: 'again' }], else: 'approve' },
    { id: 'again', type: 'retry', reasons: [custom], target: 'doc', max_retries: 1, limit_reached: 'approve' },
  ]);
  const sendPassport = async () => {
    await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom', { timeout: 60_000 });
    await page.getByRole('radio', { name: 'Passport' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const png = await sharp({ create: { width: 320, height: 220, channels: 3, background: { r: 90, g: 120, b: 200 } } }).png().toBuffer();
    await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name: 'passport.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Use this photo' }).click();
  };
  await sendPassport();
  await page.getByRole('heading', { name: custom.title }).waitFor({ timeout: 60_000 });
  await page.getByText(custom.description).waitFor();
  expect(await page.getByRole('img').count()).toBe(0);
  await page.getByRole('button', { name: custom.button }).click();
  await sendPassport();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect((await t.run(run.id)).status).toBe('approved');
  expect(errors).toEqual([]);
}, 180_000);
