/**
 * Cosine-similarity thresholds of the face checks, chosen from `npm run bench:reports`
 * (bench/reports/faces.ts) over the fixture pairs; see README.md for the figures.
 * Two identities only: these are a starting point to re-measure on a real evaluation set.
 */
export const FACE_THRESHOLDS = {
  /** Document portrait vs live capture. Same person scored ≥ 0.635 (small grey ID-card
   *  portrait vs colour photo), different people ≤ 0.477: the midpoint, rounded. */
  faceMatch: 0.56,
  /** Live capture vs live capture (known faces). Same person ≥ 0.808, different ≤ 0.44. */
  knownFaces: 0.62,
} as const;
