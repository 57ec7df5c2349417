/**
 * `visual_authenticity`, as Onfido shapes it: `spoofing_detection` (every variant: is this a real
 * face, not a screen or a print?) and `liveness_detected` (video and motion: is it alive; for
 * Motion, did the head really turn?). Human's antispoof (`real`) and liveness (`live`) models
 * score each live image or frame; Motion adds the head turn (head-turn.ts).
 */
import type { BreakdownArea, Result } from '../types';
import { worst } from '../types';
import type { FacesIn } from './detection';
import { headTurn, median } from './head-turn';
import { FACE_THRESHOLDS } from './thresholds';

export const AUTHENTICITY_REASONS = {
  spoof: 'spoof_suspected',
  notLive: 'liveness_score_low',
} as const;

export type Variant = 'photo' | 'photo_fully_auto' | 'video' | 'motion';

/** Photos: the lowest score of any live photo. Videos: the median over the frames (single frames
 *  swing widely: 0.42-0.76 `real` within one genuine capture), the lowest over the videos. */
function scoreOf(live: FacesIn[], pick: (f: NonNullable<FacesIn['faces'][number]>) => number): number {
  const byVideo = new Map<string, number[]>();
  for (const { media, faces } of live) {
    const face = faces[0];
    if (!face) continue;
    const key = media.video ?? media.id;
    byVideo.set(key, [...(byVideo.get(key) ?? []), pick(face)]);
  }
  return Math.min(...[...byVideo.values()].map(median));
}

export function visualAuthenticity(variant: Variant, live: FacesIn[]): BreakdownArea {
  const real = scoreOf(live, (f) => f.real), alive = scoreOf(live, (f) => f.live);
  const spoofReasons = [
    ...(real < FACE_THRESHOLDS.real ? [AUTHENTICITY_REASONS.spoof] : []),
    ...(variant.startsWith('photo') && alive < FACE_THRESHOLDS.live ? [AUTHENTICITY_REASONS.notLive] : []),
  ];
  const spoofing: BreakdownArea = {
    result: spoofReasons.length ? 'consider' : 'clear',
    properties: { score: real, ...(variant.startsWith('photo') ? { liveness_score: alive } : {}), ...(spoofReasons.length ? { reasons: spoofReasons } : {}) },
  };
  const breakdown: Record<string, BreakdownArea> = { spoofing_detection: spoofing };
  if (!variant.startsWith('photo')) {
    const turn = variant === 'motion' ? headTurn(live.map(({ media, faces }) => ({ frame: media, yaw: faces[0]?.yaw ?? null }))) : undefined;
    const reasons = [...(alive < FACE_THRESHOLDS.live ? [AUTHENTICITY_REASONS.notLive] : []), ...(turn?.reasons ?? [])];
    breakdown.liveness_detected = {
      result: reasons.length ? 'consider' : 'clear',
      properties: { score: alive, ...(turn ? { head_turn: turn.properties } : {}), ...(reasons.length ? { reasons } : {}) },
    };
  }
  const result: Result = worst(Object.values(breakdown).map((b) => b.result)) ?? 'consider';
  return { result, breakdown };
}
