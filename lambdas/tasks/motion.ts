/**
 * Motion on a device that cannot run it. The output is then `[]`, as the workflow format has it
 * (`is_empty` routes on it); the device's reasons, which the capture page sends beside the data
 * (`{ "data": [], "motion_unsupported": { "reasons": [...] } }`), are kept on the task
 * (`motion_unsupported`), outside the output. The form of 2026-11-30, the reasons as the data
 * (`{ "data": { "motion_unsupported": { "reasons": [...] } } }`), is still taken, and stored so.
 */
import { z } from 'zod';
import { validationError } from '../shared/errors';

/** What the capture page found missing on a device that cannot run Motion (web/capture/src/steps/motion-support.ts). */
export const MOTION_UNSUPPORTED_REASONS = ['no_get_user_media', 'no_camera', 'no_media_recorder', 'no_video_format', 'no_webgl', 'no_webassembly'] as const;
type MotionReason = (typeof MOTION_UNSUPPORTED_REASONS)[number];
/** Whether the reasons stop Motion: any one of the recording's needs missing, or both of face tracking's back ends (either one runs it). */
export const justifiesNoMotion = (r: readonly MotionReason[]) =>
  r.some((x) => x !== 'no_webgl' && x !== 'no_webassembly') || (r.includes('no_webgl') && r.includes('no_webassembly'));

export const MotionReasons = z.object({
  reasons: z.array(z.enum(MOTION_UNSUPPORTED_REASONS)).min(1).max(MOTION_UNSUPPORTED_REASONS.length)
    .refine((r) => new Set(r).size === r.length, 'must not repeat a reason')
    .refine(justifiesNoMotion, 'do not stop Motion: face tracking needs WebGL or WebAssembly, not both'),
}).strict();
export type MotionUnsupported = z.infer<typeof MotionReasons>;

/** The old form: the reasons as the data. */
export const LegacyMotionData = z.object({ motion_unsupported: MotionReasons }).strict();

export const isLegacyMotionData = (d: unknown): boolean =>
  typeof d === 'object' && d !== null && !Array.isArray(d) && 'motion_unsupported' in d;

/** The reasons beside the data go only with no upload: `data` must then be `[]`. */
export function checkReasonsBeside(data: unknown, reasons: MotionUnsupported | undefined): void {
  if (reasons && !(Array.isArray(data) && data.length === 0)) {
    throw validationError('The captured data is not valid for this task', { motion_unsupported: ['goes only with an empty data ([]): a device that cannot run Motion uploads nothing'] });
  }
}
