/**
 * Glare: a specular highlight that burns out the print under it. Measured on the document
 * region as blobs of clipped cells (every channel near 255, so no print and no texture left)
 * that are surrounded by a halo: a reflection fades into the page around it, so the page just
 * outside the blob is clearly brighter than the page a little further out. Printed white
 * areas (a white MRZ band, a white page, a label) are bright too but end in a sharp edge: no
 * halo, so they are not glare. A region that is clipped almost all over is overexposed
 * paper, not a reflection, and does not count either.
 */
import type { Rgb } from './quality-region';

/** A pixel is clipped when every channel is at least this. */
const CLIPPED = 250;
/** Cell side in pixels (the region is measured at most 1000 px on its long side). */
const CELL = 4;
/** A cell is part of a blob when this share of its pixels is clipped. */
const CELL_CLIPPED = 0.9;
/** A blob is solid (print hidden, not showing through) when at most this share of its extent is not clipped. */
const MAX_GAPS = 0.15;
/** Rings around a blob, in cells: near (the halo) and far (the page). */
const NEAR = [1, 2] as const, FAR = [6, 9] as const;

export interface Glare {
  /** Area of the largest blob with a halo, as a share of the region. */
  share: number;
  /** Halo of that blob: median luminance near it minus far from it (0–255). */
  halo: number;
  /** Share of the region's pixels that are clipped. */
  clipped: number;
}

interface Blob { cells: number[]; halo: number }

/** A high quantile of the ring's cell luminance: the paper's brightness, little moved by the print on it. */
const paper = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length * 0.6)] ?? 0;

/** 4-connected groups of set cells. */
function components(set: Uint8Array, cols: number, rows: number): number[][] {
  const seen = new Uint8Array(set.length);
  const out: number[][] = [];
  for (let start = 0; start < set.length; start++) {
    if (!set[start] || seen[start]) continue;
    const stack = [start], cells: number[] = [];
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop() as number;
      cells.push(i);
      const r = Math.floor(i / cols), c = i % cols;
      for (const [nr, nc] of [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]] as const) {
        const j = nr * cols + nc;
        if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && set[j] && !seen[j]) { seen[j] = 1; stack.push(j); }
      }
    }
    out.push(cells);
  }
  return out;
}

function dilate(mask: Uint8Array, cols: number, rows: number, steps: number): Uint8Array {
  let current = mask;
  for (let s = 0; s < steps; s++) {
    const next = current.slice();
    for (let i = 0; i < current.length; i++) {
      if (current[i]) continue;
      const r = Math.floor(i / cols), c = i % cols;
      if ((c > 0 && current[i - 1]) || (c < cols - 1 && current[i + 1]) || (r > 0 && current[i - cols]) || (r < rows - 1 && current[i + cols])) next[i] = 1;
    }
    current = next;
  }
  return current;
}

/** Paper brightness in the ring `from`–`to` cells out from the blob's outline. */
function ring(mask: Uint8Array, luma: Float32Array, cols: number, rows: number, [from, to]: readonly [number, number]): number {
  const inner = dilate(mask, cols, rows, from - 1), outer = dilate(inner, cols, rows, to - from + 1);
  const values: number[] = [];
  for (let i = 0; i < mask.length; i++) if (outer[i] && !inner[i]) values.push(luma[i] ?? 0);
  return values.length ? paper(values) : NaN;
}

/**
 * Share of the cells inside the blob's extent (within its span on both its row and its
 * column) that are not in it: print showing through. A reflection hides the print under it
 * (close to 0); a white band around an MRZ is full of it.
 */
function gaps(cells: number[], cols: number): number {
  const rowSpan = new Map<number, [number, number]>(), colSpan = new Map<number, [number, number]>();
  const inBlob = new Set(cells);
  for (const i of cells) {
    const r = Math.floor(i / cols), c = i % cols;
    const rs = rowSpan.get(r), cs = colSpan.get(c);
    rowSpan.set(r, rs ? [Math.min(rs[0], c), Math.max(rs[1], c)] : [c, c]);
    colSpan.set(c, cs ? [Math.min(cs[0], r), Math.max(cs[1], r)] : [r, r]);
  }
  let holes = 0;
  for (const [r, [c0, c1]] of rowSpan) {
    for (let c = c0; c <= c1; c++) {
      const span = colSpan.get(c);
      if (!inBlob.has(r * cols + c) && span && r >= span[0] && r <= span[1]) holes++;
    }
  }
  return holes / (holes + cells.length);
}

export function findGlare(img: Rgb, minShare: number): Glare {
  const cols = Math.floor(img.width / CELL), rows = Math.floor(img.height / CELL);
  const luma = new Float32Array(cols * rows), set = new Uint8Array(cols * rows);
  const ch = img.channels;
  let clipped = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let over = 0, sum = 0;
      for (let y = r * CELL; y < (r + 1) * CELL; y++) {
        for (let x = c * CELL; x < (c + 1) * CELL; x++) {
          const i = (y * img.width + x) * ch;
          const red = img.data[i] ?? 0, green = ch >= 3 ? img.data[i + 1] ?? 0 : red, blue = ch >= 3 ? img.data[i + 2] ?? 0 : red;
          if (Math.min(red, green, blue) >= CLIPPED) over++;
          sum += 0.299 * red + 0.587 * green + 0.114 * blue;
        }
      }
      const n = CELL * CELL;
      clipped += over;
      luma[r * cols + c] = sum / n;
      set[r * cols + c] = over / n >= CELL_CLIPPED ? 1 : 0;
    }
  }
  const total = Math.max(1, cols * rows);
  const clippedShare = clipped / (total * CELL * CELL);
  const none: Glare = { share: 0, halo: 0, clipped: clippedShare };
  if (clippedShare > 0.5) return none;
  const blobs: Blob[] = components(set, cols, rows)
    .filter((cells) => cells.length / total >= minShare)
    .filter((cells) => gaps(cells, cols) <= MAX_GAPS)
    .map((cells) => {
      const mask = new Uint8Array(cols * rows);
      for (const i of cells) mask[i] = 1;
      return { cells, halo: ring(mask, luma, cols, rows, NEAR) - ring(mask, luma, cols, rows, FAR) };
    })
    .filter((b) => Number.isFinite(b.halo));
  const best = blobs.sort((a, b) => b.halo - a.halo || b.cells.length - a.cells.length)[0];
  return best ? { share: best.cells.length / total, halo: best.halo, clipped: clippedShare } : none;
}
