/**
 * Blur: the variance of the Laplacian of the document's luminance. Sharp print (text, MRZ,
 * guilloche) has strong second derivatives; a shaken or unfocused photo has few. Measured at
 * ANALYSIS_SIDE, so the threshold does not depend on the camera's resolution.
 */
import type { Gray } from './pixels';

/** Below this the photo is too blurred to read (calibrated on rendered documents: sharp ones score in the hundreds, a 2 px blur under 40). */
export const BLUR_THRESHOLD = 60;

export function laplacianVariance(g: Gray): number {
  const { width: w, height: h, data } = g;
  let sum = 0; let squares = 0; let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const v = data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!;
      sum += v; squares += v * v; n++;
    }
  }
  if (!n) return 0;
  const mean = sum / n;
  return squares / n - mean * mean;
}

export const isBlurred = (g: Gray) => laplacianVariance(g) < BLUR_THRESHOLD;
