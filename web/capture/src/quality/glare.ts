/**
 * Glare: a blob of clipped, texture-less pixels on a document whose paper is not itself clipped.
 * A reflection burns out the print under it (no texture left) and is brighter than the paper
 * around it; white paper is bright too but keeps its print, and a page that is clipped all over
 * is overexposed paper, not a reflection, so it does not count.
 */
import type { Gray } from './pixels';

/** Luminance of a clipped pixel. */
const CLIPPED = 248;
/** Cells across the longest side of the document. */
const CELLS = 40;
/** A glare cell is this share clipped ... */
const CELL_CLIPPED = 0.9;
/** ... and has no print: its luminance's standard deviation is below this. */
const CELL_FLAT = 6;
/** Glare when one connected blob of glare cells covers this share of the document ... */
export const GLARE_AREA = 0.015;
/** ... and the document as a whole is at most this share clipped (else it is white, overexposed paper). */
const PAPER_CLIPPED = 0.4;

export interface GlareResult { glare: boolean; blob: number; clipped: number }

export function findGlare(g: Gray): GlareResult {
  const cell = Math.max(2, Math.ceil(Math.max(g.width, g.height) / CELLS));
  const cols = Math.floor(g.width / cell);
  const rows = Math.floor(g.height / cell);
  const flat = new Uint8Array(cols * rows);
  let clipped = 0;
  for (const v of g.data) if (v >= CLIPPED) clipped++;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let over = 0; let sum = 0; let squares = 0;
      for (let y = r * cell; y < (r + 1) * cell; y++) {
        for (let x = c * cell; x < (c + 1) * cell; x++) {
          const v = g.data[y * g.width + x]!;
          if (v >= CLIPPED) over++;
          sum += v; squares += v * v;
        }
      }
      const n = cell * cell;
      const sd = Math.sqrt(Math.max(0, squares / n - (sum / n) ** 2));
      flat[r * cols + c] = over / n >= CELL_CLIPPED && sd < CELL_FLAT ? 1 : 0;
    }
  }
  const blob = largestBlob(flat, cols, rows) / Math.max(1, cols * rows);
  const share = clipped / Math.max(1, g.data.length);
  return { glare: blob >= GLARE_AREA && share <= PAPER_CLIPPED, blob, clipped: share };
}

/** Cells in the largest 4-connected group of set cells. */
function largestBlob(set: Uint8Array, cols: number, rows: number): number {
  const seen = new Uint8Array(set.length);
  let best = 0;
  for (let start = 0; start < set.length; start++) {
    if (!set[start] || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    let size = 0;
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      const r = Math.floor(i / cols);
      const c = i % cols;
      for (const [nr, nc] of [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]] as const) {
        const j = nr * cols + nc;
        if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && set[j] && !seen[j]) { seen[j] = 1; stack.push(j); }
      }
    }
    best = Math.max(best, size);
  }
  return best;
}
