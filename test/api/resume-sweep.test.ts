/**
 * The lifecycle's sweep for runs whose creation a crash cut short (written `processing`, their
 * execution never started; lambdas/runs/resume.ts): in AWS nothing restarts the stack, so the
 * sweep (every 15 minutes) is what starts them. A run younger than the grace period may still be
 * starting and is left; each run is looked at once (a cursor); a run that cannot be started holds
 * the walk back until it is a day old, then ends `error`, and the walk goes on. The first test goes
 * through the lifecycle function itself (in `npm run test:parity`: its role's grants, `resume`).
 */
import { orphanSweep, ORPHAN_GRACE_MS } from '../../lambdas/runs/resume';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { findEvents } from '../../lambdas/events/record';
import { clients } from '../../lambdas/shared/aws';
import { keys } from '../../lambdas/store/table';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { getRun, putRun, RunLink } from '../../lambdas/store/runs';
import { e2e, type E2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let t: E2e;
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
}, 120_000);
afterAll(() => stack.stop());

const MINUTE = 60_000;
const APPROVE = { name: 'Approve', start: 'done', tasks: [{ id: 'done', type: 'result', outcome: 'approve' }] };

test('the lifecycle function starts a run its creation left unstarted ten minutes ago', async () => {
  const workflowId = await t.workflow(APPROVE);
  const applicantId = await t.applicant();
  await putRun({
    id: 'resume-sweep-lifecycle', environment: 'sandbox', applicant_id: applicantId, workflow_id: workflowId, workflow_version_id: 1,
    tags: [], customer_user_id: null, link: RunLink.parse({}), custom_data: {}, created_at: new Date(Date.now() - 10 * MINUTE).toISOString(),
  });
  await stack.runLifecycle();
  expect(await t.until('resume-sweep-lifecycle', ['approved'])).toMatchObject({ status: 'approved', workflow_version_id: 1 });
}, 60_000);

test('starts runs left unstarted once past the grace period, each once; one that cannot start holds the walk back a day, then ends error', async () => {
  const workflowId = await t.workflow(APPROVE);
  const applicantId = await t.applicant();
  const t0 = Date.now();
  const run = (id: string, at: number, version = 1) => putRun({
    id, environment: 'sandbox', applicant_id: applicantId, workflow_id: workflowId, workflow_version_id: version,
    tags: [], customer_user_id: null, link: RunLink.parse({}), custom_data: {}, created_at: new Date(at).toISOString(),
  });
  await run('resume-sweep-a', t0);
  await run('resume-sweep-b', t0 + 1000, 99); // its version was never published: it cannot start
  await run('resume-sweep-c', t0 + 2000);
  const failures: string[] = [];
  const log = (m: string) => { failures.push(m); };
  const pass = (at: number) => orphanSweep(new Date(at), { log });

  // Within the grace period the creating request may still be starting them.
  expect(await pass(t0 + ORPHAN_GRACE_MS - MINUTE)).toEqual([]);
  expect((await getRun('resume-sweep-a'))?.status).toBe('processing');

  // Past it: a is started; b fails and stops the walk before c, which waits for the next pass.
  expect(await pass(t0 + 10 * MINUTE)).toEqual(['resume-sweep-a']);
  expect(await t.until('resume-sweep-a', ['approved'])).toMatchObject({ status: 'approved', workflow_version_id: 1 });
  expect(failures).toEqual([expect.stringContaining('resume-sweep-b')]);
  expect((await getRun('resume-sweep-c'))?.status).toBe('processing');
  expect(await pass(t0 + 25 * MINUTE)).toEqual([]);
  expect(failures).toHaveLength(2);

  // A day on, b ends error (never left processing) and c is started, by the lifecycle's own pass.
  expect(await sweep(new Date(t0 + 25 * 60 * MINUTE))).toMatchObject({ resumed: 1 });
  expect(await t.until('resume-sweep-b', ['error'])).toMatchObject({ error: { type: 'execution_not_started' } });
  expect((await findEvents('resume-sweep-b', 'workflow_run.completed')).map((e) => e.event.detail)).toEqual([expect.objectContaining({ status: 'error' })]);
  expect(await t.until('resume-sweep-c', ['approved'])).toMatchObject({ status: 'approved' });

  // Each run is looked at once: the walk's cursor is past them all (b is not tried again).
  expect(await pass(t0 + 26 * 60 * MINUTE)).toEqual([]);
  expect(failures).toHaveLength(2);
  const cursor = await clients().doc.send(new GetCommand({ TableName: stack.env.TABLE_NAME, Key: keys.resumeCursor(), ConsistentRead: true }));
  expect(cursor.Item?.after).toBe(`${new Date(t0 + 2000).toISOString()}#resume-sweep-c`);
}, 60_000);
