/**
 * A Motion task completes without a capture only with the device's reasons: `[]` (the old way
 * to skip Motion), reasons outside the known device signals and signals that do not stop Motion
 * (WebGL or WebAssembly missing alone) are refused with 422; the
 * reasons are the task's output, and document_motion_fallback routes on them to the selfie.
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

it('refuses an empty Motion without device signals (422) and accepts it with them, recorded on the task output', async () => {
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(workflow, applicant);
  await t.until(run.id, ['awaiting_input']);
  const doc = await t.waitingTask(run.id, 'document');
  const id = await t.upload('documents', applicant, sdk, { type: 'passport', side: 'front', issuing_country: 'GBR' });
  expect((await t.complete(run.id, doc.id, [{ id }], sdk)).status).toBe(200);
  await stack.engine.idle();
  const motion = await t.waitingTask(run.id, 'motion');

  for (const [data, field] of [
    [[], 'data'],
    [{}, 'data'],
    [{ motion_unsupported: { reasons: [] } }, 'data.motion_unsupported.reasons'],
    [{ motion_unsupported: { reasons: ['i_would_rather_not'] } }, 'data.motion_unsupported.reasons.0'],
    [{ motion_unsupported: { reasons: ['no_webgl', 'no_webgl'] } }, 'data.motion_unsupported.reasons'],
    [{ motion_unsupported: { reasons: ['no_camera'], note: 'x' } }, 'data.motion_unsupported'],
    [{ motion_unsupported: { reasons: ['no_webgl'] } }, 'data.motion_unsupported.reasons'], // WebAssembly still runs the face tracking
    [{ motion_unsupported: { reasons: ['no_webassembly'] } }, 'data.motion_unsupported.reasons'], // and WebGL without it
  ] as const) {
    const res = await t.complete(run.id, motion.id, data, sdk);
    expect({ data, status: res.status, type: (res.body as ErrorBody).error?.type }).toEqual({ data, status: 422, type: 'validation_error' });
    expect(Object.keys((res.body as ErrorBody).error.fields)).toEqual([field]);
  }

  const signals = { motion_unsupported: { reasons: ['no_media_recorder', 'no_webgl'] } };
  expect((await t.complete(run.id, motion.id, signals, sdk)).status).toBe(200);
  expect((await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${motion.id}`)).body).toMatchObject({ output: signals });
  await stack.engine.idle();
  await t.waitingTask(run.id, 'selfie'); // the photo fallback
}, 120_000);
