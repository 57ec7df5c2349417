/**
 * The browser journeys no other parity file runs, one per surface, in Chromium against the
 * synthesized stack (the web apps from their bucket deployment asset with the response-headers
 * policies' CSP, the API as its Lambda under Node 22, IAM simulated):
 *  - the console: sign-in with the template's Cognito user pool through a loopback stand-in of
 *    Cognito (the API function reads the pool's keys from it), a version saved and activated in the
 *    builder, the run's page in the results at its `dashboard_url`;
 *  - a workflow's generic link (`/capture/f/<workflow>`: the applicant form, then the run's link);
 *  - the capture page with Chromium's fake camera: the selfie taken by camera once on-device face
 *    detection (wasm) finds the face, and the run approved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { readTemplate, startParityStack, synthesize, PARITY_ACCOUNT, PARITY_REGION, type ParityStack } from '../../local/parity';
import { selfieFrame, y4m } from '../web/camera-fixtures';
import { CognitoStandIn } from '../web/cognito-stand-in';
import { consolePage, logIn } from '../web/console-helpers';
import { fakeCamera, launch } from '../web/web-stack';

const ADA = { email: 'ada@example.com', password: 'Admin password 1!', role: 'admin' as const, environments: 'sandbox', mfaCode: '123456' };
const DRAFT = {
  name: 'Screen', start: 'watch',
  tasks: [
    { id: 'watch', type: 'watchlist_report', next: 'decide' },
    { id: 'decide', type: 'logic', name: 'Decide', branches: [{ name: 'Clear', when: { path: 'tasks.watch.output.result', op: 'eq', value: 'clear' }, next: 'approve' }], else: 'review' },
    { id: 'approve', type: 'result', name: 'Approve', outcome: 'approve' },
    { id: 'review', type: 'result', name: 'Review', outcome: 'review' },
  ],
};
const ENDED = ['approved', 'review', 'declined', 'abandoned', 'error'];

let stack: ParityStack;
let cognito: CognitoStandIn;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  // The pool and client ids the API function gets from the template, for the stand-in's tokens.
  const { dir: assembly } = await synthesize();
  const api = readTemplate(assembly, PARITY_ACCOUNT, PARITY_REGION, { apiUrl: 'http://127.0.0.1:1', queueUrl: (n) => n }).functions.find((f) => f.environment.CONSOLE_USER_POOL_ID)!;
  cognito = new CognitoStandIn(api.environment.CONSOLE_USER_POOL_ID!, api.environment.CONSOLE_CLIENT_ID!, [{ ...ADA }]);
  await cognito.start();
  dir = mkdtempSync(path.join(tmpdir(), 'parity-browser-'));
  const [started, camera] = await Promise.all([
    startParityStack({ inMemory: true, assemblyDir: assembly, cognitoEndpoint: cognito.url, apiToken: 'api_sandbox.parity-browser-0123456789abcdef' }),
    selfieFrame().then((png) => y4m(dir, 'face', png)),
  ]);
  stack = started;
  browser = await launch(fakeCamera(camera));
}, 900_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await cognito?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

async function call<T = Record<string, unknown>>(method: string, p: string, json?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.url}${p}`, {
    method, headers: { authorization: `Token token=${stack.apiToken}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  return { status: res.status, body: await res.json() as T };
}

/** The run once ended (the engine and the bus settled, then read from the API), with a deadline. */
async function ended(runId: string): Promise<{ status: string; dashboard_url: string }> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    await stack.flushExecutionEvents();
    const run = await call<{ status: string; dashboard_url: string }>('GET', `/v3.6/workflow_runs/${runId}`);
    if (ENDED.includes(run.body.status)) return run.body;
    await stack.engine.idle();
  }
  throw new Error(`run ${runId} did not end`);
}

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** consolePage's page (desktop unless `options` say otherwise), with the CSP's refusals among its errors. */
async function newPage(options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await consolePage(browser, options);
  page.setDefaultTimeout(120_000); // a function's first invocation starts its process (its init)
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); }); // the CSP's refusals
  return { page, errors };
}

it('console: Cognito sign-in, a version saved and activated in the builder, and the run\'s page at its dashboard_url', async () => {
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Screen' });
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions`, { definition: DRAFT, notes: 'Draft' })).status).toBe(201);
  const { page, errors } = await newPage();
  await logIn(page, stack.url, ADA.email, ADA.password, `/console/workflows/${wf.body.id}`);
  await page.getByRole('textbox', { name: 'Code' }).fill(ADA.mfaCode);
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByText('ada@example.com (admin)').waitFor();
  expect(cognito.calls.map((c) => c.target.split('.').pop())).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);

  await page.getByRole('group', { name: 'Review', exact: true }).click();
  await page.getByRole('textbox', { name: 'Task name' }).fill('Manual review');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog', { name: 'Save' }).getByRole('button', { name: 'Save version' }).click();
  await page.getByText('Inactive', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('dialog', { name: 'Activate version 2?' }).getByRole('button', { name: 'Activate', exact: true }).click();
  await page.getByText('Active', { exact: true }).waitFor();
  const saved = await call<{ status: string; definition: typeof DRAFT }>('GET', `/v3.6/workflows/${wf.body.id}/versions/2`);
  expect([saved.status, saved.body.status, saved.body.definition.tasks.find((t) => t.id === 'review')?.name]).toEqual([200, 'active', 'Manual review']);

  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Parity', last_name: 'Console' });
  const run = await call<{ id: string }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  expect(run.status).toBe(201);
  const end = await ended(run.body.id);
  expect(end.dashboard_url).toBe(`${stack.url}/console/results/${run.body.id}`);
  await page.goto(end.dashboard_url);
  await page.getByRole('heading', { name: `Run ${run.body.id}` }).waitFor();
  await page.getByRole('tab', { name: 'Tasks' }).click();
  await page.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ hasText: 'Decide' }).getByText('Completed').waitFor();
  expect(errors).toEqual([]);
}, 240_000);

it('a generic link asks for the applicant, then creates the run and continues at its link', async () => {
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Open' });
  const definition = {
    name: 'Open', start: 'doc', settings: { generic_link: true, welcome: false }, input: { applicant: ['email'] },
    tasks: [{ id: 'doc', type: 'document_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
  };
  const v = await call<{ version: number }>('POST', `/v3.6/workflows/${wf.body.id}/versions`, { definition });
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/${v.body.version}/activate`)).status).toBe(200);
  const { page, errors } = await newPage(PHONE);
  await page.goto(`${stack.url}/capture/f/${wf.body.id}`);
  await page.getByRole('heading', { name: 'Before you start' }).waitFor({ timeout: 60_000 });
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('combobox', { name: 'Country' }).waitFor({ timeout: 60_000 }); // the run's document step
  const runId = /\/capture\/([^/?#]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
  const run = await call<{ workflow_id: string; applicant_id: string }>('GET', `/v3.6/workflow_runs/${runId}`);
  expect(run.body.workflow_id).toBe(wf.body.id);
  expect((await call('GET', `/v3.6/applicants/${run.body.applicant_id}`)).body).toMatchObject({ first_name: 'Ada', email: 'ada@example.com' });
  expect(errors).toEqual([]);
}, 180_000);

it('the capture page takes the selfie with the camera once on-device detection finds the face, and the run is approved', async () => {
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'KYC', template: 'document_selfie_photo' });
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe' });
  const run = await call<{ id: string; link: { url: string } }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  const { page, errors } = await newPage(PHONE);
  await page.goto(run.body.link.url);
  await page.getByRole('button', { name: 'Start' }).click({ timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
  await page.getByRole('radio', { name: 'Passport' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload a file' }).click();
  const passport = await sharp({ create: { width: 320, height: 220, channels: 3, background: { r: 90, g: 120, b: 200 } } }).png().toBuffer();
  await (await chooser).setFiles({ name: 'passport.png', mimeType: 'image/png', buffer: passport });
  await page.getByRole('button', { name: 'Use this photo' }).click();
  await page.getByRole('checkbox', { name: 'I agree' }).check({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Open the camera' }).click({ timeout: 30_000 }); // the template's selfie has show_intro
  await page.getByText('Your face is in position.').waitFor({ timeout: 120_000 }); // on-device detection releases the shutter
  await page.getByRole('button', { name: 'Take photo' }).click();
  await page.getByRole('button', { name: 'Use this photo' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 120_000 });
  expect((await ended(run.body.id)).status).toBe('approved');
  const photos = await call<{ live_photos: Array<{ file_type: string }> }>('GET', `/v3.6/live_photos?applicant_id=${applicant.body.id}`);
  expect(photos.body.live_photos).toHaveLength(1);
  expect(errors).toEqual([]);
}, 300_000);
