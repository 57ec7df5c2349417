/**
 * The review queue (beyond Onfido): runs that ended `review` are listed per environment until
 * decided, assigned to an analyst, decided approve/decline with a note, exactly once (two
 * concurrent decisions: one 200, one 409); the run keeps `status: review` and shows `review`;
 * runs not in review, decided or of the other environment are refused with Onfido's error body;
 * the decision is on the run's timeline, on the bus (a customer's rule receives it) and sent to
 * the webhooks that list `workflow_run.review_completed`, and only to them.
 */
import type { BusEvent } from '../../local/events';
import { createApiToken } from '../../lambdas/api/auth';
import { runTimeline } from '../../lambdas/evidence/timeline';
import type { ConsoleUser } from '../../lambdas/shared/console-users';
import { reviewQueue } from '../../lambdas/store/reviews';
import { getRun } from '../../lambdas/store/runs';
import { e2e, type E2e } from '../e2e/helpers';
import { signedInUsers } from '../helpers/console-users';
import { startTestStack, type TestStack } from '../helpers/stack';
import { eventually, startReceiver, type Receiver } from '../webhooks/helpers';
import { SCREEN } from './results-workflows';

type ErrorBody = { error: { type: string; message: string; fields: Record<string, unknown> } };
interface Review { decision?: string; note?: string; by?: string; at?: string; assigned_to?: string }
interface Row { id: string; status: string; assigned_to: string | null; applicant: { last_name: string | null } }
const ANALYST: ConsoleUser = { email: 'ann@example.com', role: 'analyst', environments: ['sandbox'] };
const REVIEW_EVENT = 'workflow_run.review_completed';

let stack: TestStack;
let t: E2e;
let liveToken: string;
let analystJwt: string;
let workflowId: string;
const busEvents: BusEvent[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  liveToken = await createApiToken('live');
  analystJwt = (await signedInUsers(stack, [ANALYST]))[ANALYST.email]!;
  // A customer's own rule on the product bus, as lib/events.ts's example rule would be.
  stack.bus.registerTarget('review-rule-target', async (e) => { busEvents.push(e); });
  stack.bus.putRule({ Name: 'review-rule', EventBusName: stack.env.EVENT_BUS_NAME, EventPattern: { source: ['studio.workflows'], 'detail-type': [REVIEW_EVENT] } });
  stack.bus.putTargets('review-rule', [{ Id: 'r', Arn: 'review-rule-target' }], stack.env.EVENT_BUS_NAME);
  workflowId = await t.workflow(SCREEN);
}, 120_000);
afterAll(() => stack.stop());

/** A run of SCREEN that ended: `review` for last name "Consider" (once its end put it in the queue), `approved` otherwise. */
async function endedRun(lastName: string): Promise<string> {
  const run = await t.startRun(workflowId, await t.applicant({ first_name: 'Rex', last_name: lastName }));
  await t.until(run.id, [lastName === 'Consider' ? 'review' : 'approved']);
  if (lastName === 'Consider') await eventually(async () => (await reviewQueue('sandbox', 100)).runs.some((r) => r.id === run.id));
  return run.id;
}
const asAnalyst = <T>(path: string, json?: unknown) =>
  stack.apiJson<T>(path, { token: null, headers: { authorization: `Bearer ${analystJwt}` }, ...(json !== undefined ? { method: 'POST', json } : {}) });
const queue = (token?: string, query = '') => stack.apiJson<{ results: Row[]; next: string | null }>(`/v3.6/studio/review_queue${query}`, token ? { token } : {});
const decide = (id: string, json: unknown, token?: string) =>
  stack.apiJson<{ status: string; review?: Review } & ErrorBody>(`/v3.6/studio/review_queue/${id}/decision`, { method: 'POST', json, ...(token ? { token } : {}) });

it('an analyst takes a review run from the queue and decides it; the run stays review and shows the decision, on its timeline and on the bus', async () => {
  const [review, approved] = await Promise.all([endedRun('Consider'), endedRun('Clear')]);
  const listed = await asAnalyst<{ results: Row[] }>('/v3.6/studio/review_queue');
  expect(listed.status).toBe(200);
  expect(listed.body.results.map((r) => r.id)).toContain(review);
  expect(listed.body.results.map((r) => r.id)).not.toContain(approved);
  expect(listed.body.results.find((r) => r.id === review)).toMatchObject({ status: 'review', assigned_to: null, applicant: { last_name: 'Consider' } });

  const assigned = await asAnalyst<{ review: Review }>(`/v3.6/studio/review_queue/${review}/assign`, {});
  expect([assigned.status, assigned.body.review]).toEqual([200, { assigned_to: ANALYST.email }]);
  expect((await queue()).body.results.find((r) => r.id === review)?.assigned_to).toBe(ANALYST.email);

  const decided = await asAnalyst<{ status: string; review: Review }>(`/v3.6/studio/review_queue/${review}/decision`, { decision: 'decline', note: 'Sanctions list match confirmed' });
  expect(decided.status).toBe(200);
  const expected = { decision: 'decline', note: 'Sanctions list match confirmed', by: ANALYST.email, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), assigned_to: ANALYST.email };
  expect(decided.body).toMatchObject({ status: 'review', review: expected });
  expect((await t.run(review))).toMatchObject({ status: 'review', review: expected });
  expect((await queue()).body.results.map((r) => r.id)).not.toContain(review);

  const timeline = await runTimeline((await getRun(review))!, []);
  expect(timeline.map((e) => e.description)).toContain(`Review decided: decline by ${ANALYST.email}: Sanctions list match confirmed`);
  expect(timeline.findIndex((e) => e.kind === 'review_decided')).toBeGreaterThan(timeline.findIndex((e) => e.kind === 'run_ended'));

  await stack.bus.idle();
  const applicantId = (await t.run(review)).applicant_id;
  expect(busEvents.filter((e) => (e.detail as { workflow_run_id?: string }).workflow_run_id === review)).toEqual([expect.objectContaining({
    source: 'studio.workflows', 'detail-type': REVIEW_EVENT,
    detail: {
      workflow_run_id: review, applicant_id: applicantId, decision: 'decline', note: 'Sanctions list match confirmed', by: ANALYST.email, at: decided.body.review.at,
      dedupe_id: `${REVIEW_EVENT}:${review}`,
    },
  })]);
}, 120_000);

it('of two concurrent decisions exactly one is written; the other, and any later one, is a 409', async () => {
  const id = await endedRun('Consider');
  const answers = await Promise.all([decide(id, { decision: 'approve', note: 'first' }), decide(id, { decision: 'decline', note: 'second' })]);
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  const winner = answers.find((a) => a.status === 200)!.body.review!;
  const loser = answers.find((a) => a.status === 409)!.body;
  expect(loser.error).toMatchObject({ type: 'conflict', message: expect.stringContaining('already decided') });
  expect((await t.run(id)).review).toEqual(winner);
  expect(winner.by).toBe('API token');
  const again = await decide(id, { decision: 'approve', note: 'third' });
  expect([again.status, again.body.error.type]).toEqual([409, 'conflict']);
  expect((await stack.apiJson(`/v3.6/studio/review_queue/${id}/assign`, { method: 'POST', json: {} })).status).toBe(409);
}, 120_000);

it('refuses runs not in review, of the other environment or unknown, and bad decisions, with Onfido\'s error body', async () => {
  const [review, approved] = await Promise.all([endedRun('Consider'), endedRun('Clear')]);
  const notReview = await decide(approved, { decision: 'approve', note: 'n' });
  expect(notReview).toMatchObject({ status: 422, body: { error: { type: 'validation_error', message: expect.stringContaining('approved'), fields: { status: [expect.any(String)] } } } });
  const assignApproved = await stack.apiJson<ErrorBody>(`/v3.6/studio/review_queue/${approved}/assign`, { method: 'POST', json: {} });
  expect([assignApproved.status, assignApproved.body.error.type]).toEqual([422, 'validation_error']);

  const otherEnv = await decide(review, { decision: 'approve', note: 'n' }, liveToken);
  expect([otherEnv.status, otherEnv.body.error.type]).toEqual([404, 'resource_not_found']);
  expect((await queue(liveToken)).body.results).toEqual([]);
  expect((await decide('no-such-run', { decision: 'approve', note: 'n' })).status).toBe(404);

  for (const bad of [{ decision: 'maybe', note: 'n' }, { decision: 'approve', note: '  ' }, { decision: 'approve' }, { decision: 'approve', note: 'n', extra: 1 }]) {
    const res = await decide(review, bad);
    expect([JSON.stringify(bad), res.status, res.body.error.type]).toEqual([JSON.stringify(bad), 422, 'validation_error']);
  }
  expect((await stack.apiJson<ErrorBody>(`/v3.6/studio/review_queue/${review}/decision`, { method: 'POST', body: '{"decision":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  expect((await queue(undefined, '?limit=0')).status).toBe(422);
  expect((await t.run(review)).review).toBeUndefined();
  // An analyst may decide, but still changes nothing else.
  expect((await asAnalyst<ErrorBody>('/v3.6/webhooks', { url: 'http://127.0.0.1:9/x' })).status).toBe(403);
}, 120_000);

it('pages the queue oldest first', async () => {
  const ids = [await endedRun('Consider'), await endedRun('Consider')];
  const all = (await queue()).body.results.map((r) => r.id);
  expect(all.indexOf(ids[0]!)).toBeLessThan(all.indexOf(ids[1]!));
  const seen: string[] = [];
  let next: string | null = null;
  do {
    const page = await queue(undefined, `?limit=1${next ? `&after=${encodeURIComponent(next)}` : ''}`);
    expect(page.body.results.length).toBeLessThanOrEqual(1);
    seen.push(...page.body.results.map((r) => r.id));
    next = page.body.next;
  } while (next);
  expect(seen).toEqual(all);
}, 120_000);

describe('webhooks', () => {
  const receivers: Receiver[] = [];
  afterAll(() => Promise.all(receivers.map((r) => r.close())));

  it('sends workflow_run.review_completed only to webhooks whose events name it', async () => {
    const [listing, noList, onfidoSet] = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
    receivers.push(listing, noList, onfidoSet);
    const created = await stack.apiJson<{ events: string[] }>('/v3.6/webhooks', { method: 'POST', json: { url: listing.url, events: [REVIEW_EVENT] } });
    expect([created.status, created.body.events]).toEqual([201, [REVIEW_EVENT]]);
    const byDefault = await stack.apiJson<{ events: string[] }>('/v3.6/webhooks', { method: 'POST', json: { url: noList.url } });
    expect(byDefault.body.events).not.toContain(REVIEW_EVENT);
    expect(byDefault.body.events).toContain('workflow_run.completed');
    expect((await stack.apiJson('/v3.6/webhooks', { method: 'POST', json: { url: onfidoSet.url, events: byDefault.body.events } })).status).toBe(201);

    const id = await endedRun('Consider');
    expect((await decide(id, { decision: 'approve', note: 'False positive: other date of birth' })).status).toBe(200);
    const actions = (r: Receiver) => r.received.map((x) => JSON.parse(x.body) as { payload: { action: string; object: Record<string, unknown>; resource: { id: string; review?: Review } } })
      .filter((b) => b.payload.resource.id === id || b.payload.object.id === id);
    await eventually(() => actions(listing).length > 0);
    await stack.bus.idle();
    expect(actions(listing)).toEqual([{ payload: expect.objectContaining({
      resource_type: 'workflow_run', action: REVIEW_EVENT,
      object: expect.objectContaining({ id, status: 'review', decision: 'approve' }),
      resource: expect.objectContaining({ id, status: 'review', review: expect.objectContaining({ decision: 'approve', note: 'False positive: other date of birth' }) }),
    }) }]);
    expect(listing.received[0]!.headers['x-sha2-signature']).toEqual(expect.any(String));
    for (const r of [noList, onfidoSet]) {
      expect(actions(r).map((b) => b.payload.action)).toContain('workflow_run.completed');
      expect(actions(r).map((b) => b.payload.action)).not.toContain(REVIEW_EVENT);
    }
  }, 120_000);
});
