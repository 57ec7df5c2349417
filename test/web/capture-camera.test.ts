/**
 * Smart Capture by camera alone, with the real reports (live token): Chromium plays a y4m made
 * here from a synthetic passport (real MRZ, the applicant's portrait) as its camera; the page
 * takes the photo at the camera's full resolution, the end user uses it; Chromium takes one
 * file per launch, so the test relaunches it with a y4m of the same face and reopens `link.url`:
 * the page resumes the run at the selfie, and the real document and face checks approve it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { original } from '../../fixtures/faces/variants';
import { createApiToken } from '../../lambdas/api/auth';
import { closeOcr } from '../../lambdas/reports/document_report';
import { makeDocument } from '../../lambdas/reports/fixtures/documents';
import type { TestStack } from '../helpers/stack';
import { launch, startWebStack } from './web-stack';
import { screenViolations, seriousViolations } from './axe';
import { cameraReady, notCameraScreen } from './camera-screen';
import { onTable, selfieFrame, y4m as makeY4m } from './camera-fixtures';
import { recordStatuses, statusLog } from './live-regions';
import { chooseFiles } from './capture-helpers';

const FAKE_CAMERA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
let stack: TestStack;
let live: string;
let dir: string;

beforeAll(async () => {
  stack = await startWebStack();
  live = await createApiToken('live');
  dir = mkdtempSync(path.join(tmpdir(), 'capture-camera-'));
}, 120_000);
afterAll(async () => { await closeOcr(); await stack?.stop(); rmSync(dir, { recursive: true, force: true }); });

function call<T = Record<string, unknown>>(method: string, p: string, json?: unknown) {
  return stack.apiJson<T>(p, { method, ...(json !== undefined ? { json } : {}), token: live });
}

const y4m = (name: string, png: Buffer) => makeY4m(dir, name, png);

const STARTING = 'Starting the camera…';
const NO_FACE = 'We cannot see your face. Look at the camera, with your face inside the oval.';
const CHECKING = 'Checking your photo…';
/** Run in the page: its next getUserMedia waits for `window.__releaseCamera()`, so what the page says while the camera starts can be seen. */
const HOLD_CAMERA = `(() => {
  const devices = navigator.mediaDevices; const real = devices.getUserMedia.bind(devices);
  const held = new Promise((resolve) => { window.__releaseCamera = resolve; });
  devices.getUserMedia = (constraints) => held.then(() => real(constraints));
})()`;

/** Starts a document + selfie run of a new applicant, returns its link. */
async function newRun(): Promise<string> {
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Checks', template: 'document_selfie_photo' });
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe' });
  const run = await call<{ link: { url: string } }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  return run.body.link.url;
}

/** Opens `url` in a phone-sized page of a Chromium whose camera plays `video`; "Start" on the welcome screen. */
async function openWithCamera(video: string, url: string) {
  const browser = await launch([...FAKE_CAMERA, `--use-file-for-fake-video-capture=${video}`]);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }); // a phone: no cross-device offer
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.getByRole('button', { name: 'Start' }).click({ timeout: 30_000 });
  return { browser, page, errors };
}

/** The run's failed steps in the engine's history (error and cause), so that a run that did not end well says why. */
async function failuresOf(runId: string): Promise<string[]> {
  const [execution] = (await stack.engine.list({})).filter((e) => e.executionArn.endsWith(`:${runId}`));
  if (!execution) return [`no execution for ${runId}`];
  return (await stack.engine.history(execution.executionArn)).filter((h) => /Failed|TimedOut|Aborted/.test(h.type))
    .map((h) => `${h.type} ${JSON.stringify(Object.entries(h).find(([k]) => k.endsWith('EventDetails'))?.[1] ?? {}).slice(0, 600)}`);
}

/** "Take photo" once the camera plays, then "Use this photo" on the review. */
async function shoot(page: Page) {
  const take = page.getByRole('button', { name: 'Take photo' });
  await take.click({ timeout: 30_000 }); // waits until the camera plays (the button is enabled then)
  await page.getByRole('img', { name: 'Your photo' }).waitFor();
  await page.getByRole('button', { name: 'Use this photo' }).click();
}

it('document and selfie by camera alone: full-resolution photos, resumed after a relaunch, approved by the real checks', async () => {
  const doc = await makeDocument('valid', 'passport', { today: new Date() });
  const portrait = await sharp(original('astronaut')).resize(256, 336, { fit: 'cover' }).png().toBuffer();
  const passport = await sharp(doc.images[0]!.bytes).composite([{ input: portrait, left: 48, top: 112 }]).png().toBuffer();
  const { spec } = doc;
  const [first, ...rest] = spec.givenNames.split(' ');
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', {
    first_name: `${first![0]}${first!.slice(1).toLowerCase()}${rest.length ? ` ${rest.join(' ').toLowerCase()}` : ''}`,
    last_name: `${spec.surname[0]}${spec.surname.slice(1).toLowerCase()}`, dob: spec.birthDate,
  });
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Live KYC', template: 'document_selfie_photo' });
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const run = await call<{ id: string; link: { url: string } }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  expect(run.status).toBe(201);

  const scene = await onTable(passport);
  const docVideo = y4m('passport', scene);
  const one = await openWithCamera(docVideo, run.body.link.url);
  await one.page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await one.page.getByRole('radio', { name: 'Passport' }).check();
  await one.page.getByRole('button', { name: 'Continue' }).click();
  await shoot(one.page);
  await one.page.getByRole('checkbox', { name: 'I agree' }).waitFor({ timeout: 60_000 }); // the selfie is next
  const docs = await call<{ documents: Array<{ id: string }> }>('GET', `/v3.6/documents?applicant_id=${applicant.body.id}`);
  expect(docs.body.documents).toHaveLength(1);
  const sent = await stack.api(`/v3.6/documents/${docs.body.documents[0]!.id}/download`, { token: live });
  const meta = await sharp(Buffer.from(await sent.arrayBuffer())).metadata();
  const frame = await sharp(scene).metadata();
  expect(meta).toMatchObject({ format: 'jpeg', width: frame.width! - (frame.width! % 2), height: frame.height! - (frame.height! % 2) }); // the camera's full frame
  expect(one.errors).toEqual([]);
  await one.browser.close();

  const faceVideo = y4m('face', await selfieFrame());
  const two = await openWithCamera(faceVideo, run.body.link.url);
  await two.page.getByRole('checkbox', { name: 'I agree' }).check();
  await two.page.getByRole('button', { name: 'Continue' }).click();
  // The template's selfie has show_intro: its intro, then the camera.
  await two.page.getByRole('button', { name: 'Open the camera' }).click({ timeout: 30_000 });
  await two.page.getByRole('heading', { name: 'A photo of your face' }).waitFor();
  await two.page.getByText('Your face is in position.').waitFor({ timeout: 120_000 }); // on-device detection releases the shutter
  await shoot(two.page);
  await two.page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 240_000 });
  const end = await call<{ status: string; output: Record<string, unknown> }>('GET', `/v3.6/workflow_runs/${run.body.id}`);
  if (end.body.status !== 'approved') throw new Error(`the run ended ${end.body.status}: ${(await failuresOf(run.body.id)).join('\n')}`);
  expect(end.body).toMatchObject({ status: 'approved', output: { document_result: 'clear', face_result: 'clear' } });
  expect(two.errors).toEqual([]);
  await two.browser.close();
}, 400_000);

it('a camera shot of a document cut off by the frame is refused with the reason and "Retake"; a second one may be used anyway', async () => {
  const doc = await makeDocument('valid', 'passport');
  const { browser, page, errors } = await openWithCamera(y4m('cut', await onTable(doc.images[0]!.bytes, 600, 140)), await newRun());
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const cutOff = page.getByRole('alert').getByText('We cannot see the whole document', { exact: false });
  const axe: Record<string, string[]> = {};
  for (const attempt of [1, 2]) {
    if (attempt === 1) { // the camera screen ready to shoot, before the shutter (and still so after the scan)
      await cameraReady(page);
      axe.camera = await screenViolations(page, 'camera', notCameraScreen);
    }
    await page.getByRole('button', { name: 'Take photo' }).click({ timeout: 30_000 });
    await cutOff.waitFor();
    if (attempt === 1) axe.flagged = await seriousViolations(page);
    expect(await page.getByRole('button', { name: 'Use this photo' }).count()).toBe(attempt === 1 ? 0 : 1);
    if (attempt === 1) await page.getByRole('button', { name: 'Retake' }).click();
  }
  expect(axe).toEqual({ camera: [], flagged: [] }); // axe-core: no serious or critical violation
  expect(errors).toEqual([]);
  await browser.close();
}, 120_000);

it('selfie: with no face in the camera the page says why, in a live region there before its text, and "Take photo" still works: the shot is flagged, only "Retake" the first time, usable the second; an uploaded photo without a face is flagged', async () => {
  const url = await newRun();
  const doc = await makeDocument('valid', 'passport');
  const setup = await openWithCamera(y4m('table', await onTable(doc.images[0]!.bytes)), url);
  await setup.page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await setup.page.getByRole('radio', { name: 'Passport' }).check();
  await setup.page.getByRole('button', { name: 'Continue' }).click();
  await shoot(setup.page);
  await setup.page.getByRole('checkbox', { name: 'I agree' }).waitFor({ timeout: 60_000 });
  await setup.browser.close();

  const empty = await onTable(await sharp({ create: { width: 500, height: 320, channels: 3, background: '#d8d2c4' } }).png().toBuffer());
  const { browser, page, errors } = await openWithCamera(y4m('noface', empty), url);
  await page.getByRole('checkbox', { name: 'I agree' }).check();
  await recordStatuses(page);
  await page.evaluate(HOLD_CAMERA);
  await page.getByRole('button', { name: 'Continue' }).click();
  // The template's selfie has show_intro: its intro, then the camera.
  await page.getByRole('button', { name: 'Open the camera' }).click({ timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: STARTING }).waitFor(); // said while the camera is held
  await page.evaluate('window.__releaseCamera()');
  await page.getByRole('status').filter({ hasText: NO_FACE }).waitFor({ timeout: 120_000 });
  const take = page.getByRole('button', { name: 'Take photo' });
  expect(await take.isEnabled()).toBe(true); // guidance is advice: the shutter works though no face is found
  expect(await page.locator(`[id="${await take.getAttribute('aria-describedby')}"]`).textContent()).toBe(NO_FACE); // and describes it
  expect(await screenViolations(page, 'selfie camera', notCameraScreen)).toEqual([]);
  const flagged = page.getByRole('alert').getByText('We cannot see your face.', { exact: false });
  await take.click();
  await flagged.waitFor({ timeout: 60_000 });
  expect(await page.getByRole('button', { name: 'Use this photo' }).count()).toBe(0); // the first flagged shot: only "Retake"
  // One region, there empty before its first text, said the camera was starting, then why no photo is good, then that the shot is checked.
  const camera = (await statusLog(page)).find((r) => r.changes.includes(STARTING));
  expect(camera?.added).toBe('');
  expect([...new Set(camera?.changes.filter((c) => [STARTING, NO_FACE, CHECKING].includes(c)))]).toEqual([STARTING, NO_FACE, CHECKING]);
  await page.getByRole('button', { name: 'Retake' }).click();
  await take.click({ timeout: 30_000 });
  await flagged.waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Use this photo' }).waitFor(); // the second flagged shot in a row may be used: nobody is stuck
  await page.getByRole('button', { name: 'Retake' }).click();
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name: 'table.png', mimeType: 'image/png', buffer: empty });
  await flagged.waitFor({ timeout: 60_000 });
  expect(errors).toEqual([]);
  await browser.close();
}, 300_000);

/** A run of a new applicant whose one capture task is `tasks`' first (then approved), as a live workflow. */
async function runOf(task: Record<string, unknown>): Promise<string> {
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'One step' });
  const definition = { name: 'One step', start: 'step', settings: { welcome: false }, tasks: [{ id: 'step', next: 'approve', ...task }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }] };
  const saved = await call<{ version: number }>('POST', `/v3.6/workflows/${wf.body.id}/versions`, { definition });
  expect(saved.status).toBe(201);
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/${saved.body.version}/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe' });
  const run = await call<{ link: { url: string } }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  return run.body.link.url;
}

it('a file that cannot be used says so in an alert, and the camera stays: its view and "Take photo", enabled; the next shot clears the alert', async () => {
  const browser = await launch(FAKE_CAMERA); // Chromium's own test pattern
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(await runOf({ type: 'document_capture' }));
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom', { timeout: 30_000 });
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await cameraReady(page);
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file', exact: true }), { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
  const alert = page.getByRole('alert').filter({ hasText: 'This file is not a photo we can use. Please choose a JPG or PNG photo.' });
  await alert.waitFor({ timeout: 30_000 });
  expect(await notCameraScreen(page)).toEqual([]); // the camera view plays, "Take photo" shown and enabled
  const take = page.getByRole('button', { name: 'Take photo', exact: true });
  expect(await take.isEnabled()).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await take.click();
  await page.getByRole('img', { name: 'Your photo' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Retake', exact: true }).click();
  await cameraReady(page);
  expect(await alert.count()).toBe(0); // cleared by the shot
  expect(errors).toEqual([]);
  await browser.close();
}, 120_000);

/** The face detector the page loads (/capture/human/human.esm.js) replaced: no face, or (while `window.__faces` is 'flicker') two faces every other look. */
const FAKE_HUMAN = `
export class Human {
  constructor() { window.__looks = 0; }
  async load() {}
  async detect() {
    window.__looks++;
    const two = [{ box: [10, 10, 100, 120], score: 0.99 }, { box: [200, 10, 100, 120], score: 0.99 }];
    return { face: window.__faces === 'flicker' && window.__looks % 2 ? two : [] };
  }
}`;
const MANY_FACES = 'Only your face should be in the photo.';
const LOOKING = 'Looking for your face…';

it('face guidance that flickers is not spoken: a reading is said once it has held a second', async () => {
  const browser = await launch(FAKE_CAMERA);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/capture/human/human.esm.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: FAKE_HUMAN }));
  await page.clock.install();
  await page.goto(await runOf({ type: 'face_capture_photo' }));
  await page.evaluate('window.__faces = "flicker"');
  await page.getByRole('checkbox', { name: 'I agree' }).check({ timeout: 30_000 });
  await recordStatuses(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await cameraReady(page);
  await page.waitForFunction(() => ((globalThis as unknown as { __looks?: number }).__looks ?? 0) > 0);
  // The camera's one live region (it said the camera was starting, or at once that the page looks for the face).
  const camera = async () => (await statusLog(page)).find((r) => r.changes.some((c) => c === STARTING || c === LOOKING))?.changes ?? [];
  const guidance = (changes: string[]) => changes.filter((c) => c === NO_FACE || c === MANY_FACES);
  // Time stands still but for the test's steps of 250 ms (one look each): 4 s of a detection that changes at every look.
  await page.clock.pauseAt(await page.evaluate('Date.now() + 200') as number);
  const before = (await camera()).length;
  const steps = async (n: number) => { for (let i = 0; i < n; i++) await page.clock.runFor(250); };
  const looks = await page.evaluate('window.__looks') as number;
  await steps(16);
  expect(await page.evaluate('window.__looks') as number).toBeGreaterThan(looks + 8); // it did look, and flicker
  expect(guidance((await camera()).slice(before))).toEqual([]);
  // Steady: no face at every look. Said after a second, once.
  await page.evaluate('window.__faces = "none"');
  await steps(8);
  await page.getByRole('status').filter({ hasText: NO_FACE }).waitFor();
  await steps(8);
  expect(guidance((await camera()).slice(before))).toEqual([NO_FACE]);
  expect(errors).toEqual([]);
  await browser.close();
}, 120_000);
