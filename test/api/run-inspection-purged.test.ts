/**
 * A purged run's inspection (`GET /v3.6/studio/runs/{id}`) shows none of its execution history's
 * state inputs and outputs. In AWS the history outlives the purge by up to 90 days (the local
 * stack forgets the journal when the run is purged), so the run here is marked purged the way the
 * purge marks it (`purged_at`) while its history is still there: the inspection must not read it.
 */
import { randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { keys } from '../../lambdas/store/table';
import { startTestStack, type TestStack } from '../helpers/stack';
import { lifecycleKit } from './lifecycle-helpers';

// The applicant's last name reaches the execution (the gate's condition names it) but not the definition.
const GATE = {
  name: 'Gate', start: 'gate', input: { applicant: ['last_name'] },
  tasks: [
    { id: 'gate', type: 'logic', name: 'Gate', branches: [{ name: 'Named', when: { path: 'input.applicant.last_name', op: 'neq', value: 'Nobody' }, next: 'approve' }], else: 'decline' },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['ok'] },
    { id: 'decline', type: 'result', outcome: 'decline', reasons: ['no'] },
  ],
};

interface Step { task_id: string; status: string; record_id: string | null; input?: unknown; output?: unknown }
interface Inspection { steps: Step[]; timeline: Array<{ kind: string; description: string }> }

let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
beforeAll(async () => { stack = await startTestStack(); kit = lifecycleKit(stack); }, 120_000);
afterAll(async () => { kit.close(); await stack.stop(); });

it('shows no state input or output of a purged run whose execution history is still kept', async () => {
  const name = `Purged${randomBytes(5).toString('hex')}`;
  const wf = await kit.t.workflow(GATE);
  const run = await kit.t.startRun(wf, await kit.t.applicant({ last_name: name }));
  await kit.t.until(run.id, ['approved']);
  const inspect = () => kit.t.call<Inspection>('GET', `/v3.6/studio/runs/${run.id}`);

  // Before the purge: the route's steps carry the history's inputs and outputs (the applicant's name among them).
  const before = await inspect();
  expect(before.body.steps.map((s) => [s.task_id, s.status])).toEqual([['gate', 'completed'], ['approve', 'completed'], ['decline', 'skipped']]);
  expect(JSON.stringify(before.body.steps.find((s) => s.task_id === 'gate')!.input)).toContain(name);

  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: keys.run(run.id), UpdateExpression: 'SET purged_at = :now', ExpressionAttributeValues: { ':now': new Date().toISOString() },
  }));
  // The history still holds the name, as AWS's does for 90 days.
  expect((await kit.executionHistory(run.id)).some((e) => e.includes(name))).toBe(true);

  const after = await inspect();
  expect(after.status).toBe(200);
  expect(JSON.stringify(after.body)).not.toContain(name);
  expect(after.body.steps.filter((s) => s.input !== undefined || s.output !== undefined)).toEqual([]);
  // The route of a purged run is not known: no task is said to be skipped.
  expect(after.body.steps.filter((s) => s.status === 'skipped')).toEqual([]);
  // Nor does the timeline take the logic and result steps from the history.
  expect(after.body.timeline.filter((e) => e.kind.startsWith('task_'))).toEqual([]);
}, 120_000);
