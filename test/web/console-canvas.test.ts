/**
 * The builder's canvas in Chromium against the local stack: the minimap draws every node; a task
 * dragged from the palette onto an edge is inserted there, and onto a node is added after it;
 * (+) on an edge and under a node open the add menu for that place; the palette's click adds
 * after the selected task; an edge's end dragged to another task reconnects it, and "Next task"
 * does the same without a pointer; zoom, pan and fit change the view. axe-core on the canvas.
 */
import { type Browser, type Page } from 'playwright-core';
import { findTemplate } from '../../compiler';
import type { TestStack } from '../helpers/stack';
import { webSuite } from './web-stack';
import { attributeChanged, canvasLaidOut, consolePage, countIs, seriousViolations, signIn } from './console-helpers';

type Definition = { name: string; start: string; tasks: Array<Record<string, unknown> & { id: string; next?: string | null }> };

let stack: TestStack;
let browser: Browser;
const template = findTemplate('document_selfie_photo')?.definition as Definition;

webSuite((s) => { ({ stack, browser } = s); });

async function openWith(definition: unknown): Promise<{ page: Page; errors: string[]; id: string }> {
  const wf = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Canvas' } });
  expect((await stack.apiJson(`/v3.6/workflows/${wf.body.id}/versions`, { method: 'POST', json: { definition, notes: 'v1' } })).status).toBe(201);
  const { page, errors } = await consolePage(browser, { viewport: { width: 1440, height: 1000 } });
  await signIn(page, stack.url, stack.apiToken, `/console/workflows/${wf.body.id}`);
  await page.getByRole('group', { name: 'Decide', exact: true }).waitFor();
  return { page, errors, id: wf.body.id };
}

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
/** Waits until the canvas has laid out and fitted its current graph (elkjs is asynchronous; until then
 * nodes sit at the origin and a pointer drop could land on whatever is there). */
async function laidOut(page: Page): Promise<void> {
  await canvasLaidOut(page);
}
/** A node that is drawn where the layout puts it. */
async function drawn(page: Page, name: string): Promise<void> {
  await node(page, name).waitFor();
  await laidOut(page);
}
/** Selects a node the keyboard way (focus, Enter): a click may land on the toolbar over the canvas. */
async function choose(page: Page, name: string): Promise<void> {
  await node(page, name).focus();
  await page.keyboard.press('Enter');
}

/** The draft as the code view shows it (then back to the panel). */
async function draftOf(page: Page): Promise<Definition> {
  await page.getByRole('button', { name: 'Code view' }).click();
  const text = await page.getByRole('textbox', { name: 'Definition (JSON)' }).inputValue();
  await page.getByRole('button', { name: 'Code view' }).click();
  return JSON.parse(text) as Definition;
}
const nextOf = (d: Definition, id: string) => d.tasks.find((t) => t.id === id)?.next;
/** Waits until the minimap (role img, "Minimap") draws `n` nodes. */
async function minimapDraws(page: Page, n: number): Promise<void> {
  await page.getByRole('img', { name: 'Minimap' }).waitFor();
  await countIs(page, '[role=img] .react-flow__minimap-node', n);
}
/** Waits until the canvas's view transform is no longer `style`, and returns the new one. */
async function viewMoved(page: Page, style: string | null): Promise<string | null> {
  await attributeChanged(page, '.react-flow__viewport', 'style', { differs: style });
  return page.locator('.react-flow__viewport').getAttribute('style');
}

test('palette drag onto an edge and a node, (+) on edges and under nodes, palette click, minimap, pan/zoom/fit', async () => {
  const { page, errors } = await openWith(template);
  await minimapDraws(page, template.tasks.length + 1);
  await laidOut(page);

  const palette = page.getByRole('region', { name: 'Palette' });
  await palette.getByRole('button', { name: 'Watchlist Report', exact: true })
    .dragTo(page.getByRole('button', { name: 'Add task between Capture selfie and Document Report', exact: true }));
  await drawn(page, 'Watchlist Report');
  await palette.getByRole('button', { name: 'Known Faces Report', exact: true }).dragTo(node(page, 'Facial Similarity Report'));
  await drawn(page, 'Known Faces Report');

  await page.getByRole('button', { name: 'Add task between Start and Capture document', exact: true }).click();
  await page.getByRole('menu', { name: 'Add task between Start and Capture document' }).getByRole('menuitem', { name: 'Profile Data Capture', exact: true }).click();
  await drawn(page, 'Profile Data Capture');
  await page.getByRole('button', { name: 'Add a task after Capture document', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Autofill', exact: true }).click();
  await drawn(page, 'Autofill');
  await choose(page, 'Document Report');
  await palette.getByRole('button', { name: 'Identity Report', exact: true }).click();
  await drawn(page, 'Identity Report');

  const d = await draftOf(page);
  expect(d.start).toBe('profile_data_capture');
  expect(nextOf(d, 'profile_data_capture')).toBe('document');
  expect(nextOf(d, 'document')).toBe('autofill');
  expect(nextOf(d, 'autofill')).toBe('selfie');
  expect(nextOf(d, 'selfie')).toBe('watchlist_report');
  expect(nextOf(d, 'watchlist_report')).toBe('document_report');
  expect(nextOf(d, 'document_report')).toBe('identity_report');
  expect(nextOf(d, 'identity_report')).toBe('facial_similarity');
  expect(nextOf(d, 'facial_similarity')).toBe('known_faces_report');
  expect(nextOf(d, 'known_faces_report')).toBe('decide');
  await minimapDraws(page, template.tasks.length + 6);

  const fitted = await page.locator('.react-flow__viewport').getAttribute('style');
  await page.getByRole('button', { name: 'Zoom In', exact: true }).click();
  const zoomed = await viewMoved(page, fitted);
  await page.getByRole('button', { name: 'Pan left', exact: true }).click();
  const panned = await viewMoved(page, zoomed);
  await page.getByRole('button', { name: 'Fit View', exact: true }).click();
  await viewMoved(page, panned);
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 240_000);

test('an edge reconnected by dragging its end, and by "Next task" without a pointer', async () => {
  const { page, errors } = await openWith(template);
  const end = page.locator('.react-flow__edge[data-id="selfie:next"] .react-flow__edgeupdater-target');
  const to = node(page, 'Facial Similarity Report').locator('.react-flow__handle-top');
  // The layout is asynchronous (elkjs): wait until both are drawn where they belong.
  await laidOut(page);
  await end.waitFor({ state: 'attached' });
  await to.waitFor({ state: 'attached' });
  const a = await end.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('edge end or handle not drawn');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
  expect(nextOf(await draftOf(page), 'selfie')).toBe('facial_similarity');

  await choose(page, 'Capture document');
  await page.getByLabel('Next task', { exact: true }).selectOption({ label: 'Document Report' });
  expect(nextOf(await draftOf(page), 'document')).toBe('document_report');
  expect(errors).toEqual([]);
}, 240_000);

test('logic conditions: nested AND/OR/NOT groups, reordered by dragging and by Move up / Move down', async () => {
  const { page, errors } = await openWith(template);
  await choose(page, 'Decide');
  const field = (name: string) => page.getByLabel(name, { exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  // Drag the second condition by its handle onto the first: it moves to the top.
  const conditions = page.getByRole('group', { name: 'Branch 1 conditions', exact: true }).locator(':scope > ol > li');
  await conditions.nth(1).locator('.drag-handle').first().dragTo(conditions.nth(0));
  await expect(field('Branch 1 condition 1 path').inputValue()).resolves.toBe('tasks.facial_similarity.output.result');
  await button('Add group to branch 1').click();
  await field('Branch 1 group 3 matches').selectOption({ label: 'None of these (NOT OR)' });
  await button('Add condition to branch 1 group 3').click();
  await button('Add condition to branch 1 group 3').click();
  await field('Branch 1 condition 3.1 path').selectOption({ label: 'Document Report › result' });
  await field('Branch 1 condition 3.1 value').selectOption('consider');
  await field('Branch 1 condition 3.2 path').selectOption({ label: 'Facial Similarity Report › result' });
  await field('Branch 1 condition 3.2 value').selectOption('consider');
  await button('Move branch 1 group 3 up').click();
  await field('Branch 1 group 2 matches').waitFor();
  await button('Move branch 1 condition 2.2 up').click();
  expect(await seriousViolations(page)).toEqual([]);
  const doc = { path: 'tasks.document_report.output.result', op: 'eq', value: 'clear' };
  const face = { path: 'tasks.facial_similarity.output.result', op: 'eq', value: 'clear' };
  const when = ((await draftOf(page)).tasks.find((t) => t.id === 'decide')?.branches as Array<{ when: unknown }>)[0]?.when;
  expect(when).toEqual({ all: [face, { not: { any: [{ ...face, value: 'consider' }, { ...doc, value: 'consider' }] } }, doc] });
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 240_000);

test('panel: Send/Receive properties, parallel branches and join, custom inputs, branding and the Sources tab', async () => {
  const { page, errors } = await openWith(template);
  const field = (name: string) => page.getByLabel(name, { exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  // Every edge is drawn once the layout settles (nodes rebuilt on each change once lost their handles,
  // and with them the Start edge or all edges, at random).
  await laidOut(page);
  expect(await page.locator('.react-flow__edge').count()).toBe(8);
  await page.getByRole('button', { name: 'Add task between Facial Similarity Report and Decide', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Send/Receive Data', exact: true }).click();
  await field('Task definition id').fill('crm_lookup');
  await field('New Send property name').fill('surname');
  await button('Add Send property').click();
  await field('Send property surname format').selectOption('string');
  await field('Send property surname semantic type').fill('last_name');
  await field('Send property surname source').selectOption({ label: 'Document Report › All data' });
  await field('New Receive property name').fill('risk');
  await button('Add Receive property').click();
  await field('Receive property risk format').selectOption('number');
  await field('Receive property risk required').check();

  await choose(page, 'Start');
  await field('New Custom input name').fill('loyalty_id');
  await button('Add Custom input').click();
  await field('Custom input loyalty_id format').selectOption('number');
  await field('Custom input loyalty_id semantic type').fill('ssn');
  await field('Custom input loyalty_id required').uncheck();
  await field('Show the welcome screen').uncheck();
  await field('Logo URL (https)').fill('https://example.test/logo.png');
  await field('Primary colour (#RRGGBB)').fill('#ffeb3b');
  // What the capture page will do with it, tied to the field (aria-describedby).
  expect(await page.getByRole('textbox', { name: 'Primary colour (#RRGGBB)' }).getAttribute('aria-describedby')).toBe('brand-colour-use');
  expect(await page.locator('#brand-colour-use').textContent()).toBe(
    'Buttons get black text on this colour (contrast 17.2:1). Spinners and progress bars use #9b8e24, a darker shade, to stand out on white.');
  await field('Primary colour (#RRGGBB)').fill('#112233');
  expect(await page.locator('#brand-colour-use').textContent()).toBe('Buttons get white text on this colour (contrast 16.1:1).');
  await page.getByRole('tab', { name: 'Sources', exact: true }).click();
  await field('face_result on Review applicant').selectOption({ label: 'Facial Similarity Report › result' });
  await field('document_result on Decline applicant').selectOption({ label: 'Document Report › result' });
  await page.getByRole('button', { name: 'Add task between Start and Capture document', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Parallel', exact: true }).click();
  await button('Add parallel branch').click();
  await button('Add parallel branch').click();
  await field('Parallel branch 1 starts at').selectOption({ label: 'Capture document' });
  await button('Add parallel branch').click();
  await button('Remove parallel branch 3').click();
  await field('Branches join at (then goes to)').selectOption({ label: 'Decide' });

  expect(await seriousViolations(page)).toEqual([]);

  const d = await draftOf(page) as Definition & Record<string, unknown>;
  const task = (id: string) => d.tasks.find((t) => t.id === id);
  expect(task('send_receive')).toMatchObject({ task_def_id: 'crm_lookup', next: 'decide',
    send: { surname: { format: 'string', semantic: 'last_name', source: 'tasks.document_report.output' } }, receive: { risk: { format: 'number', required: true } } });
  expect(task('parallel')).toMatchObject({ branches: [{ start: 'document' }, { start: '' }], next: 'decide' });
  expect(d.input).toEqual({ applicant: ['first_name', 'last_name'], custom: { loyalty_id: { type: 'number', semantic: 'ssn', required: false } } });
  expect(d.settings).toEqual({ welcome: false, branding: { logo_url: 'https://example.test/logo.png', primary_colour: '#112233' } });
  expect(task('review')).toMatchObject({ output: { document_result: 'tasks.document_report.output.result', face_result: 'tasks.facial_similarity.output.result' } });
  expect(task('decline_face')).toMatchObject({ output: { face_result: 'tasks.facial_similarity.output.result', document_result: 'tasks.document_report.output.result' } });
  expect(errors).toEqual([]);
}, 240_000);

test('route names and their (+) overlap neither one another nor a task, and no task is under the minimap or the controls, also for a logic task with four branches', async () => {
  const decide = template.tasks.find((t) => t.id === 'decide') as unknown as Record<string, unknown> & { branches: Array<Record<string, unknown>> };
  const four = { ...template, tasks: template.tasks.map((t) => t.id !== 'decide' ? t
    : { ...decide, branches: [...decide.branches, { ...decide.branches[0], name: 'Document only clear', next: 'review' }] }) };
  for (const definition of [template, four]) {
    const { page, errors } = await openWith(definition);
    await laidOut(page);
    const boxesOf = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => {
      const r = (e as unknown as { getBoundingClientRect(): { left: number; right: number; top: number; bottom: number } }).getBoundingClientRect();
      return { text: (e as unknown as { textContent: string }).textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
    type Box = Awaited<ReturnType<typeof boxesOf>>[number];
    const meet = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const [labels, nodes, overlays] = [await boxesOf('.edge-label'), await boxesOf('.react-flow__node'), await boxesOf('.react-flow__minimap, .react-flow__controls')];
    expect(labels.filter((b) => b.text !== '+').length).toBeGreaterThanOrEqual(definition === four ? 4 : 3);
    expect(overlays.length).toBe(2);
    const overlaps = labels.flatMap((a, i) => [...labels.slice(i + 1), ...nodes].filter((b) => meet(a, b)).map((b) => `${a.text} × ${b.text}`));
    expect(overlaps).toEqual([]);
    // Every task is drawn clear of the minimap and the zoom/pan controls.
    expect(nodes.filter((n) => overlays.some((o) => meet(n, o))).map((n) => n.text)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }
}, 120_000);
