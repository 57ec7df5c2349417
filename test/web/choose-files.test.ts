/**
 * chooseFiles (capture-helpers.ts): the file chooser a button opens gets the files, also when only
 * a second click opens it; a button that opens none fails with what the page looked like, not only
 * a timeout.
 */
import type { Browser, Page } from 'playwright-core';
import { chooseFiles, launch } from './capture-helpers';

let browser: Browser;
let page: Page;
beforeAll(async () => { browser = await launch(); page = await browser.newPage(); }, 60_000);
afterAll(() => browser?.close());

const PAGE = `<h1>Upload</h1>
<button id="opens" onclick="document.getElementById('file').click()">Upload a file</button>
<button id="not">Does nothing</button>
<button id="second" onclick="if (this.dataset.clicked) document.getElementById('file').click(); this.dataset.clicked = 'yes'">Opens on the second click</button>
<input id="file" type="file" accept="image/*" hidden onchange="document.getElementById('out').textContent = this.files[0].name">
<p role="status" id="out"></p>`;

it('hands the chooser the button opens its file', async () => {
  await page.setContent(PAGE);
  await chooseFiles(page, page.getByRole('button', { name: 'Upload a file' }), { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from([1]) });
  await page.getByRole('status').filter({ hasText: 'a.png' }).waitFor();
});

it('clicks once more when the first click opened no chooser', async () => {
  await page.setContent(PAGE);
  await chooseFiles(page, page.getByRole('button', { name: 'Opens on the second click' }), { name: 'b.png', mimeType: 'image/png', buffer: Buffer.from([1]) }, 900);
  await page.getByRole('status').filter({ hasText: 'b.png' }).waitFor();
});

it('says what the page looked like when no chooser opens', async () => {
  await page.setContent(PAGE);
  const failed = chooseFiles(page, page.getByRole('button', { name: 'Does nothing' }), { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from([1]) }, 300);
  await expect(failed).rejects.toThrow(/no file chooser opened on two clicks \(100 \+ 200 ms\): .*Timeout 200ms exceeded.*the page at the first: \{"buttons":\[\{"disabled":false,"connected":true\}\],"atClickPoint":"<button>Does nothing".*"fileInputs":\[\{"connected":true,"disabled":false,"accept":"image\/\*"\}\].*"headings":\["Upload"\]/s);
});
