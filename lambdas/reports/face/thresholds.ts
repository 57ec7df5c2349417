/**
 * Thresholds of the face checks. Cosine similarity: chosen from bench/reports/faces.ts over the
 * fixture pairs (README.md has the table), each the midpoint, rounded, between the lowest
 * same-person and the highest other-person score. Model scores (`real`, `live`): below every
 * genuine fixture image, as attacks do not score lower (bench/reports/liveness.ts). Two
 * identities only: a starting point to re-measure on a real evaluation set.
 */
export const FACE_THRESHOLDS = {
  /** Document portrait vs live capture: same person ≥ 0.637 (a 150 px grey ID-card portrait
   *  vs colour photos), the other person ≤ 0.475. */
  faceMatch: 0.56,
  /** Live capture vs live capture (known faces): same person ≥ 0.810, the other ≤ 0.439. */
  knownFaces: 0.62,
  /** Human's antispoof model (`real`, 0 spoof .. 1 real): just under the lowest genuine score of
   *  the 22 fixture variants (0.44). Human's own demo asks for 0.6, which would reject the real
   *  astronaut photo (0.45). Our screen and print attacks score 0.4-0.85: it catches none of them; the pixel cues (forensics/) do. */
  real: 0.4,
  /** Human's liveness model (`live`, 0 .. 1): the fixture variants range 0.10 (the cameraman,
   *  JPEG q80) to 1.0, attacks alike, so only a near-zero score is taken as a finding. */
  live: 0.05,
} as const;
