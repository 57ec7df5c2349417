/**
 * Motion's output is the contract's `[{ "id" }]`, `[]` on a device that cannot run Motion: workflows route on
 * `is_empty` and may name `output[0].id`; the field the platform once answered with (`motion_unsupported`) is not one.
 */
import { validate } from '../../compiler';

const withCondition = (when: unknown) => ({
  name: 'Motion', start: 'motion', tasks: [
    { id: 'motion', type: 'face_capture_motion', next: 'has_motion' },
    { id: 'has_motion', type: 'logic', branches: [{ when, next: 'selfie' }], else: 'approve' },
    { id: 'selfie', type: 'face_capture_photo', next: 'approve' },
    { id: 'approve', type: 'result', outcome: 'approve' },
  ],
});
const codes = (when: unknown) => validate(withCondition(when)).problems.map((p) => p.code);

it.each([
  { path: 'tasks.motion.output', op: 'is_empty' },
  { path: 'tasks.motion.output', op: 'is_not_empty' },
  { path: 'tasks.motion.output[0].id', op: 'exists' },
  { path: 'tasks.motion.output[0].id', op: 'eq', value: 'x' },
])('%j is a valid condition on Motion', (when) => {
  expect(codes(when)).toEqual([]);
});

it('the motion_unsupported field is unknown (its reasons are on the task, not in the output)', () => {
  expect(codes({ path: 'tasks.motion.output.motion_unsupported', op: 'exists' })).toEqual(['unknown_output_field']);
});
