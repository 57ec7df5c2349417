/**
 * What a run leaves in its execution's history (which AWS keeps 90 days after the run, beyond
 * any purge): a profile data capture, a Send/Receive task and custom data on the local stack.
 * Unique markers in a profile answer, a received property, a custom data key and a semantic
 * property the states never read appear nowhere in GetExecutionHistory, while the run's API
 * view, its logic and its outputs still get them; a field the outputs name does appear.
 */
import { randomBytes } from 'node:crypto';
import { getTask } from '../../lambdas/store/tasks';
import { startTestStack, type TestStack } from '../helpers/stack';
import { type Json } from '../e2e/helpers';
import { PERSONAL } from '../e2e/workflows';
import { lifecycleKit } from './lifecycle-helpers';

let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
beforeAll(async () => {
  stack = await startTestStack();
  kit = lifecycleKit(stack);
}, 120_000);
afterAll(async () => { kit.close(); await stack.stop(); });

const marker = (what: string) => `${what}${randomBytes(6).toString('hex')}`;

it('keeps unread profile answers, received and sent data and custom data out of the history; the API, logic and outputs get them', async () => {
  const { t } = kit;
  const workflow = await t.workflow(PERSONAL);
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const read = marker('Read');
  const lastName = marker('Surname');
  const street = marker('Street');
  const note = marker('Note');
  const remark = marker('Remark');
  const fname = marker('Semantic');
  const run = await t.startRun(workflow, applicant, { custom_data: { tier: 'gold', note } });
  await t.until(run.id, ['awaiting_input']);
  const profile = await t.waitingTask(run.id, 'profile');
  const answers = { first_name: read, last_name: lastName, dob: '1990-01-31', address: { country: 'USA', street, town: 'Springfield', postcode: '12345' } };
  expect((await t.complete(run.id, profile.id, answers, sdk)).status).toBe(200);
  await t.until(run.id, ['awaiting_client_input']);
  const ask = await t.waitingTask(run.id, 'ask');
  // What the task sends is read from DynamoDB (the profile's stored answers, the run's custom data).
  expect((await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${ask.id}`)).body).toMatchObject({ input: { surname: lastName, note, tier: 'gold' } });
  expect((await t.complete(run.id, ask.id, { score: 10, remark, fname })).status).toBe(200);
  const done = await t.until(run.id, ['approved', 'declined', 'error']);

  // The logic read the profile's country, the received score and the custom tier; the outputs the first name and score.
  expect(done.status).toBe('approved');
  expect(done.output).toEqual({ first_name: read, score: 10 });
  // The API keeps everything: the task records hold the whole answers and received data.
  expect((await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${profile.id}`)).body).toMatchObject({ output: answers });
  expect((await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${ask.id}`)).body).toMatchObject({ output: { score: 10, remark, fname } });
  expect((await getTask(run.id, ask.id))?.keep).toEqual([['score']]);

  const history = await kit.executionHistory(run.id);
  const text = history.join('\n');
  for (const hidden of [lastName, street, note, remark, fname]) expect({ hidden, found: text.includes(hidden) }).toEqual({ hidden, found: false });
  // What the states read is there: the first name (an output), the score, the tier; and the tasks' ids, to read the rest by.
  expect(text).toContain(read);
  expect(text).toContain(profile.id);
  expect(text).toContain(ask.id);
  expect(history.some((e) => e.includes('TaskSucceeded') && e.includes('\\"score\\":10'))).toBe(true);
}, 120_000);
