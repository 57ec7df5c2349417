/**
 * Capture options in Chromium with a fake camera (and its fake microphone): `show_intro` shows an intro
 * before the camera of a selfie or a face video (the camera is not asked for until it is passed), none when
 * false; Motion's `record_audio` asks getUserMedia for audio and sends the recording, and Motion without it
 * asks for none.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { path as ffmpeg } from '@ffmpeg-installer/ffmpeg';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { original } from '../../fixtures/faces/variants';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { closeContexts, launch, startWebStack } from './web-stack';
import { seriousViolations } from './axe';

let stack: TestStack;
let t: E2e;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  stack = await startWebStack();
  t = e2e(stack);
  dir = mkdtempSync(path.join(tmpdir(), 'capture-intro-'));
  writeFileSync(path.join(dir, 'face.png'), await sharp(original('astronaut')).resize(480, 640).png().toBuffer());
  const video = path.join(dir, 'face.y4m');
  execFileSync(ffmpeg, ['-loglevel', 'error', '-y', '-loop', '1', '-i', path.join(dir, 'face.png'), '-t', '2', '-r', '10', '-pix_fmt', 'yuv420p', video]);
  browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
}, 120_000);
afterEach(() => closeContexts(browser));
afterAll(async () => { await browser?.close(); await stack?.stop(); rmSync(dir, { recursive: true, force: true }); });

/** Every getUserMedia request's constraints, kept in the page as `__asked` (the tests compile without the DOM library, hence the casts). */
const recordRequests = () => {
  const g = globalThis as unknown as { __asked: unknown[]; navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<unknown> } } };
  g.__asked = [];
  const devices = g.navigator.mediaDevices;
  const real = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (c: unknown) => { g.__asked.push(c); return real(c); };
};
const asked = (page: Page) => page.evaluate(() => (globalThis as unknown as { __asked: Array<{ audio?: unknown }> }).__asked.map((c) => c.audio ?? false));

async function open(task: Json): Promise<{ page: Page; runId: string; errors: string[] }> {
  const approve = { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] };
  const wf = await t.workflow({ name: 'Options', start: task.id, settings: { welcome: false }, tasks: [{ ...task, next: 'approve' }, approve] });
  const run = await t.startRun(wf, await t.applicant());
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(recordRequests);
  await page.goto((run.link as { url: string }).url);
  await page.getByRole('checkbox', { name: 'I agree' }).check({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
  return { page, runId: run.id, errors };
}

it.each([
  ['face_capture_photo', 'Before you take the photo', 'A photo of your face'],
  ['face_capture_video', 'Before you record the video', 'A video of your face'],
])('%s with show_intro: the intro first (focused, accessible, no camera yet), then the camera', async (type, intro, camera) => {
  const { page, errors } = await open({ id: 'face', type, show_intro: true });
  const heading = page.getByRole('heading', { name: intro });
  await heading.waitFor({ timeout: 30_000 });
  expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent)).toBe(intro);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await asked(page)).toEqual([]);
  await page.getByRole('button', { name: 'Open the camera' }).click();
  await page.getByRole('heading', { name: camera }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: type === 'face_capture_photo' ? 'Take photo' : 'Start recording' }).waitFor({ timeout: 15_000 });
  expect(await asked(page)).toEqual([false]);
  expect(errors).toEqual([]);
}, 120_000);

it('a selfie with show_intro false opens the camera at once', async () => {
  const { page, errors } = await open({ id: 'face', type: 'face_capture_photo', show_intro: false });
  await page.getByRole('heading', { name: 'A photo of your face' }).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('heading', { name: 'Before you take the photo' }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 120_000);

it.each([[true, true], [false, false]])('Motion with record_audio %s asks for audio: %s; the recording is sent', async (recordAudio, audio) => {
  const { page, runId, errors } = await open({ id: 'motion', type: 'face_capture_motion', record_audio: recordAudio });
  await page.getByRole('button', { name: 'Start recording' }).click({ timeout: 30_000 });
  expect(await asked(page)).toEqual([audio]);
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  const task = (await t.tasks(runId)).find((x) => x.id.startsWith('motion_'))!;
  expect((await t.call<{ output: unknown }>('GET', `/v3.6/workflow_runs/${runId}/tasks/${task.id}`)).body.output).toEqual([{ id: expect.any(String) }]);
  expect(errors).toEqual([]);
}, 120_000);
