/**
 * `visual_authenticity`, as Onfido shapes it: `spoofing_detection` (every variant: is this a real
 * face, not a screen or a print?) and `liveness_detected` (video and motion: is it alive; for
 * Motion, did the head really turn?). Human's antispoof (`real`) and liveness (`live`) models
 * score each live image or frame; Motion adds the head turn (head-turn.ts); the pixels' own
 * presentation-attack cues (forensics/: a screen's or a sheet's edges around the face, a screen's
 * pattern on it) join `spoofing_detection`.
 */
import type { BreakdownArea, Result } from '../types';
import { worst } from '../types';
import type { FacesIn } from './detection';
import type { PresentationCues, PresentationReason } from './forensics';
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

/** A cue counts for a photo that shows it, or a video most of whose frames with a face show it
 *  (like the model scores' median: one odd frame does not decide). The properties are those of the
 *  image that shows the most, so the report says what was seen. */
function presentation(live: FacesIn[], cues: ReadonlyMap<string, PresentationCues>, withFace = true): { reasons: PresentationReason[]; properties?: Record<string, unknown> } {
  const byVideo = new Map<string, PresentationCues[]>();
  for (const { media, faces } of live) {
    const found = cues.get(media.id);
    if (found && (faces.length > 0 || !withFace)) byVideo.set(media.video ?? media.id, [...(byVideo.get(media.video ?? media.id) ?? []), found]);
  }
  const reasons = new Set<PresentationReason>();
  let shown: (PresentationCues & { frames?: number; frames_with_cue?: number }) | undefined;
  for (const [, list] of byVideo) {
    const count = (r: PresentationReason) => list.filter((c) => c.reasons.includes(r)).length;
    const held = [...new Set(list.flatMap((c) => c.reasons))].filter((r) => count(r) > list.length / 2);
    held.forEach((r) => reasons.add(r));
    const most = [...list].sort((a, b) => b.reasons.length - a.reasons.length || b.periodic.peak - a.periodic.peak)[0] as PresentationCues;
    const frames = list.length > 1 ? { frames: list.length, frames_with_cue: list.filter((c) => c.reasons.length > 0).length } : {};
    if (!shown || held.length > 0) shown = { ...most, reasons: held, ...frames };
  }
  if (!shown) return { reasons: [] };
  const { reasons: held, ...seen } = shown;
  return { reasons: [...reasons], properties: { ...seen, ...(held.length ? { reasons: held } : {}) } };
}

/** `spoofing_detection` from the pixels' cues alone, when the checks stop before the models count
 *  (no face in a live image): present only when a cue names a screen or a print. */
export function presentationArea(live: FacesIn[], cues: ReadonlyMap<string, PresentationCues>): BreakdownArea | undefined {
  const seen = presentation(live, cues, false);
  if (seen.reasons.length === 0) return undefined;
  const spoofing: BreakdownArea = { result: 'consider', properties: { presentation: seen.properties, reasons: seen.reasons } };
  return { result: 'consider', breakdown: { spoofing_detection: spoofing } };
}

/** `cues`: the presentation-attack cues of each live image or frame with a face, by media id. */
export function visualAuthenticity(variant: Variant, live: FacesIn[], cues: ReadonlyMap<string, PresentationCues> = new Map()): BreakdownArea {
  const real = scoreOf(live, (f) => f.real), alive = scoreOf(live, (f) => f.live);
  const seen = presentation(live, cues);
  const spoofReasons = [
    ...(real < FACE_THRESHOLDS.real ? [AUTHENTICITY_REASONS.spoof] : []),
    ...(variant.startsWith('photo') && alive < FACE_THRESHOLDS.live ? [AUTHENTICITY_REASONS.notLive] : []),
    ...seen.reasons,
  ];
  const spoofing: BreakdownArea = {
    result: spoofReasons.length ? 'consider' : 'clear',
    properties: {
      score: real, ...(variant.startsWith('photo') ? { liveness_score: alive } : {}),
      ...(seen.properties ? { presentation: seen.properties } : {}), ...(spoofReasons.length ? { reasons: spoofReasons } : {}),
    },
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
