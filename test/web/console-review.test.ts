/**
 * The review queue in Chromium against the local stack: an analyst signs in, opens "Review queue"
 * from Results, sees the run that ended `review` (not the approved one), assigns it to
 * themselves ("Assign to me"), is asked for a note, declines it with one ("Note", "Decline"); the
 * run leaves the queue, its page shows the decision, the API shows `status: review` with the
 * `review` extension, and a webhook receiver on 127.0.0.1 that lists
 * `workflow_run.review_completed` gets it. A queue longer than a page (100) has "Next page" and
 * "Previous page". axe-core: no serious or critical violation.
 */
import { type Browser } from 'playwright-core';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { hashPassword, writeUsers } from '../../lambdas/shared/console-users';
import { reviewQueue } from '../../lambdas/store/reviews';
import { createdKey, keys } from '../../lambdas/store/table';
import { SCREEN } from '../api/results-workflows';
import { e2e, type E2e } from '../e2e/helpers';
import type { TestStack } from '../helpers/stack';
import { launch, startWebStack } from './web-stack';
import { eventually, startReceiver, type Receiver } from '../webhooks/helpers';
import { consolePage, logIn, seriousViolations } from './console-helpers';

const ANALYST = { email: 'rita@example.com', password: 'analyst password 1' };
const REVIEW_EVENT = 'workflow_run.review_completed';

let stack: TestStack;
let t: E2e;
let browser: Browser;
let receiver: Receiver;
let review: string;
let workflowId: string;

beforeAll(async () => {
  [stack, receiver] = await Promise.all([startWebStack(), startReceiver([200])]);
  t = e2e(stack);
  browser = await launch();
  writeUsers(stack.env.CONSOLE_USERS_FILE, [{
    email: ANALYST.email, role: 'analyst', environments: ['sandbox'], password: await hashPassword(ANALYST.password), created_at: '2026-01-01T00:00:00.000Z',
  }]);
  expect((await t.call('POST', '/v3.6/webhooks', { url: receiver.url, events: [REVIEW_EVENT] })).status).toBe(201);
  const wf = workflowId = await t.workflow(SCREEN);
  review = (await t.startRun(wf, await t.applicant({ first_name: 'Vera', last_name: 'Consider', email: 'vera@example.com' }))).id;
  const approved = (await t.startRun(wf, await t.applicant({ first_name: 'Otto', last_name: 'Clear' }))).id;
  await t.until(review, ['review']);
  await t.until(approved, ['approved']);
  await eventually(async () => (await reviewQueue('sandbox', 100)).runs.some((r) => r.id === review));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await stack?.stop();
});

async function signedIn(path: string) {
  const { page } = await consolePage(browser);
  await logIn(page, stack.url, ANALYST.email, ANALYST.password);
  await page.getByRole('link', { name: 'Results' }).waitFor();
  await page.goto(`${stack.url}${path}`);
  return page;
}

test('an analyst assigns a review run to themselves and declines it with a note from the queue; the webhook arrives', async () => {
  const { page, errors } = await consolePage(browser);
  await logIn(page, stack.url, ANALYST.email, ANALYST.password);
  await page.getByRole('link', { name: 'Results' }).click();
  await page.getByRole('link', { name: 'Review queue' }).click();
  await page.waitForURL(`${stack.url}/console/review`);

  const queue = page.getByRole('table', { name: 'Review queue' });
  const row = queue.getByRole('row').filter({ hasText: 'Vera Consider' });
  await row.waitFor();
  expect(await queue.getByRole('row').filter({ hasText: 'Otto Clear' }).count()).toBe(0);
  await row.getByRole('cell', { name: 'Nobody' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  const decision = page.getByRole('group', { name: 'Review of Vera Consider' });
  await decision.getByRole('button', { name: 'Assign to me' }).click();
  await row.getByRole('cell', { name: ANALYST.email, exact: true }).waitFor();
  await decision.getByRole('button', { name: 'Assign to me' }).waitFor({ state: 'detached' });

  await decision.getByRole('button', { name: 'Decline' }).click();
  await decision.getByRole('alert').filter({ hasText: 'Write a note before you decide.' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await decision.getByRole('textbox', { name: 'Note' }).fill('Confirmed match on the sanctions list');
  await decision.getByRole('button', { name: 'Decline' }).click();
  await page.getByRole('status').filter({ hasText: 'Declined Vera Consider.' }).waitFor();
  await page.getByText('No runs wait for a review.').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  const run = await t.run(review);
  expect(run).toMatchObject({ status: 'review', review: { decision: 'decline', note: 'Confirmed match on the sanctions list', by: ANALYST.email, assigned_to: ANALYST.email } });
  await eventually(() => receiver.received.length > 0);
  const body = JSON.parse(receiver.received[0]!.body) as { payload: { action: string; object: { id: string; decision: string } } };
  expect(body.payload).toMatchObject({ action: REVIEW_EVENT, object: { id: review, decision: 'decline' } });

  await page.goto(String(run.dashboard_url));
  const decided = page.getByRole('region', { name: 'Review', exact: true });
  await decided.getByText(`Declined by ${ANALYST.email}`).waitFor();
  await decided.getByText('Confirmed match on the sanctions list').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 150_000);

test('a queue longer than a page is paged with "Next page" and "Previous page"', async () => {
  // 101 runs waiting for a decision, older than any other, written directly in the table as the API would have left them.
  const ids = await Promise.all(Array.from({ length: 101 }, async (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    const id = `00000000-0000-4000-8000-000000000${n}`;
    const applicantId = `00000000-0000-4000-9000-000000000${n}`;
    const at = new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString();
    await clients().doc.send(new PutCommand({ TableName: stack.env.TABLE_NAME, Item: {
      ...keys.applicant(applicantId), id: applicantId, environment: 'sandbox', first_name: 'Paged', last_name: `P${n}`, created_at: at, updated_at: at,
    } }));
    await clients().doc.send(new PutCommand({ TableName: stack.env.TABLE_NAME, Item: {
      ...keys.run(id), id, environment: 'sandbox', applicant_id: applicantId, workflow_id: workflowId, workflow_version_id: 1, status: 'review',
      tags: [], link: {}, custom_data: {}, task_seq: 0, created_at: at, updated_at: at, completed_at: at,
      gsi1sk: createdKey(at, id), review_queue: keys.reviewQueue('sandbox'),
    } }));
    return id;
  }));
  expect(ids).toHaveLength(101);
  const page = await signedIn('/console/review');
  const queue = page.getByRole('table', { name: 'Review queue' });
  const pages = page.getByRole('navigation', { name: 'Pages of the review queue' });
  const rowOf = (name: string) => queue.getByRole('row').filter({ hasText: name });
  await rowOf('Paged P001').waitFor();
  expect(await rowOf('Paged P100').count()).toBe(1);
  expect(await rowOf('Paged P101').count()).toBe(0);
  expect(await pages.getByRole('button', { name: 'Previous page' }).count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);

  await pages.getByRole('button', { name: 'Next page' }).click();
  await rowOf('Paged P101').waitFor();
  expect(await rowOf('Paged P001').count()).toBe(0);
  expect(await pages.getByRole('button', { name: 'Next page' }).count()).toBe(0);

  await pages.getByRole('button', { name: 'Previous page' }).click();
  await rowOf('Paged P001').waitFor();
  expect(await rowOf('Paged P101').count()).toBe(0);
  expect(await pages.getByRole('button', { name: 'Previous page' }).count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
}, 150_000);
