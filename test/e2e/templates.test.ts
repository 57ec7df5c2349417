/**
 * Every template end to end on the local stack, in sandbox mode: the capture client completes
 * interactive tasks with uploaded media (SDK token), the integrator the Send/Receive task (API
 * token); each run reaches one of its template's result tasks. Applicant last name `Consider`
 * makes every sandbox report `consider`; `_sandbox_results` forces one report.
 */
import { findTemplate } from '../../compiler';
import { makeMediaFixtures } from '../api/media-fixtures';
import { startTestStack, type TestStack } from '../helpers/stack';
import { definitionTaskOf, e2e, type E2e, type Json } from './helpers';

let stack: TestStack;
let t: E2e;
const workflows: Record<string, string> = {};
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  for (const name of ['document_selfie_photo', 'document_motion_fallback', 'document_autofill_retry', 'us_profile_identity', 'watchlist_risk_score']) {
    workflows[name] = await t.workflow(findTemplate(name)!.definition);
  }
}, 120_000);
afterAll(() => stack.stop());

/** Starts a run and returns helpers bound to it and its applicant's SDK token. */
async function begin(template: string, applicant: Json = {}, extra: Json = {}) {
  const applicantId = await t.applicant(applicant);
  const sdk = await t.sdkToken(applicantId);
  const run = await t.startRun(workflows[template]!, applicantId, extra);
  const capture = async (defId: string, data: unknown) => {
    await t.until(run.id, ['awaiting_input']);
    const task = await t.waitingTask(run.id, defId);
    const res = await t.complete(run.id, task.id, data, sdk);
    expect(res).toMatchObject({ status: 200, body: {} });
    return task;
  };
  const doc = async () => [{ id: await t.upload('documents', applicantId, sdk, { type: 'passport', side: 'front', issuing_country: 'GBR' }) }];
  const photo = async () => [{ id: await t.upload('live_photos', applicantId, sdk) }];
  return { run, applicantId, sdk, capture, doc, photo };
}

const ENDED = ['approved', 'review', 'declined', 'abandoned', 'error'];
const reportsOf = async (runId: string) => (await t.tasks(runId)).map((x) => definitionTaskOf(x.id));
const typesOf = async (runId: string) => (await t.tasks(runId)).map((x) => x.task_def_id);

describe('document_selfie_photo', () => {
  it.each([
    ['approved', {}, {}, ['document_and_face_clear']],
    ['declined', { last_name: 'Consider' }, {}, ['face_mismatch']],
    ['review', {}, { custom_data: { _sandbox_results: { document_report: 'consider' } } }, ['document_consider']],
  ])('ends %s', async (status, applicant, extra, reasons) => {
    const r = await begin('document_selfie_photo', applicant, extra);
    await r.capture('document', await r.doc());
    await r.capture('selfie', await r.photo());
    const end = await t.until(r.run.id, ENDED);
    expect(end).toMatchObject({ status, reasons, error: null, sdk_token: null });
    expect(await reportsOf(r.run.id)).toEqual(expect.arrayContaining(['document', 'selfie', 'document_report', 'facial_similarity']));
    expect(await typesOf(r.run.id)).toEqual(expect.arrayContaining(['document_capture', 'face_capture_photo', 'document_report', 'facial_similarity_report']));
  });
});

describe('document_motion_fallback', () => {
  it('falls back to a selfie when the device cannot run Motion (an empty Motion output) and approves', async () => {
    const r = await begin('document_motion_fallback');
    await r.capture('document', await r.doc());
    await r.capture('motion', []);
    await r.capture('selfie', await r.photo());
    expect(await t.until(r.run.id, ENDED)).toMatchObject({ status: 'approved', reasons: ['clear'] });
    expect(await reportsOf(r.run.id)).toContain('photo_similarity');
  });
  it('uses the Motion capture when there is one; Consider → review', async () => {
    const r = await begin('document_motion_fallback', { last_name: 'Consider' });
    await r.capture('document', await r.doc());
    const { mp4 } = await makeMediaFixtures();
    await r.capture('motion', [{ id: await t.upload('motion_captures', r.applicantId, r.sdk, {}, { bytes: mp4, name: 'motion.mp4', type: 'video/mp4' }) }]);
    expect(await t.until(r.run.id, ENDED)).toMatchObject({ status: 'review', reasons: ['needs_review'] });
    const ids = await reportsOf(r.run.id);
    expect(ids).toContain('motion_similarity');
    expect(ids).not.toContain('selfie');
  });
});

describe('document_autofill_retry', () => {
  it('approves with the autofilled data as output', async () => {
    const r = await begin('document_autofill_retry', { first_name: 'Ada', last_name: 'Lovelace', dob: '1985-12-10' });
    await r.capture('document', await r.doc());
    const end = await t.until(r.run.id, ENDED);
    expect(end).toMatchObject({ status: 'approved', output: { first_name: 'Ada', last_name: 'Lovelace', date_of_birth: '1985-12-10' } });
  });
  it('sends an expired document back twice (new task ids carrying expired_document), then reviews', async () => {
    workflows.retry_sandbox ??= await t.workflow(findTemplate('document_autofill_retry')!.definition as Json);
    const r = await begin('retry_sandbox', { last_name: 'Consider' });
    const first = await r.capture('document', await r.doc());
    const second = await r.capture('document', await r.doc());
    const third = await r.capture('document', await r.doc());
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    const inputOf = async (id: string) => (await t.call<{ input: Json }>('GET', `/v3.6/workflow_runs/${r.run.id}/tasks/${id}`)).body.input;
    expect(await inputOf(first.id)).toMatchObject({ retry: null });
    expect(await inputOf(second.id)).toMatchObject({ retry: { reasons: ['expired_document'], attempt: 1, max_retries: 2 } });
    expect(await inputOf(third.id)).toMatchObject({ retry: { reasons: ['expired_document'], attempt: 2 } });
    expect(await t.until(r.run.id, ENDED)).toMatchObject({ status: 'review', reasons: ['document_expired'] });
  });
});

describe('us_profile_identity', () => {
  const profile = (dob: string) => ({
    first_name: 'Sam', last_name: 'Lee', dob, phone_number: '+14155550100', ssn: '123-45-6789',
    address: { country: 'USA', postcode: '94105', town: 'San Francisco', street: 'Main Street', building_number: '1', state: 'CA' },
    consents: [{ name: 'ssn_verification', granted: true }, { name: 'phone_number_verification', granted: true }], // required with an SSN and a phone number
  });
  it.each([
    ['approved', {}, '1980-05-05', ['identity_clear']],
    ['review', { last_name: 'Consider' }, '1980-05-05', ['identity_consider']],
    ['declined', {}, '2015-05-05', ['under_18']],
  ])('ends %s', async (status, applicant, dob, reasons) => {
    const r = await begin('us_profile_identity', applicant);
    await r.capture('profile', profile(dob));
    expect(await t.until(r.run.id, ENDED)).toMatchObject({ status, reasons });
  });
  it('refuses profile data without its fields (422, the task keeps waiting)', async () => {
    const r = await begin('us_profile_identity');
    await t.until(r.run.id, ['awaiting_input']);
    const task = await t.waitingTask(r.run.id, 'profile');
    const bad = await t.complete(r.run.id, task.id, { first_name: 'Sam', dob: '05/05/1980' }, r.sdk);
    expect(bad.status).toBe(422);
    expect(Object.keys((bad.body as { error: { fields: Json } }).error.fields)).toEqual(expect.arrayContaining(['data.last_name', 'data.dob', 'data.address']));
    expect((await t.run(r.run.id)).status).toBe('awaiting_input');
  });
});

describe('watchlist_risk_score', () => {
  it.each([
    ['approved', {}, 10, ['low_risk'], { risk_score: 10, segment: 'retail' }],
    ['review', {}, 60, ['medium_risk'], { risk_score: 60 }],
    ['declined', {}, 90, ['high_risk'], { risk_score: 90 }],
    ['review', { last_name: 'Consider' }, 10, ['medium_risk'], { risk_score: 10 }],
  ])('ends %s', async (status, applicant, score, reasons, output) => {
    const r = await begin('watchlist_risk_score', applicant, { custom_data: { risk_tier: 'low' } });
    await t.until(r.run.id, ['awaiting_client_input']);
    const task = await t.waitingTask(r.run.id, 'risk');
    const found = await t.call<Json>('GET', `/v3.6/workflow_runs/${r.run.id}/tasks/${task.id}`);
    expect(found.body).toMatchObject({ task_def_version: '1', input: { risk_tier: 'low', first_name: 'Jane', watchlist_result: expect.any(String) }, output: null });
    expect((await t.complete(r.run.id, task.id, { score: 'high' })).status).toBe(422);
    expect((await t.run(r.run.id)).status).toBe('awaiting_client_input');
    expect((await t.complete(r.run.id, task.id, { score: 1 }, r.sdk)).status).toBe(403);
    expect((await t.complete(r.run.id, task.id, score === 10 && status === 'approved' ? { score, segment: 'retail' } : { score })).status).toBe(200);
    expect(await t.until(r.run.id, ENDED)).toMatchObject({ status, reasons, output });
  });
});
