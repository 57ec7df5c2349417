/**
 * `facial_similarity_report`: is the person in the live capture the one on the document?
 *
 * Judged here: `image_integrity.face_detected` (one face in each),
 * `face_comparison.face_match` (embedding similarity against FACE_THRESHOLDS.faceMatch) and
 * `visual_authenticity` (antispoof and liveness models, the pixels' presentation-attack cues;
 * Motion's head turn: face/authenticity.ts).
 * Not judged, so absent: `image_integrity.source_integrity` (no tamper/emulator signal).
 */
import { z } from 'zod';
import { worst, type BreakdownArea, type Media, type ReportResult } from '../types';
import { documentReasons, faceDetectedArea, facesIn, liveReasons, type FacesIn } from '../face/detection';
import { presentationArea, visualAuthenticity } from '../face/authenticity';
import { presentationCues, type PresentationCues } from '../face/forensics';
import { similarity, type DetectedFace } from '../face/engine';
import { FaceInputError } from '../face/errors';
import { FRAMES_PER_VIDEO, framesOf, isVideo, MOTION_FRAME_SECONDS } from '../face/frames';
import { MOTION_LIMIT_SECONDS } from '../face/head-turn';
import { FACE_THRESHOLDS } from '../face/thresholds';

export const FacialSimilarityConfig = z.object({
  variant: z.enum(['photo', 'photo_fully_auto', 'video', 'motion']).default('photo'),
});
export type FacialSimilarityConfig = z.input<typeof FacialSimilarityConfig>;

export interface FacialSimilarityInput {
  /** The document's front side, or a crop of its portrait. */
  documentImage: Media;
  /** photo variants: the live photo(s); video/motion: the videos, or frames as images. */
  live: Media[];
  config: FacialSimilarityConfig;
}

export async function checkFacialSimilarity(input: FacialSimilarityInput): Promise<ReportResult> {
  const { variant } = parseConfig(input.config);
  if (input.live.length === 0) throw new FaceInputError('No live media: pass at least one live photo, video or frame');
  const moving = variant === 'video' || variant === 'motion';
  const video = input.live.find(isVideo);
  if (!moving && video) {
    throw new FaceInputError(`Variant "${variant}" takes photos, but live media ${video.id} is ${video.contentType}; use variant "video" or "motion"`);
  }
  const [document] = await facesIn([input.documentImage], 'document') as [FacesIn<DetectedFace>];
  const frames = variant === 'motion' ? await framesOf(input.live, { every: MOTION_FRAME_SECONDS }, MOTION_LIMIT_SECONDS)
    : moving ? await framesOf(input.live, FRAMES_PER_VIDEO) : input.live;
  const live = await facesIn(frames, 'live');

  const reasons = [...documentReasons(document), ...liveReasons(live)];
  const counts = { document_faces: document.faces.length, live_faces: live.map((l) => l.faces.length) };
  const imageIntegrity: BreakdownArea = { result: reasons.length ? 'consider' : 'clear', breakdown: { face_detected: faceDetectedArea(reasons, counts) } };
  const docFace = document.faces[0];
  const cues = await cuesOf(live);
  if (reasons.length > 0 || !docFace) {
    // No comparison; a screen or a print seen in a live image without a face still says why.
    const seen = presentationArea(live, cues);
    return { result: 'consider', breakdown: { image_integrity: imageIntegrity, ...(seen ? { visual_authenticity: seen } : {}) }, properties: {} };
  }

  // Every live image with a face must match: the lowest score is the one reported, so a second
  // person swapped in for part of a video cannot hide behind a good median.
  const scores = live.flatMap((l) => (l.faces[0] ? [round(similarity(docFace.embedding, l.faces[0].embedding))] : []));
  const score = Math.min(...scores);
  const faceMatch: BreakdownArea = {
    result: score >= FACE_THRESHOLDS.faceMatch ? 'clear' : 'consider',
    properties: { score, ...(scores.length > 1 ? { scores } : {}) },
  };
  const faceComparison: BreakdownArea = { result: faceMatch.result, breakdown: { face_match: faceMatch } };
  const authenticity = visualAuthenticity(variant, live, cues);
  const result = worst([faceComparison.result, imageIntegrity.result, authenticity.result]) ?? 'consider';
  return { result, breakdown: { face_comparison: faceComparison, image_integrity: imageIntegrity, visual_authenticity: authenticity }, properties: { score } };
}

/** The presentation-attack cues of every live image or frame, around its (largest) face or, where
 *  none was found, the image's centre. */
async function cuesOf(live: FacesIn[]): Promise<Map<string, PresentationCues>> {
  const cues = new Map<string, PresentationCues>();
  for (const { media, faces } of live) cues.set(media.id, await presentationCues(media.bytes, faces[0]?.box ?? null));
  return cues;
}

function parseConfig(config: FacialSimilarityConfig): z.output<typeof FacialSimilarityConfig> {
  const parsed = FacialSimilarityConfig.safeParse(config);
  if (!parsed.success) {
    throw new FaceInputError(`Invalid facial_similarity_report config ${JSON.stringify(config)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
