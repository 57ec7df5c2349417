/**
 * Motion's head turn: over the frames of the capture's first MOTION_LIMIT_SECONDS, the face-mesh
 * yaw must swing at least MOTION_TURN_DEGREES to each side of where the head rests (the median
 * yaw of the frames). A picture moved in front of the camera keeps its yaw (engine/index.ts,
 * `meshYaw`), so a Motion made from one still turns neither way.
 */
import type { Frame } from './frames';

/** The capture page records Motion for 9 s and any face video for at most 15 s (web/capture's
 *  prompts.ts): only frames in the first 15 s count, later turns are too late. */
export const MOTION_LIMIT_SECONDS = 15;
/** Half of what `meshYaw` reads for the ±30° turn the page asks for (about ±16° on the fixture
 *  face turned by 30°); a still picture moved about stays within ±1°. */
export const MOTION_TURN_DEGREES = 8;

export const HEAD_TURN_REASONS = {
  notMeasurable: 'head_turn_not_measurable',
  noTurn: 'no_head_turn',
  oneWay: 'head_turned_one_way_only',
} as const;
export type HeadTurnReason = (typeof HEAD_TURN_REASONS)[keyof typeof HEAD_TURN_REASONS];

export interface HeadTurn {
  reasons: HeadTurnReason[];
  properties: Record<string, unknown>;
}

/** `yaws`: each frame's time and the yaw of its face (null where the mesh did not fit). */
export function headTurn(yaws: Array<{ frame: Frame; yaw: number | null }>): HeadTurn {
  const timed = yaws.filter(({ frame }) => frame.at === undefined || frame.at <= MOTION_LIMIT_SECONDS);
  const measured = timed.flatMap(({ yaw }) => (yaw === null ? [] : [yaw]));
  const duration = yaws.find(({ frame }) => frame.duration !== undefined)?.frame.duration;
  const base = { frames: timed.length, frames_with_yaw: measured.length, time_limit_seconds: MOTION_LIMIT_SECONDS, turn_degrees: MOTION_TURN_DEGREES,
    ...(duration === undefined ? {} : { duration_seconds: Math.round(duration * 10) / 10 }) };
  if (measured.length < 3) return { reasons: [HEAD_TURN_REASONS.notMeasurable], properties: base };
  const rest = median(measured);
  const left = rest - Math.min(...measured), right = Math.max(...measured) - rest;
  const turned = [left, right].filter((d) => d >= MOTION_TURN_DEGREES).length;
  const reasons = turned === 2 ? [] : [turned === 0 ? HEAD_TURN_REASONS.noTurn : HEAD_TURN_REASONS.oneWay];
  return { reasons, properties: { ...base, rest_yaw: rest, turn_negative: round(left), turn_positive: round(right) } };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b), mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}

const round = (x: number): number => Math.round(x * 10) / 10;
