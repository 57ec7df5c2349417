/**
 * Face video and Motion in Chromium with a fake camera playing a face: the recording prompts the
 * head turn left and right and stops on its own (Motion) or with "Stop recording" (video, then
 * previewed when `show_confirmation`); a browser without MediaRecorder, without a video type it
 * records, or without both WebGL and WebAssembly cannot run Motion, so the page completes it empty
 * (`[]`, its reasons kept on the task) and the workflow falls back to a selfie photo (`is_empty`);
 * one that lacks only WebGL records.
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
  dir = mkdtempSync(path.join(tmpdir(), 'capture-video-'));
  const padded = await sharp(original('astronaut')).extend({ top: 100, background: '#8a8a8a' }).png().toBuffer();
  writeFileSync(path.join(dir, 'face.png'), await sharp(padded).extract({ left: 75, top: 10, width: 300, height: 400 }).resize(480, 640).png().toBuffer());
  const video = path.join(dir, 'face.y4m');
  execFileSync(ffmpeg, ['-loglevel', 'error', '-y', '-loop', '1', '-i', path.join(dir, 'face.png'), '-t', '2', '-r', '10', '-pix_fmt', 'yuv420p', video]);
  browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
}, 120_000);
afterEach(() => closeContexts(browser));
afterAll(async () => { await browser?.close(); await stack?.stop(); rmSync(dir, { recursive: true, force: true }); });

const approve = { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] };

/** What a device lacks, made in the page before it loads (the tests compile without the DOM library, hence the casts). */
const DEVICES = {
  noRecorder: () => { delete (globalThis as { MediaRecorder?: unknown }).MediaRecorder; },
  noVideoFormat: () => { (globalThis as unknown as { MediaRecorder: { isTypeSupported(t: string): boolean } }).MediaRecorder.isTypeSupported = () => false; },
  noWebgl: () => {
    const canvas = (globalThis as unknown as { HTMLCanvasElement: { prototype: { getContext(this: unknown, kind: string, ...rest: unknown[]): unknown } } }).HTMLCanvasElement.prototype;
    const original = canvas.getContext;
    canvas.getContext = function (this: unknown, kind: string, ...rest: unknown[]) { return kind.startsWith('webgl') ? null : original.call(this, kind, ...rest); };
  },
  noWebassembly: () => { delete (globalThis as { WebAssembly?: unknown }).WebAssembly; },
  /** The applicant refuses the camera once (the browser's prompt), then allows it. */
  cameraDeniedOnce: () => {
    const devices = (globalThis as unknown as { navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<unknown> } } }).navigator.mediaDevices;
    const real = devices.getUserMedia.bind(devices);
    let calls = 0;
    devices.getUserMedia = (c: unknown) => (calls++ === 0 ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : real(c));
  },
} as const;
type Lack = keyof typeof DEVICES;

/** A run of `tasks` opened in a phone-sized page (past the consent) of a device that lacks `lacks`. */
async function open(tasks: Json[], lacks: readonly Lack[] = []): Promise<{ page: Page; runId: string; errors: string[] }> {
  const wf = await t.workflow({ name: 'Face', start: (tasks[0] as { id: string }).id, settings: { welcome: false }, tasks: [...tasks, approve] });
  const run = await t.startRun(wf, await t.applicant());
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const lack of lacks) await page.addInitScript(DEVICES[lack]);
  await page.goto((run.link as { url: string }).url);
  await page.getByRole('checkbox', { name: 'I agree' }).check({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
  return { page, runId: run.id, errors };
}

const taskOf = async (runId: string, defId: string) => {
  const task = await t.waitingTask(runId, defId).catch(() => undefined) ?? (await t.tasks(runId)).find((x) => x.id.startsWith(`${defId}_`))!;
  return (await t.call<{ output: unknown; motion_unsupported?: unknown }>('GET', `/v3.6/workflow_runs/${runId}/tasks/${task.id}`)).body;
};
const outputOf = async (runId: string, defId: string) => (await taskOf(runId, defId)).output;

it('Motion: prompts the head turn left and right, stops on its own and sends the recording', async () => {
  const { page, runId, errors } = await open([{ id: 'motion', type: 'face_capture_motion', next: 'approve' }]);
  await page.getByRole('button', { name: 'Start recording' }).click({ timeout: 30_000 });
  await page.getByText('Slowly turn your head to the left.').waitFor({ timeout: 15_000 });
  const recording = await seriousViolations(page); // Motion recording, with its prompt
  await page.getByText('Now slowly turn your head to the right.').waitFor({ timeout: 15_000 });
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect(recording).toEqual([]);
  expect(await outputOf(runId, 'motion')).toEqual([{ id: expect.any(String) }]);
  expect(errors).toEqual([]);
}, 120_000);

it('a face video whose camera was refused says how to allow it and offers "Try again", which records once allowed', async () => {
  const { page, runId, errors } = await open([{ id: 'video', type: 'face_capture_video', next: 'approve' }], ['cameraDeniedOnce']);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  expect(await alert.textContent()).toBe('Camera access was not allowed. Allow the camera in your browser settings, then try again.');
  expect(await page.getByRole('button', { name: 'Start recording' }).count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('button', { name: 'Start recording' }).click({ timeout: 30_000 });
  expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  await page.getByText('Slowly turn your head to the left.').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Stop recording' }).click({ timeout: 15_000 });
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect(await outputOf(runId, 'video')).toEqual([{ id: expect.any(String) }]);
  expect(errors).toEqual([]);
}, 120_000);

it('face video with show_confirmation: "Stop recording", a preview, then "Use this video"', async () => {
  const { page, runId, errors } = await open([{ id: 'video', type: 'face_capture_video', show_confirmation: true, next: 'approve' }]);
  await page.getByRole('button', { name: 'Start recording' }).click({ timeout: 30_000 });
  await page.getByText('Slowly turn your head to the left.').waitFor({ timeout: 15_000 });
  expect(await seriousViolations(page)).toEqual([]); // recording, with its prompt
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await page.getByRole('button', { name: 'Use this video' }).waitFor({ timeout: 15_000 });
  expect(await seriousViolations(page)).toEqual([]); // the preview
  await page.getByRole('button', { name: 'Use this video' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect(await outputOf(runId, 'video')).toEqual([{ id: expect.any(String) }]);
  expect(errors).toEqual([]);
}, 120_000);

it('Motion on a browser without MediaRecorder: no recording offered; it completes empty (the reasons on the task) and the workflow falls back to a selfie', async () => {
  const { page, runId, errors } = await open([
    { id: 'motion', type: 'face_capture_motion', next: 'has_motion' },
    { id: 'has_motion', type: 'logic', branches: [{ when: { path: 'tasks.motion.output', op: 'is_empty' }, next: 'selfie' }], else: 'approve' },
    { id: 'selfie', type: 'face_capture_photo', next: 'approve' },
  ], ['noRecorder']);
  await page.getByText('This device cannot record the video we need', { exact: false }).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('button', { name: 'Start recording' }).count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Continue with a photo' }).click();
  await page.getByRole('heading', { name: 'A photo of your face' }).waitFor({ timeout: 60_000 });
  expect(await seriousViolations(page)).toEqual([]); // the selfie the workflow fell back to
  expect(await taskOf(runId, 'motion')).toMatchObject({ output: [], motion_unsupported: { reasons: ['no_media_recorder'] } });
  expect(errors).toEqual([]);
}, 120_000);

it.each([
  [['noVideoFormat'], ['no_video_format']],
  [['noWebgl', 'noWebassembly'], ['no_webgl', 'no_webassembly']],
] as Array<[Lack[], string[]]>)('Motion on a device lacking %j: not offered, completed empty with the reasons %j', async (lacks, reasons) => {
  const { page, runId, errors } = await open([{ id: 'motion', type: 'face_capture_motion', next: 'approve' }], lacks);
  await page.getByText('This device cannot record the video we need', { exact: false }).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('button', { name: 'Start recording' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Continue with a photo' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect(await taskOf(runId, 'motion')).toMatchObject({ output: [], motion_unsupported: { reasons } });
  expect(errors).toEqual([]);
}, 120_000);

it('Motion without WebGL but with WebAssembly (face tracking runs on either) is offered: no way around the recording', async () => {
  const { page, errors } = await open([{ id: 'motion', type: 'face_capture_motion', next: 'approve' }], ['noWebgl']);
  await page.getByRole('button', { name: 'Start recording' }).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('button', { name: 'Continue with a photo' }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 120_000);
