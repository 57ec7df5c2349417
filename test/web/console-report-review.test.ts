/**
 * A document report waiting for an analyst (`processing: hybrid`, automatic result `consider`) in
 * Chromium against the local stack: an analyst opens "Review queue" from Results, finds the row
 * "Document report awaiting review" and, before deciding, sees why it waits (the breakdown down to
 * its leaves), what the report read (its properties) and the document itself (an image fetched
 * with the session); a decision without a note is refused in words; "Clear" with a note takes the
 * report out of the queue and the run goes on along its logic to `approved` (the API and the run's
 * page, which shows who decided, the note and the automatic result). A second decision is a 409:
 * through the API, and in the console when someone else decided first (an alert, the queue
 * reloaded). axe-core: no serious or critical violation.
 */
import type { Browser } from 'playwright-core';
import { hashPassword, writeUsers } from '../../lambdas/shared/console-users';
import type { E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { eventually } from '../webhooks/helpers';
import { consolePage, logIn, seriousViolations } from './console-helpers';
import { webSuite } from './web-stack';

const ANALYST = { email: 'rita@example.com', password: 'analyst password 1' };
const DEFINITION = {
  name: 'Document by hand', start: 'doc',
  tasks: [
    { id: 'doc', type: 'document_capture', next: 'report' },
    { id: 'report', type: 'document_report', processing: 'hybrid', next: 'decide' },
    { id: 'decide', type: 'logic', branches: [{ when: { path: 'tasks.report.output.result', op: 'eq', value: 'clear' }, next: 'approve' }], else: 'review' },
    { id: 'approve', type: 'result', outcome: 'approve' },
    { id: 'review', type: 'result', outcome: 'review' },
  ],
};
const ENDED = ['approved', 'review', 'declined', 'abandoned', 'error'];
interface Row { id: string; report_review: { task_id: string } | null }
interface DecidedTask { status: string; output: { result: string; review?: Record<string, unknown> } }
type ErrorBody = { error: { type: string; message: string } };

let stack: TestStack;
let t: E2e;
let browser: Browser;
/** Runs (by applicant first name) whose document report waits for an analyst, and that report's task id. */
const waiting: Record<string, { run: string; task: string }> = {};

const queue = async () => (await stack.apiJson<{ results: Row[] }>('/v3.6/studio/review_queue?limit=100')).body.results;
const decide = (w: { run: string; task: string }, json: unknown) =>
  stack.apiJson<DecidedTask & ErrorBody>(`/v3.6/studio/review_queue/${w.run}/reports/${w.task}/decision`, { method: 'POST', json });

/** A run whose document is captured; its last name "Consider" makes the sandbox report `consider`, so the hybrid report waits. */
async function waitingReport(wf: string, firstName: string): Promise<{ run: string; task: string }> {
  const applicant = await t.applicant({ first_name: firstName, last_name: 'Consider' });
  const sdk = await t.sdkToken(applicant);
  const run = (await t.startRun(wf, applicant)).id;
  await t.until(run, ['awaiting_input']);
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front' });
  expect((await t.complete(run, (await t.waitingTask(run, 'doc')).id, [{ id: doc }], sdk)).status).toBe(200);
  let row: Row | undefined;
  await eventually(async () => { await stack.engine.idle(); row = (await queue()).find((r) => r.id === run && r.report_review); return row !== undefined; }, 60_000);
  return { run, task: row!.report_review!.task_id };
}

webSuite(async (s) => {
  ({ stack, t, browser } = s);
  writeUsers(stack.env.CONSOLE_USERS_FILE, [{
    email: ANALYST.email, role: 'analyst', environments: ['sandbox'], password: await hashPassword(ANALYST.password), created_at: '2026-01-01T00:00:00.000Z',
  }]);
  const wf = await t.workflow(DEFINITION);
  for (const name of ['Otto', 'Vera']) waiting[name] = await waitingReport(wf, name);
});

async function reviewQueuePage() {
  const { page, errors } = await consolePage(browser);
  await logIn(page, stack.url, ANALYST.email, ANALYST.password);
  await page.getByRole('link', { name: 'Results' }).click();
  await page.getByRole('link', { name: 'Review queue' }).click();
  await page.waitForURL(`${stack.url}/console/review`);
  return { page, errors, queue: page.getByRole('table', { name: 'Review queue' }) };
}

test('a report decided meanwhile is refused in words (409) and leaves the queue', async () => {
  const { page, errors, queue } = await reviewQueuePage();
  const row = queue.getByRole('row').filter({ hasText: 'Otto Consider' });
  await row.waitFor();
  // Someone else decides it while the page shows it.
  expect((await decide(waiting.Otto!, { decision: 'clear', note: 'Decided elsewhere' })).status).toBe(200);

  const decision = page.getByRole('group', { name: 'Document report awaiting review of Otto Consider', exact: true });
  await decision.getByRole('textbox', { name: 'Note', exact: true }).fill('Expired passport');
  await decision.getByRole('button', { name: 'Consider', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: `Report ${waiting.Otto!.task} was already decided (clear by API token` }).waitFor();
  await row.waitFor({ state: 'detached' });
  await queue.getByRole('row').filter({ hasText: 'Vera Consider' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect((await t.until(waiting.Otto!.run, ENDED)).status).toBe('approved');
  expect(errors).toEqual([]);
}, 120_000);

test('an analyst sees the waiting report\'s breakdown, properties and document, decides it clear with a note, and the run is approved', async () => {
  const { page, errors, queue } = await reviewQueuePage();
  const row = queue.getByRole('row').filter({ hasText: 'Vera Consider' });
  await row.getByText('Document report awaiting review (hybrid): automatic result consider').waitFor();
  // Why it waits: the leaf that says consider, under its area.
  const breakdown = row.getByRole('list', { name: 'Breakdown of Document Report', exact: true });
  const expiry = breakdown.getByRole('listitem').filter({ hasText: /^data_validation/ }).getByRole('listitem').filter({ hasText: /^document_expiration/ });
  await expect(expiry.textContent()).resolves.toBe('document_expirationconsider');
  // What the report read, and the document it read.
  const properties = row.getByRole('group', { name: 'Properties of Document Report', exact: true });
  await properties.getByText('date_of_expiry').waitFor();
  await properties.getByText('2020-01-01', { exact: true }).waitFor();
  const image = row.getByRole('img', { name: 'Document passport front', exact: true });
  await image.waitFor();
  await expect(image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(64);
  await row.getByRole('button', { name: 'Download passport front', exact: true }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  const decision = page.getByRole('group', { name: 'Document report awaiting review of Vera Consider', exact: true });
  await decision.getByRole('button', { name: 'Clear', exact: true }).click();
  await decision.getByRole('alert').filter({ hasText: 'Write a note before you decide.' }).waitFor();
  await expect(decision.getByRole('textbox', { name: 'Note', exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
  expect(await seriousViolations(page)).toEqual([]);
  await decision.getByRole('textbox', { name: 'Note', exact: true }).fill('Renewal letter on file; details legible');
  await decision.getByRole('button', { name: 'Clear', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Report of Vera Consider decided clear.' }).waitFor();
  await page.getByText('No runs wait for a review.').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // The run goes on along its logic; the report carries the analyst's decision.
  const run = await t.until(waiting.Vera!.run, ENDED);
  expect(run.status).toBe('approved');
  const report = await stack.apiJson<DecidedTask>(`/v3.6/workflow_runs/${waiting.Vera!.run}/tasks/${waiting.Vera!.task}`);
  expect(report.body).toMatchObject({ status: 'completed', output: { result: 'clear', review: {
    decision: 'clear', note: 'Renewal letter on file; details legible', by: ANALYST.email, automatic_result: 'consider',
  } } });
  // A second decision is refused.
  const again = await decide(waiting.Vera!, { decision: 'consider', note: 'Second thoughts' });
  expect([again.status, again.body.error.type]).toEqual([409, 'conflict']);

  await page.goto(String(run.dashboard_url));
  await page.getByRole('heading', { name: `Run ${run.id}` }).waitFor();
  await page.getByRole('tabpanel').getByText('Approved', { exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Reports', exact: true }).click();
  const reportPanel = page.getByRole('region', { name: 'Document Report', exact: true });
  await reportPanel.getByText(`Decided clear by ${ANALYST.email} on `).waitFor();
  await reportPanel.getByText('automatic result consider', { exact: false }).waitFor();
  await reportPanel.getByText('Renewal letter on file; details legible', { exact: true }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 150_000);
