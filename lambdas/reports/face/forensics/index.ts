/**
 * Presentation-attack cues read off the capture's pixels, beside Human's antispoof and liveness
 * models (which score our screen and print attacks as real as genuine photos):
 * - `edges` (frame-edges.ts): long straight edges on all four sides of the face enclosing a
 *   rectangle well inside the image: a phone or monitor, or a printed sheet, held up to the camera.
 * - `periodic` (periodic.ts): an isolated peak in the spectrum of the face's luminance: a screen's
 *   pixel grid, sub-pixel stripes and moiré.
 * Each returns its measurements, so the report says what was seen, and a reason when it fires.
 */
import { enclosure, straightSegments, type Box, type Enclosure, type Side } from './frame-edges';
import { greyImages } from './grey';
import { periodicity } from './periodic';

export type { Box };

export const PRESENTATION_REASONS = {
  edges: 'picture_edges_around_face',
  periodic: 'screen_pattern_on_face',
} as const;
export type PresentationReason = (typeof PRESENTATION_REASONS)[keyof typeof PRESENTATION_REASONS];

/** From the liveness corpus (bench/reports/liveness.ts; README "What the models are worth here"). */
export const PRESENTATION_THRESHOLDS = {
  /** Four edges: the rectangle they enclose is at most this share of the image, and at least 3 of
   *  its corners are inside it. Three edges (a phone whose ends leave the picture): both their
   *  corners inside. A selfie's own picture edges (a software rotation's canvas, a zoomed-out
   *  frame) sit at the border, their corners on it; a room's lines rarely box the face in. */
  enclosedShare: 0.75,
  /** Spectral peak over its ring's median power; genuine faces reach ~30 (sensor and JPEG noise). */
  periodicPeak: 60,
} as const;

/** The small grey copy the edges are looked for in: enough for a phone's or a sheet's outline. */
const SMALL_SIDE = 320;

export interface PresentationCues {
  edges: { sides: Side[]; enclosed_share: number | null; corners_inside: number | null };
  periodic: { peak: number; period_px: number | null };
  reasons: PresentationReason[];
}

function boxedIn({ sides, share, corners }: Enclosure): boolean {
  if (sides.length === 4) return share !== null && share <= PRESENTATION_THRESHOLDS.enclosedShare && corners >= 3;
  return sides.length === 3 && corners >= 2;
}

/** The cues of one capture whose face the engine found at `face` (pixels of the decoded image);
 *  without a face (a screen's pattern can hide it from the detector), around the image's centre. */
export async function presentationCues(bytes: Buffer, face: Box | null): Promise<PresentationCues> {
  const { full, small } = await greyImages(bytes, SMALL_SIDE);
  const third = Math.min(full.width, full.height) / 3;
  const at: Box = face ?? [full.width / 2 - third / 2, full.height / 2 - third / 2, third, third];
  const k = small.width / full.width;
  const box = at.map((v) => v * k) as Box;
  // Longer than the face and than a sixth of the image: a device or sheet is, a face's own features are not.
  const minLength = Math.max(1.2 * Math.max(box[2], box[3]), 0.15 * Math.min(small.width, small.height));
  const around = enclosure(straightSegments(small, minLength), box, small.width, small.height);
  const periodic = periodicity(full, at);
  const reasons: PresentationReason[] = [
    ...(boxedIn(around) ? [PRESENTATION_REASONS.edges] : []),
    ...(periodic.peak >= PRESENTATION_THRESHOLDS.periodicPeak ? [PRESENTATION_REASONS.periodic] : []),
  ];
  return { edges: { sides: around.sides, enclosed_share: around.share, corners_inside: around.corners }, periodic: { peak: periodic.peak, period_px: periodic.period }, reasons };
}
