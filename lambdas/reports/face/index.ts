/** Face checks: `facial_similarity_report` and `known_faces_report`. The only door in. */
export { checkFacialSimilarity, FacialSimilarityConfig, type FacialSimilarityInput } from '../facial_similarity_report/check';
export { checkKnownFaces, InMemoryFaceIndex, MAX_MATCHES } from '../known_faces_report';
export type { FaceEntry, FaceIndexStore, FaceMatch, KnownFacesInput, SearchOptions } from '../known_faces_report';
export { detectFaces, similarity, normalise, getHuman, FACE_USES, type DetectedFace, type FaceUse, type LiveFace } from './engine';
export { extractFrames, framesOf, FRAMES_PER_VIDEO, MOTION_FRAME_SECONDS, type Frame } from './frames';
export { FACE_THRESHOLDS } from './thresholds';
export { FACE_REASONS, type FaceReason } from './detection';
export { FaceEngineError, FaceInputError } from './errors';
