/** An interactive task that the end user never completes: the run ends abandoned (virtual clock, no waiting). */
import type { Clock } from '../../local/sfn/contract';
import { startTestStack, type TestStack } from '../helpers/stack';
import { e2e, type E2e } from '../e2e/helpers';
import { CAPTURE } from '../e2e/workflows';

let now = Date.now();
const clock: Clock = { now: () => now };
let stack: TestStack;
let t: E2e;
beforeAll(async () => { stack = await startTestStack({ clock }); t = e2e(stack); }, 120_000);
afterAll(() => stack.stop());

it('abandons the run when the capture times out, and the late completion gets 422', async () => {
  const wf = await t.workflow(CAPTURE(3600));
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(wf, applicant);
  await t.until(run.id, ['awaiting_input']);
  const task = await t.waitingTask(run.id, 'doc');
  now += 3601 * 1000;
  await stack.engine.fireDueTimers();
  const end = await t.until(run.id, ['abandoned']);
  expect(end).toMatchObject({ status: 'abandoned', error: null, sdk_token: null });
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport' });
  expect((await t.complete(run.id, task.id, [{ id: doc }], sdk)).status).toBe(422);
});
