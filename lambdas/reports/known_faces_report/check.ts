/**
 * `known_faces_report`: has this face been seen on another applicant? The live face is searched
 * in the index, then added to it, so the next applicant is checked against this one too.
 */
import type { BreakdownArea, Media, ReportResult } from '../types';
import { faceDetectedArea, facesIn, liveReasons } from '../face/detection';
import { FACE_THRESHOLDS } from '../face/thresholds';
import type { FaceIndexStore } from './store';

export const MAX_MATCHES = 20;

export interface KnownFacesInput {
  live: Media;
  applicantId: string;
  index: FaceIndexStore;
}

export async function checkKnownFaces({ live, applicantId, index }: KnownFacesInput): Promise<ReportResult> {
  const [found] = await facesIn([live], 'known');
  const faces = found?.faces ?? [];
  const reasons = liveReasons(found ? [found] : []);
  const faceDetected = faceDetectedArea(reasons, { live_faces: faces.length });
  const imageIntegrity: BreakdownArea = { result: faceDetected.result, breakdown: { face_detected: faceDetected } };
  const face = faces[0];
  if (reasons.length > 0 || !face) {
    return { result: 'consider', breakdown: { image_integrity: imageIntegrity }, properties: {} };
  }

  const hits = await index.search(face.embedding, {
    minScore: FACE_THRESHOLDS.knownFaces, limit: MAX_MATCHES, excludeApplicantId: applicantId,
  });
  await index.add({ applicantId, mediaId: live.id, embedding: face.embedding });

  const matches = hits.map((h) => ({ applicant_id: h.applicantId, score: Math.round(h.score * 1000) / 1000, media_id: h.mediaId }));
  const result = matches.length > 0 ? 'consider' : 'clear';
  return {
    result,
    breakdown: { previously_seen_faces: { result }, image_integrity: imageIntegrity },
    properties: { matches },
  };
}
