/**
 * The Smart Capture page in a real browser (Debian chromium driven by playwright-core) against
 * the local stack: the run's link opens the page with its link token in the fragment, the page
 * opens (and renews) a capture session with it, the end user goes through the React app
 * (welcome, country, "Upload a file", review, consent, selfie) and the run reaches its end. Needs /usr/bin/chromium
 * (`apt-get install -y chromium`; .ci/run installs it).
 */
import { type Browser, type Page } from 'playwright-core';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { keys } from '../../lambdas/store/table';
import { CAPTURE } from '../e2e/workflows';
import { type E2e, type Json, type Run } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { seriousViolations } from './axe';
import { chooseFiles } from './capture-helpers';

const ENDED = ['approved', 'review', 'declined', 'abandoned', 'error'];

let stack: TestStack;
let t: E2e;
let browser: Browser;
let templates: Record<string, Json>;

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  const res = await t.call<{ workflow_templates: Array<{ name: string; definition: Json }> }>('GET', '/v3.6/workflow_templates');
  expect(res.status).toBe(200);
  templates = Object.fromEntries(res.body.workflow_templates.map((x) => [x.name, x.definition]));
});

const png = (r: number, g: number, b: number) =>
  sharp({ create: { width: 320, height: 220, channels: 3, background: { r, g, b } } }).png().toBuffer();

/** A run of `definition` for a new applicant, opened in a phone-sized page at its link. */
async function open(definition: Json, applicant: Json = {}, before?: (page: Page, run: Run) => Promise<void>): Promise<{ run: Run; page: Page; errors: string[] }> {
  const workflowId = await t.workflow(definition);
  const applicantId = await t.applicant(applicant);
  const run = await t.startRun(workflowId, applicantId);
  const url = (run.link as { url: string }).url;
  expect(url).toMatch(new RegExp(`^${stack.url}/capture/${run.id}#link=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await before?.(page, run);
  await page.goto(url);
  return { run, page, errors };
}

/** "Upload a file" on the current camera step, then "Use this photo" on the review. */
async function uploadPhoto(page: Page, name: string, buffer: Buffer, mimeType = 'image/png') {
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name, mimeType, buffer });
}

/** Welcome (once), country, then a passport photo uploaded and used. */
async function sendDocument(page: Page, color: number) {
  const start = page.getByRole('button', { name: 'Start' });
  const country = page.getByRole('combobox', { name: 'Country' });
  await start.or(country).first().waitFor({ timeout: 30_000 });
  if (await start.isVisible()) await start.click();
  await country.fill('United Kingdom');
  const passport = page.getByRole('radio', { name: 'Passport' });
  if (await passport.count()) await passport.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Front of your Passport' }).waitFor();
  await uploadPhoto(page, 'passport.png', await png(color, 120, 200));
  await page.getByRole('button', { name: 'Use this photo' }).click();
}

/** Polls the API (bounded) until the run ends. */
async function ended(runId: string): Promise<Run> {
  for (let i = 0; i < 300; i++) {
    const run = await t.run(runId);
    if (ENDED.includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not end`);
}

it('document_selfie_photo: welcome, country, document, consent and selfie through the page, the run is approved', async () => {
  const { run, page, errors } = await open(templates.document_selfie_photo!);
  await page.getByRole('button', { name: 'Start' }).waitFor({ timeout: 30_000 });
  expect(await page.title()).toBe('E2E'); // the workflow's name (t.workflow names every workflow E2E)
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('E2E');
  await sendDocument(page, 90);
  // The selfie is biometric: consent first, and "Continue" without "I agree" says why.
  await page.getByRole('checkbox', { name: 'I agree' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Please check "I agree" to continue.').waitFor();
  // The box to fix gets the focus, so its error (aria-describedby) is read with it.
  expect(await page.getByRole('checkbox', { name: 'I agree' }).evaluate((e) => e === (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'I agree' }).getAttribute('aria-describedby')).toBe('consent-error');
  await page.getByRole('checkbox', { name: 'I agree' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // The template's selfie has show_intro: its intro, then the camera.
  await page.getByRole('heading', { name: 'Before you take the photo' }).waitFor();
  await page.getByRole('button', { name: 'Open the camera' }).click();
  await page.getByRole('heading', { name: 'A photo of your face' }).waitFor();
  expect(new URL(page.url()).hash).toBe(''); // the token left the address bar once read
  // A file that is not a photo is refused in the browser, in words.
  await uploadPhoto(page, 'note.txt', Buffer.from('not a photo'), 'text/plain');
  await page.getByRole('alert').filter({ hasText: 'This file is not a photo we can use' }).waitFor();
  await uploadPhoto(page, 'selfie.png', await png(200, 160, 140));
  await page.getByRole('button', { name: 'Retake' }).click(); // back to the camera step
  await uploadPhoto(page, 'selfie.png', await png(200, 160, 140));
  await page.getByRole('button', { name: 'Use this photo' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect(await ended(run.id)).toMatchObject({ status: 'approved', reasons: ['document_and_face_clear'] });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('document_autofill_retry: an expired document sends the end user back with the reason shown', async () => {
  // The template as shipped: with applicant last name Consider the sandbox document report
  // considers, with `expiry_date` marked, which is the template's retry branch.
  const { run, page, errors } = await open(templates.document_autofill_retry as Json, { last_name: 'Consider' });
  await sendDocument(page, 60);
  // The retry screen: the standard reason's own title, description and button.
  const reason = page.getByRole('alert').filter({ hasText: 'Attempt 2 of 3' });
  await reason.waitFor({ timeout: 60_000 });
  await page.getByRole('heading', { name: 'Your document has expired' }).waitFor();
  expect(await reason.textContent()).toContain('The document you sent has expired');
  await page.getByRole('button', { name: 'Use another document' }).click();
  // Two more expired documents reach the retry limit: the run ends in review and the page thanks the user.
  await sendDocument(page, 70);
  await page.getByRole('alert').filter({ hasText: 'Attempt 3 of 3' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Use another document' }).click();
  await sendDocument(page, 80);
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect(await ended(run.id)).toMatchObject({ status: 'review', reasons: ['document_expired'] });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

it('renews its capture session with the link before it expires, and sends only session tokens to the API', async () => {
  const sessions: string[] = [];
  const bearers = new Set<string>();
  const { run, page, errors } = await open(CAPTURE(), {}, async (p) => {
    // Every session seems to expire within the renewal margin: the page must renew before each call.
    await p.route('**/v3.6/capture_sessions', async (route) => {
      const res = await route.fetch();
      const body = await res.json() as { token: string; expires_at: string };
      sessions.push(body.token);
      await route.fulfill({ response: res, json: { ...body, expires_at: new Date(Date.now() + 60_000).toISOString() } });
    });
    p.on('request', (r) => { const auth = r.headers().authorization; if (auth) bearers.add(auth); });
  });
  const link = (run.link as { url: string }).url.split('#link=')[1]!;
  await sendDocument(page, 40);
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect(await ended(run.id)).toMatchObject({ status: 'approved' });
  expect(sessions.length).toBeGreaterThanOrEqual(4); // opening, tasks, task, upload, complete, run...
  expect([...bearers].every((b) => b.startsWith('Bearer ') && !b.includes(link))).toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('tells the end user when the link has expired', async () => {
  const { page, errors } = await open(CAPTURE(), {}, async (_page, run) => {
    // The link expired after the run was created (creating one with a past expiry is refused).
    await clients().doc.send(new UpdateCommand({
      TableName: stack.env.TABLE_NAME, Key: keys.run(run.id),
      UpdateExpression: 'SET #link.expires_at = :past', ExpressionAttributeNames: { '#link': 'link' }, ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00Z' },
    }));
  });
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  expect(await alert.textContent()).toContain('This link has expired');
  // The screen's heading says it and has the focus, as every screen's does.
  const heading = page.getByRole('heading', { name: 'This link has expired' });
  expect(await heading.evaluate((e) => e === (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]); // axe-core: no serious or critical violation
  expect(errors).toEqual([]);
  await page.context().close();
}, 60_000);

it('shows the integrator\'s logo from its own host and keeps a light brand colour legible (text and non-text contrast)', async () => {
  const logo = await sharp({ create: { width: 120, height: 40, channels: 3, background: { r: 200, g: 30, b: 60 } } }).png().toBuffer();
  const definition = { ...CAPTURE(), settings: { welcome: false, branding: { logo_url: 'https://logo.integrator.example/brand.png', primary_colour: '#ffeb3b' } } };
  const { page, errors } = await open(definition, {}, async (p) => {
    // The logo's host, answered here (no traffic leaves the machine); the page's CSP must let the image through (parity: CloudFront's).
    await p.route('https://logo.integrator.example/brand.png', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: logo }));
  });
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 30_000 });
  // The image's own load (or its refusal: an error, naturalWidth 0).
  type Img = { complete: boolean; naturalWidth: number; onload: (() => void) | null; onerror: (() => void) | null };
  const width = await page.locator('img.logo').evaluate((el) => {
    const img = el as unknown as Img;
    return img.complete ? img.naturalWidth : new Promise<number>((done) => { img.onload = () => done(img.naturalWidth); img.onerror = () => done(0); });
  });
  expect(width).toBe(120);
  // Yellow takes black text; white would be 1.2:1.
  const button = page.getByRole('button', { name: 'Continue' });
  const colours = await button.evaluate((b) => {
    const s = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string; color: string } }).getComputedStyle(b);
    return [s.backgroundColor, s.color];
  });
  expect(colours).toEqual(['rgb(255, 235, 59)', 'rgb(0, 0, 0)']);
  expect((await seriousViolations(page)).filter((v) => v.includes('color-contrast'))).toEqual([]);
  expect(errors).toEqual([]);
});

it('takes a document as a PDF (a scan): named with its size on the review ("Check your file", "Use this file", "Choose another file"), stored as a PDF, the run goes on', async () => {
  const pdf = await new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A5', info: { CreationDate: new Date('2026-01-01T00:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text('Passport scan');
    doc.end();
  });
  const { run, page, errors } = await open({ ...CAPTURE(), settings: { welcome: false } });
  const country = page.getByRole('combobox', { name: 'Country' });
  await country.waitFor({ timeout: 30_000 });
  await country.fill('United Kingdom');
  const passport = page.getByRole('radio', { name: 'Passport' });
  if (await passport.count()) await passport.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Front of your Passport' }).waitFor();
  await uploadPhoto(page, 'passport-scan.pdf', pdf, 'application/pdf');
  // Its size in KB under 1 MB (not "0.0 MB"), in the page's language; the review speaks of a file, not a photo.
  await page.getByRole('heading', { name: 'Check your file', exact: true }).waitFor();
  await page.getByText(`You chose “passport-scan.pdf” (${Math.max(1, Math.round(pdf.length / 1024))} KB), a PDF. It is sent as it is.`, { exact: true }).waitFor();
  expect(await page.getByRole('button', { name: 'Use this photo', exact: true }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Retake', exact: true }).count()).toBe(0);
  await page.getByRole('button', { name: 'Choose another file', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Use this file', exact: true }).click();
  expect(await ended(run.id)).toMatchObject({ status: 'approved' });
  const docs = await t.call<{ documents: Array<{ file_type: string; file_name: string; file_size: number }> }>('GET', `/v3.6/documents?applicant_id=${run.applicant_id as string}`);
  expect(docs.body.documents).toEqual([expect.objectContaining({ file_type: 'pdf', file_name: 'front.pdf', file_size: pdf.length })]);
  expect(errors).toEqual([]);
}, 60_000);
