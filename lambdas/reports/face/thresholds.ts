/**
 * Cosine-similarity thresholds of the face checks, chosen from bench/reports/faces.ts over the
 * fixture pairs (README.md has the table). Each is the midpoint, rounded, between the lowest
 * same-person and the highest other-person score. Two identities only: a starting point to
 * re-measure on a real evaluation set before relying on the false-match rate.
 */
export const FACE_THRESHOLDS = {
  /** Document portrait vs live capture: same person ≥ 0.637 (a 150 px grey ID-card portrait
   *  vs colour photos), the other person ≤ 0.475. */
  faceMatch: 0.56,
  /** Live capture vs live capture (known faces): same person ≥ 0.810, the other ≤ 0.439. */
  knownFaces: 0.62,
} as const;
