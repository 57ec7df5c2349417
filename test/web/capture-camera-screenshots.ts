/**
 * Phone-size screenshots of the capture page's camera screens for web/capture/README.md, on a
 * local in-memory stack with Chromium's fake camera (a passport cut off by the frame, then a
 * face, then a phone without MediaRecorder): `npm run build:web && node -r ./bin/register.js test/web/capture-camera-screenshots.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { path as ffmpeg } from '@ffmpeg-installer/ffmpeg';
import { chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { original } from '../../fixtures/faces/variants';
import { makeDocument } from '../../lambdas/reports/fixtures/documents';
import { startTestStack, type TestStack } from '../helpers/stack';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'web/capture/screenshots');
const dir = mkdtempSync(path.join(tmpdir(), 'capture-shots-'));

function y4m(name: string, png: Buffer): string {
  writeFileSync(path.join(dir, `${name}.png`), png);
  const out = path.join(dir, `${name}.y4m`);
  execFileSync(ffmpeg, ['-loglevel', 'error', '-y', '-loop', '1', '-i', path.join(dir, `${name}.png`), '-t', '2', '-r', '10', '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-pix_fmt', 'yuv420p', out]);
  return out;
}

async function open(stack: TestStack, video: string, workflow: unknown, before?: () => void): Promise<Page> {
  const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Identity check' } });
  const saved = await stack.apiJson<{ version: number }>(`/v3.6/workflows/${wf.body.id}/versions`, { method: 'POST', json: { definition: workflow } });
  await stack.apiJson(`/v3.6/workflows/${wf.body.id}/versions/${saved.body.version}/activate`, { method: 'POST' });
  const applicant = await stack.apiJson<{ id: string }>('/v3.6/applicants', { method: 'POST', json: { first_name: 'Jane', last_name: 'Doe' } });
  const run = await stack.apiJson<{ link: { url: string } }>('/v3.6/workflow_runs', { method: 'POST', json: { workflow_id: wf.body.id, applicant_id: applicant.body.id } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [
    '--no-sandbox', '--headless', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  if (before) await page.addInitScript(before);
  await page.goto(run.body.link.url);
  return page;
}

/** A full-page screenshot as a palette PNG (camera pictures are photos: a full-colour PNG would weigh 190 KB). */
const shot = async (page: Page, name: string) =>
  sharp(await page.screenshot({ fullPage: true })).png({ palette: true, quality: 80, compressionLevel: 9 }).toFile(path.join(OUT, `camera-${name}.png`));
const approve = { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] };

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const stack = await startTestStack({ staticDir: path.join(ROOT, 'web/dist') });
  try {
    const passport = (await makeDocument('valid', 'passport')).images[0]!.bytes;
    const table = await sharp({ create: { width: 1080, height: 784, channels: 3, background: { r: 160, g: 150, b: 138 } } })
      .composite([{ input: passport, left: 400, top: 40 }]).png().toBuffer();
    const doc = await open(stack, y4m('doc', table), { name: 'Identity check', start: 'doc', settings: { welcome: false }, tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, approve] });
    await doc.getByRole('combobox', { name: 'Country' }).fill('United Kingdom', { timeout: 30_000 });
    await doc.getByRole('radio', { name: 'Passport' }).check();
    await doc.getByRole('button', { name: 'Continue' }).click();
    await doc.getByRole('button', { name: 'Take photo' }).waitFor({ state: 'visible' });
    await doc.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { disabled: boolean } | null } }).document.querySelector('.actions button')?.disabled, undefined, { timeout: 60_000 });
    await shot(doc, 'document');
    await doc.getByRole('button', { name: 'Take photo' }).click();
    await doc.getByRole('button', { name: 'Retake' }).waitFor({ timeout: 60_000 });
    await shot(doc, 'document-flagged');
    await doc.context().browser()!.close();

    const padded = await sharp(original('astronaut')).extend({ top: 100, background: '#8a8a8a' }).png().toBuffer();
    const face = await sharp(padded).extract({ left: 75, top: 10, width: 300, height: 400 }).resize(480, 640).png().toBuffer();
    const selfie = await open(stack, y4m('face', face), { name: 'Identity check', start: 'selfie', settings: { welcome: false },
      tasks: [{ id: 'selfie', type: 'face_capture_photo', next: 'motion' }, { id: 'motion', type: 'face_capture_motion', next: 'approve' }, approve] });
    await selfie.getByRole('checkbox', { name: 'I agree' }).check({ timeout: 30_000 });
    await selfie.getByRole('button', { name: 'Continue' }).click();
    await selfie.getByText('Your face is in position.').waitFor({ timeout: 180_000 });
    await shot(selfie, 'selfie');
    await selfie.getByRole('button', { name: 'Take photo' }).click();
    await selfie.getByRole('button', { name: 'Use this photo' }).click({ timeout: 60_000 });
    await selfie.getByRole('button', { name: 'Start recording' }).click({ timeout: 60_000 });
    await selfie.getByText('Slowly turn your head to the left.').waitFor({ timeout: 15_000 });
    await shot(selfie, 'motion');
    await selfie.context().browser()!.close();

    const noRecorder = await open(stack, y4m('face2', face), { name: 'Identity check', start: 'motion', settings: { welcome: false },
      tasks: [{ id: 'motion', type: 'face_capture_motion', next: 'approve' }, approve] }, () => { delete (globalThis as { MediaRecorder?: unknown }).MediaRecorder; });
    await noRecorder.getByRole('checkbox', { name: 'I agree' }).check({ timeout: 30_000 });
    await noRecorder.getByRole('button', { name: 'Continue' }).click();
    await noRecorder.getByRole('button', { name: 'Continue with a photo' }).waitFor({ timeout: 30_000 });
    await shot(noRecorder, 'motion-unsupported');
    await noRecorder.context().browser()!.close();
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
