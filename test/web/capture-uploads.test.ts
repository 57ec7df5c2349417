/**
 * The capture page sends files straight to S3 (web/capture/src/upload.ts) in Chromium against
 * the local stack: a small file in one POST, a large one in presigned parts; one part's request
 * is dropped (the network fails), the page backs off, asks which parts S3 holds, sends only the
 * missing one, shows its progress bar throughout, and the run completes. Needs /usr/bin/chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Browser, type Page, type Request } from 'playwright-core';
import { MB, PART_BYTES } from '../../lambdas/api/limits';
import { type E2e, type Json, type Run } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { seriousViolations } from './axe';
import { chooseFiles } from './capture-helpers';

const PROOF: Json = {
  name: 'Proof', start: 'poa', settings: { welcome: false },
  tasks: [{ id: 'poa', type: 'proof_of_address_capture', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
};

let stack: TestStack;
let t: E2e;
let browser: Browser;
let files: string;
webSuite(async (s) => {
  ({ stack, t, browser } = s);
  files = mkdtempSync(path.join(tmpdir(), 'capture-upload-'));
});
afterAll(() => { rmSync(files, { recursive: true, force: true }); });

/** A PDF of `size` bytes. */
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(size - 15, 0x20)]);

async function ended(runId: string): Promise<Run> {
  for (let i = 0; i < 300; i++) {
    const run = await t.run(runId);
    if (!['processing', 'awaiting_input'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not end`);
}

/** A proof-of-address run opened at its link; every request the page sends to S3 is recorded. */
async function open(): Promise<{ run: Run; page: Page; s3: Request[] }> {
  const run = await t.startRun(await t.workflow(PROOF), await t.applicant());
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  const s3: Request[] = [];
  // Every other origin is S3 (locally s3rver; in parity the API role's endpoint, which forwards to it).
  const own = new URL(stack.url).origin;
  page.on('request', (r) => { if (new URL(r.url()).origin !== own && r.method() !== 'OPTIONS') s3.push(r); });
  await page.goto((run.link as { url: string }).url);
  await page.getByRole('heading', { name: 'Proof of address' }).waitFor({ timeout: 30_000 });
  return { run, page, s3 };
}

/** Chooses the file (from a temporary file: large buffers are slow to hand to the browser) and sends it; axe-core's
 *  serious and critical violations on the upload screen. */
async function send(page: Page, name: string, buffer: Buffer): Promise<string[]> {
  const file = path.join(files, name);
  writeFileSync(file, buffer);
  // The proof of address step: country, type, guidance, then "Upload a file".
  await page.getByRole('combobox', { name: 'Country of your address' }).fill('United Kingdom');
  const types = page.getByRole('radio');
  if (await types.count() > 0) await page.getByRole('radio', { name: 'Utility bill' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Upload a file' }).waitFor();
  const axe = await seriousViolations(page);
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), file);
  return axe;
}

it('sends a small file in one POST to S3, then confirms it', async () => {
  const { run, page, s3 } = await open();
  expect(await send(page, 'bill.pdf', pdf(200_000))).toEqual([]); // axe-core on the upload screen
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect((await ended(run.id)).status).toBe('approved');
  expect(s3.map((r) => r.method())).toEqual(['POST']);
  const [media] = (await stack.apiJson<{ documents: Array<{ file_size: number; type: string }> }>(`/v3.6/documents?applicant_id=${run.applicant_id as string}`)).body.documents;
  expect(media).toMatchObject({ file_size: 200_000, type: 'utility_bill' });
  await page.context().close();
}, 120_000);

it('sends a large file in parts; a dropped part is sent again after a back-off, stored parts are not, and the progress bar shows it', async () => {
  const { run, page, s3 } = await open();
  let dropped = 0;
  let checked!: () => void;
  const axeDone = new Promise<void>((resolve) => { checked = resolve; });
  await page.route((url) => url.searchParams.get('partNumber') === '2', async (route) => {
    if (dropped++ === 0) return route.abort('connectionreset');
    await axeDone; // the progress screen holds still until axe-core has looked at it
    return route.continue();
  });
  const size = PART_BYTES + 3 * MB;
  const axe = { upload: await send(page, 'statement.pdf', pdf(size)) };
  const bar = page.getByRole('progressbar', { name: 'Sending…' });
  await bar.waitFor({ timeout: 30_000 });
  // While the page waits to retry the dropped part, the bar shows the stored first part (5 of 8 MiB).
  // A function, not a string: the page's CSP (served in parity as CloudFront would) refuses eval.
  type Doc = { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } };
  await page.waitForFunction(() => Number((globalThis as unknown as Doc).document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')) >= 60, undefined, { timeout: 30_000 });
  Object.assign(axe, { progress: await seriousViolations(page) });
  checked();
  expect(axe).toEqual({ upload: [], progress: [] }); // axe-core: no serious or critical violation
  await page.getByRole('heading', { name: 'Thank you' }).waitFor({ timeout: 60_000 });
  expect((await ended(run.id)).status).toBe('approved');
  const parts = s3.filter((r) => r.method() === 'PUT').map((r) => new URL(r.url()).searchParams.get('partNumber'));
  expect(parts).toEqual(['1', '2', '2']);
  expect(dropped).toBe(2);
  const [media] = (await stack.apiJson<{ documents: Array<{ id: string; file_size: number }> }>(`/v3.6/documents?applicant_id=${run.applicant_id as string}`)).body.documents;
  expect(media!.file_size).toBe(size);
  const download = await stack.api(`/v3.6/documents/${media!.id}/download`);
  expect(Buffer.from(await download.arrayBuffer()).equals(pdf(size))).toBe(true);
  await page.context().close();
}, 120_000);
