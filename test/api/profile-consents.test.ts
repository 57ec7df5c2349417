/**
 * Profile data with an SSN or a phone number needs the end user's consent to check it
 * (`ssn_verification`, `phone_number_verification`), as Onfido's applicant consents: without
 * it the capture client's completion is a 422 naming `data.consents` and the task keeps
 * waiting; with it the task completes and the applicant holds the consents, with their time.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { keys } from '../../lambdas/store/table';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let t: E2e;
let workflow: string;

beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  workflow = await t.workflow({
    name: 'Profile', start: 'profile',
    tasks: [{ id: 'profile', type: 'profile_data_capture', fields: ['first_name', 'phone_number', 'ssn'], next: 'approve' },
      { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }],
  });
}, 120_000);
afterAll(() => stack.stop());

it('refuses an SSN or a phone number without its consent, and records the consents on the applicant', async () => {
  const applicantId = await t.applicant({ consents: [{ name: 'privacy_notices_read', granted: true }] });
  const run = await t.startRun(workflow, applicantId);
  await t.until(run.id, ['awaiting_input']);
  const task = await t.waitingTask(run.id, 'profile');
  const sdk = run.sdk_token!;
  const data = { first_name: 'Sam', phone_number: '+14155550100', ssn: '123-45-6789' };
  const refused = await t.complete(run.id, task.id, data, sdk);
  expect(refused).toMatchObject({ status: 422, body: { error: { fields: { 'data.consents': [
    'must grant ssn_verification when ssn is given', 'must grant phone_number_verification when phone_number is given'] } } } });
  const half = await t.complete(run.id, task.id, { ...data, consents: [{ name: 'ssn_verification', granted: true }, { name: 'phone_number_verification', granted: false }] }, sdk);
  expect((half.body as { error: { fields: Json } }).error.fields).toEqual({ 'data.consents': ['must grant phone_number_verification when phone_number is given'] });
  const consents = [{ name: 'ssn_verification', granted: true }, { name: 'phone_number_verification', granted: true }];
  expect((await t.complete(run.id, task.id, { ...data, consents }, sdk)).status).toBe(200);
  expect((await t.until(run.id, ['approved'])).status).toBe('approved');
  // Onfido shows consents at GET /applicants/<id>/consents, which this API does not offer yet: read the stored applicant.
  const stored = await clients().doc.send(new GetCommand({ TableName: stack.env.TABLE_NAME, Key: keys.applicant(applicantId) }));
  const held = (stored.Item as { consents: Array<{ name: string; granted: boolean; granted_at: string | null }> }).consents;
  expect(held.map((c) => [c.name, c.granted, typeof c.granted_at])).toEqual([
    ['privacy_notices_read', true, 'string'], ['ssn_verification', true, 'string'], ['phone_number_verification', true, 'string']]);
});

it('needs no consent when neither is given (an SSN is asked only of US residents)', async () => {
  const run = await t.startRun(workflow, await t.applicant());
  await t.until(run.id, ['awaiting_input']);
  const task = await t.waitingTask(run.id, 'profile');
  const done = await t.complete(run.id, task.id, { first_name: 'Sam', phone_number: '+14155550100', consents: [{ name: 'phone_number_verification', granted: true }] }, run.sdk_token!);
  expect(done.status).toBe(200);
  const other = await t.startRun(workflow, await t.applicant());
  await t.until(other.id, ['awaiting_input']);
  const otherTask = await t.waitingTask(other.id, 'profile');
  const noConsent = await t.complete(other.id, otherTask.id, { first_name: 'Sam', phone_number: '+14155550100' }, other.sdk_token!);
  expect(noConsent.status).toBe(422);
});
