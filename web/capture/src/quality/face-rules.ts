/**
 * What a face detector's boxes mean for a selfie: one face, centred in the oval and close enough
 * (live, before the shutter), or at least one face and only one (a taken or uploaded photo).
 * The viewfinder shows the middle of the frame at 3:4 (`object-fit: cover`), so the oval's
 * centre and height are those of that crop.
 */
export interface FaceBox { x: number; y: number; width: number; height: number; score: number }
export type FaceProblem = 'noFace' | 'manyFaces' | 'offCentre' | 'tooFar';

/** A detection this sure is a face. */
export const MIN_SCORE = 0.5;
/** The viewfinder's width / height (app.css `.viewfinder.face`). */
const VIEW_ASPECT = 3 / 4;
/** The face's centre may be this far (share of the visible width or height) from the oval's. */
const CENTRE_TOLERANCE = 0.15;
/** The face's box must be at least this share of the visible height. */
export const MIN_HEIGHT = 0.25;

export function judgeFaces(boxes: FaceBox[], frame: { width: number; height: number }, live: boolean): FaceProblem | undefined {
  const faces = boxes.filter((b) => b.score >= MIN_SCORE);
  if (faces.length === 0) return 'noFace';
  if (faces.length > 1) return 'manyFaces';
  if (!live) return undefined;
  const face = faces[0]!;
  const wide = frame.width / frame.height > VIEW_ASPECT;
  const view = wide ? { width: frame.height * VIEW_ASPECT, height: frame.height } : { width: frame.width, height: frame.width / VIEW_ASPECT };
  const dx = Math.abs(face.x + face.width / 2 - frame.width / 2) / view.width;
  const dy = Math.abs(face.y + face.height / 2 - frame.height / 2) / view.height;
  if (dx > CENTRE_TOLERANCE || dy > CENTRE_TOLERANCE) return 'offCentre';
  if (face.height < MIN_HEIGHT * view.height) return 'tooFar';
  return undefined;
}
