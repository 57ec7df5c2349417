/**
 * Photos the end user uploads are prepared in the browser: a HEIC photo (made here with
 * heif-enc; Chromium cannot decode HEIC) and a 12 MP JPEG over the API's body limit both reach
 * the API as JPEGs of at most 3000 px, below the limit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Browser } from 'playwright-core';
import sharp from 'sharp';
import { MAX_PAYLOAD_BYTES } from '../../lambdas/api/limits';
import { makeDocument } from '../../lambdas/reports/fixtures/documents';
import { CAPTURE } from '../e2e/workflows';
import type { E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { seriousViolations } from './axe';

let stack: TestStack;
let t: E2e;
let browser: Browser;
let workflow: string;
let dir: string;

/** The photos, made before the stack starts (a long pause between requests can meet the server closing an idle connection). */
let heic: string;
let photo: Buffer;
async function makePhotos() {
  const png = path.join(dir, 'passport.png');
  writeFileSync(png, (await makeDocument('valid', 'passport')).images[0]!.bytes);
  heic = path.join(dir, 'IMG_0001.HEIC');
  execFileSync('heif-enc', ['-q', '90', '-o', heic, png], { stdio: 'ignore' });
  const width = 4000; const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 3;
  for (let i = 0; i < raw.length; i++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; raw[i] = 110 + (Math.floor(i / 3 / width) % 60) + (seed % 40); }
  photo = await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
  writeFileSync(path.join(dir, 'IMG_0002.JPG'), photo);
}

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  dir = mkdtempSync(path.join(tmpdir(), 'capture-images-'));
  await makePhotos();
  workflow = await t.workflow({ ...CAPTURE() as object, settings: { welcome: false } });
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

/** Uploads `file` as the passport of a new run's applicant; returns what the API stored, and axe-core's serious and
 *  critical violations on the upload and review screens. */
async function uploadPassport(file: string): Promise<{ sent: Buffer; axe: Record<string, string[]> }> {
  const applicant = await t.applicant();
  const run = await t.startRun(workflow, applicant);
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto((run.link as { url: string }).url);
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom', { timeout: 30_000 });
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Upload a file' }).waitFor();
  const axe = { upload: await seriousViolations(page) };
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload a file' }).click();
  await (await chooser).setFiles(file, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Use this photo' }).waitFor({ timeout: 60_000 });
  Object.assign(axe, { review: await seriousViolations(page) });
  await page.getByRole('button', { name: 'Use this photo' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect(errors).toEqual([]);
  await page.context().close();
  const docs = await t.call<{ documents: Array<{ id: string }> }>('GET', `/v3.6/documents?applicant_id=${applicant}`);
  expect(docs.body.documents).toHaveLength(1);
  return { sent: Buffer.from(await (await stack.api(`/v3.6/documents/${docs.body.documents[0]!.id}/download`)).arrayBuffer()), axe };
}

it('a HEIC photo is decoded in the browser and sent as a JPEG', async () => {
  expect(readFileSync(heic).subarray(4, 12).toString('latin1')).toMatch(/^ftyp(heic|mif1)/);
  const { sent, axe } = await uploadPassport(heic);
  expect(await sharp(sent).metadata()).toMatchObject({ format: 'jpeg', width: 1000, height: 704 });
  expect(axe).toEqual({ upload: [], review: [] }); // axe-core: no serious or critical violation
}, 180_000);

it('a 12 MP photo over the API\'s limit is scaled to 3000 px and sent as a JPEG below the limit', async () => {
  expect(photo.length).toBeGreaterThan(MAX_PAYLOAD_BYTES); // sent as it is, the API would refuse it (413)
  const { sent } = await uploadPassport(path.join(dir, 'IMG_0002.JPG'));
  expect(await sharp(sent).metadata()).toMatchObject({ format: 'jpeg', width: 3000, height: 2250 });
  expect(sent.length).toBeLessThan(MAX_PAYLOAD_BYTES);
}, 180_000);
