/**
 * A Motion task's output is the contract's `[{ "id" }]`, or `[]` on a device that cannot run Motion: `[]`
 * completes it (whoever sends it), the output is `[]` and document_motion_fallback routes on `is_empty` to
 * the selfie. The capture page sends the device's reasons beside the data (`motion_unsupported`), kept on
 * the task, not in the output; the old form (`data: { motion_unsupported }`) is still taken and stored so.
 * Reasons outside the known device signals, and signals that do not stop Motion (WebGL or WebAssembly
 * missing alone), are refused with 422, as are reasons beside uploads.
 */
import { findTemplate } from '../../compiler';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let t: E2e;
let workflow: string;
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  workflow = await t.workflow(findTemplate('document_motion_fallback')!.definition);
}, 120_000);
afterAll(() => stack.stop());

type ErrorBody = { error: { type: string; fields: Record<string, string[]> } };

/** A run of the template waiting at its Motion task. */
async function atMotion() {
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(workflow, applicant);
  await t.until(run.id, ['awaiting_input']);
  const doc = await t.waitingTask(run.id, 'document');
  const id = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front', issuing_country: 'GBR' });
  expect((await t.complete(run.id, doc.id, [{ id }], sdk)).status).toBe(200);
  await stack.engine.idle();
  return { run, sdk, motion: await t.waitingTask(run.id, 'motion') };
}
const taskOf = async (runId: string, taskId: string) => (await t.call<Json>('GET', `/v3.6/workflow_runs/${runId}/tasks/${taskId}`)).body;
const completeWith = (runId: string, taskId: string, body: Json, sdk: string) => t.call('POST', `/v3.6/workflow_runs/${runId}/tasks/${taskId}/complete`, body, sdk);

it('completes with [] (the contract form): the output is [] and the run falls back to the selfie', async () => {
  const { run, sdk, motion } = await atMotion();
  expect((await t.complete(run.id, motion.id, [], sdk)).status).toBe(200);
  expect(await taskOf(run.id, motion.id)).toMatchObject({ output: [], motion_unsupported: null });
  await stack.engine.idle();
  await t.waitingTask(run.id, 'selfie');
}, 120_000);

it('keeps the reasons sent beside an empty data on the task, not in the output; refuses bad reasons (422)', async () => {
  const { run, sdk, motion } = await atMotion();
  for (const [body, field] of [
    [{ data: {} }, 'data'],
    [{ data: [], motion_unsupported: { reasons: [] } }, 'motion_unsupported.reasons'],
    [{ data: [], motion_unsupported: { reasons: ['i_would_rather_not'] } }, 'motion_unsupported.reasons.0'],
    [{ data: [], motion_unsupported: { reasons: ['no_webgl', 'no_webgl'] } }, 'motion_unsupported.reasons'],
    [{ data: [], motion_unsupported: { reasons: ['no_camera'], note: 'x' } }, 'motion_unsupported'],
    [{ data: [], motion_unsupported: { reasons: ['no_webgl'] } }, 'motion_unsupported.reasons'], // WebAssembly still runs the face tracking
    [{ data: [], motion_unsupported: { reasons: ['no_webassembly'] } }, 'motion_unsupported.reasons'], // and WebGL without it
    [{ data: [{ id: 'x' }], motion_unsupported: { reasons: ['no_camera'] } }, 'motion_unsupported'], // reasons go with no upload
    [{ data: { motion_unsupported: { reasons: ['i_would_rather_not'] } } }, 'data.motion_unsupported.reasons.0'],
  ] as const) {
    const res = await completeWith(run.id, motion.id, body, sdk);
    expect({ body, status: res.status, type: (res.body as ErrorBody).error?.type }).toEqual({ body, status: 422, type: 'validation_error' });
    expect(Object.keys((res.body as ErrorBody).error.fields)).toEqual([field]);
  }
  const reasons = ['no_media_recorder', 'no_webgl'];
  expect((await completeWith(run.id, motion.id, { data: [], motion_unsupported: { reasons } }, sdk)).status).toBe(200);
  expect(await taskOf(run.id, motion.id)).toMatchObject({ output: [], motion_unsupported: { reasons } });
  await stack.engine.idle();
  await t.waitingTask(run.id, 'selfie'); // the photo fallback
}, 120_000);

it('still takes the old form (the reasons as the data): stored as [] with the reasons on the task', async () => {
  const { run, sdk, motion } = await atMotion();
  const reasons = ['no_camera'];
  expect((await t.complete(run.id, motion.id, { motion_unsupported: { reasons } }, sdk)).status).toBe(200);
  expect(await taskOf(run.id, motion.id)).toMatchObject({ output: [], motion_unsupported: { reasons } });
  await stack.engine.idle();
  await t.waitingTask(run.id, 'selfie');
}, 120_000);
