/**
 * On-device checks of a document photo before it is sent: cut-off edges (the whole document in
 * the frame), blur and glare, each a reason to retake. The photo is given at ANALYSIS_SIDE
 * (`analysisSize`); blur and glare are measured inside the document (a little in from its
 * border, where the table's edge or the card's shadow would count as print).
 */
import { isBlurred } from './blur';
import { findDocument } from './edges';
import { findGlare } from './glare';
import { ANALYSIS_SIDE, inset, toGray, type Rgba } from './pixels';

export type Problem = 'cut_off' | 'blur' | 'glare';
export { ANALYSIS_SIDE, type Rgba };

/** The size a photo of `width` × `height` is scaled to for the checks. */
export function analysisSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, ANALYSIS_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function checkDocument(img: Rgba): Problem[] {
  const { box, cut } = findDocument(img);
  const gray = toGray(img, inset(box, 0.04));
  const problems: Problem[] = [];
  if (cut.length) problems.push('cut_off');
  if (isBlurred(gray)) problems.push('blur');
  if (findGlare(gray).glare) problems.push('glare');
  return problems;
}
