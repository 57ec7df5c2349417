/**
 * Faces found in each piece of evidence, and the `image_integrity.face_detected` judgement:
 * exactly one face in the document and in every live image that has one. Every problem is
 * listed at once in `properties.reasons`.
 */
import type { BreakdownArea } from '../types';
import { detectFaces, type DetectedFace, type FaceOf, type FaceUse, type LiveFace } from './engine';
import type { Frame } from './frames';

export interface FacesIn<F extends DetectedFace = LiveFace> {
  media: Frame;
  faces: F[];
}

export const FACE_REASONS = {
  noFaceInDocument: 'no_face_in_document',
  severalFacesInDocument: 'several_faces_in_document',
  noFaceInLive: 'no_face_in_live_media',
  severalFacesInLive: 'several_faces_in_live_media',
} as const;
export type FaceReason = (typeof FACE_REASONS)[keyof typeof FACE_REASONS];

/** One image at a time: the wasm backend is single-threaded, so parallel calls only queue.
 *  `use` says what runs on each face: only live media get the authenticity models and the mesh. */
export async function facesIn<U extends FaceUse>(media: Frame[], use: U): Promise<Array<FacesIn<FaceOf<U>>>> {
  const out: Array<FacesIn<FaceOf<U>>> = [];
  for (const item of media) out.push({ media: item, faces: await detectFaces(item.bytes, use) });
  return out;
}

/** Live frames may miss the face (a turned head, motion blur) as long as one frame shows it;
 *  a second face anywhere is another person in view. */
export function liveReasons(live: Array<FacesIn<DetectedFace>>): FaceReason[] {
  const reasons: FaceReason[] = [];
  if (!live.some((l) => l.faces.length > 0)) reasons.push(FACE_REASONS.noFaceInLive);
  if (live.some((l) => l.faces.length > 1)) reasons.push(FACE_REASONS.severalFacesInLive);
  return reasons;
}

export function documentReasons(document: FacesIn<DetectedFace>): FaceReason[] {
  if (document.faces.length === 0) return [FACE_REASONS.noFaceInDocument];
  if (document.faces.length > 1) return [FACE_REASONS.severalFacesInDocument];
  return [];
}

export function faceDetectedArea(reasons: FaceReason[], counts: Record<string, unknown>): BreakdownArea {
  return reasons.length === 0
    ? { result: 'clear', properties: counts }
    : { result: 'consider', properties: { reasons, ...counts } };
}
