/**
 * Glare: a specular highlight that burns out the print under it. Measured on the document
 * region as blobs of burnt-out cells: every channel clipped, flat (no grain, no print) and at
 * the ceiling a sensor clips to (255; a JPEG may leave 254). Paper, even white paper a few
 * levels below that, keeps its grain and is not burnt out. A blob must be compact (a reflection
 * is a blob, not a strip) and solid (print does not show through: a white MRZ band is full of
 * it). Next to it, a reflection fades into the page: the page just outside the blob is brighter
 * than a little further out (the halo), measured on the page, not on other burnt-out areas.
 * Printed white areas (a white band or a label on a darker page) end in a sharp edge: no halo,
 * so they are not glare. A page within a few levels of saturation leaves no room for a halo;
 * there a burnt-out blob is glare by itself. A region burnt out almost all over is overexposed
 * paper, not a reflection, and does not count.
 */
import type { Rgb } from './quality-region';

/** A pixel is clipped when every channel is at least this (a JPEG can take a level or two off a saturated area) ... */
const CLIPPED = 250;
/** ... and a cell is burnt out when all its pixels are clipped and within this many levels of each other (no grain, no print). */
const FLAT = 1;
/** Cell side in pixels (the region is measured at most 1000 px on its long side). */
const CELL = 4;
/** A blob is solid (print hidden, not showing through) when at most this share of its extent is not saturated. */
const MAX_GAPS = 0.15;
/** A blob is compact when its area is at most this many times the disc inscribed in it (an ellipse of axes up to 4:1). */
const MAX_ELONGATION = 4;
/** Rings around a blob, in cells: near (the halo) and far (the page). */
const NEAR = [1, 2] as const, FAR = [6, 9] as const;

export interface GlareLimits {
  /** Smallest blob, as a share of the region. */
  minGlareShare: number;
  /** Halo a blob needs where the page leaves room for one ... */
  minGlareHalo: number;
  /** ... which it does when the page is darker than this (0–255). */
  minHaloRoom: number;
}

export interface Glare {
  /** Area of the blob most like a reflection, as a share of the region. */
  share: number;
  /** Its halo: paper brightness near it minus far from it (0–255). */
  halo: number;
  /** Paper brightness far from it (0–255). */
  page: number;
  /** Share of the region's cells that are burnt out. */
  burnt: number;
}

/** Whether a measured blob is glare: big enough, and with a halo unless the page is too bright to show one. */
export const isGlare = (g: Pick<Glare, 'share' | 'halo' | 'page'>, t: GlareLimits): boolean =>
  g.share >= t.minGlareShare && (g.halo >= t.minGlareHalo || g.page >= t.minHaloRoom);

/** A high quantile of the ring's cell luminance: the paper's brightness, little moved by the print on it. */
const paper = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length * 0.6)] ?? 0;

interface Cells { cols: number; rows: number }

/** 4-connected groups of set cells. */
function components(set: Uint8Array, { cols, rows }: Cells): number[][] {
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

/** Chamfer distance (cells) from every cell to the nearest cell where `from` is set, or to the grid's edge. */
function distance(from: Uint8Array, { cols, rows }: Cells): Float32Array {
  const edge = (i: number) => Math.min(i % cols, cols - 1 - (i % cols), Math.floor(i / cols), rows - 1 - Math.floor(i / cols)) + 1;
  const d = new Float32Array(from.length).map((_, i) => (from[i] ? 0 : edge(i)));
  const relax = (i: number, r: number, c: number, dr: number, dc: number, w: number) => {
    const nr = r + dr, nc = c + dc;
    if (nr >= 0 && nr < rows && nc >= 0 && nc < cols) d[i] = Math.min(d[i] ?? 0, (d[nr * cols + nc] ?? 0) + w);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      relax(i, r, c, 0, -1, 1); relax(i, r, c, -1, 0, 1); relax(i, r, c, -1, -1, Math.SQRT2); relax(i, r, c, -1, 1, Math.SQRT2);
    }
  }
  for (let r = rows - 1; r >= 0; r--) {
    for (let c = cols - 1; c >= 0; c--) {
      const i = r * cols + c;
      relax(i, r, c, 0, 1, 1); relax(i, r, c, 1, 0, 1); relax(i, r, c, 1, 1, Math.SQRT2); relax(i, r, c, 1, -1, Math.SQRT2);
    }
  }
  return d;
}

const maskOf = (cells: number[], size: number) => { const m = new Uint8Array(size); for (const i of cells) m[i] = 1; return m; };
const inverse = (mask: Uint8Array) => mask.map((v) => (v ? 0 : 1));

/** Area over the disc inscribed in the blob: about 1 for a disc, the axis ratio for an ellipse, far more for a strip. */
function elongation(cells: number[], grid: Cells): number {
  const inside = distance(inverse(maskOf(cells, grid.cols * grid.rows)), grid);
  let widest = 0;
  for (const i of cells) widest = Math.max(widest, inside[i] ?? 0);
  return cells.length / (Math.PI * widest * widest);
}

function dilate(mask: Uint8Array, { cols, rows }: Cells, steps: number): Uint8Array {
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

/** Paper brightness in the ring `from`–`to` cells out from the blob's outline, on the page (burnt cells left out: a white band the blob touches is not the page). */
function ring(mask: Uint8Array, grid: Burnt, [from, to]: readonly [number, number]): number {
  const inner = dilate(mask, grid, from - 1), outer = dilate(inner, grid, to - from + 1);
  const values: number[] = [];
  for (let i = 0; i < mask.length; i++) if (outer[i] && !inner[i] && !grid.set[i]) values.push(grid.luma[i] ?? 0);
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

interface Burnt extends Cells { luma: Float32Array; set: Uint8Array; burnt: number }

/**
 * Per cell: mean luminance, and whether it is burnt out: clipped, flat (no grain, no print) and
 * within a level of the ceiling: 255 when at least `enough` flat cells are at 255, else 254 (a
 * JPEG may leave a saturated area there), else nothing is burnt out. Flat paper a few levels
 * below the ceiling is paper.
 */

function burntCells(img: Rgb, enough: number): Burnt {
  const cols = Math.floor(img.width / CELL), rows = Math.floor(img.height / CELL);
  const luma = new Float32Array(cols * rows), level = new Int16Array(cols * rows).fill(-1);
  const ch = img.channels;
  const flatAt = new Array<number>(256).fill(0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let low = 255, high = 0, sum = 0;
      for (let y = r * CELL; y < (r + 1) * CELL; y++) {
        for (let x = c * CELL; x < (c + 1) * CELL; x++) {
          const i = (y * img.width + x) * ch;
          const red = img.data[i] ?? 0, green = ch >= 3 ? img.data[i + 1] ?? 0 : red, blue = ch >= 3 ? img.data[i + 2] ?? 0 : red;
          const least = Math.min(red, green, blue);
          low = Math.min(low, least); high = Math.max(high, least);
          sum += 0.299 * red + 0.587 * green + 0.114 * blue;
        }
      }
      luma[r * cols + c] = sum / (CELL * CELL);
      if (low >= CLIPPED && high - low <= FLAT) { level[r * cols + c] = low; flatAt[low] = (flatAt[low] ?? 0) + 1; }
    }
  }
  const ceiling = (flatAt[255] ?? 0) >= enough ? 255 : (flatAt[255] ?? 0) + (flatAt[254] ?? 0) >= enough ? 254 : 256;
  const set = new Uint8Array(cols * rows);
  let burnt = 0;
  for (let i = 0; i < set.length; i++) if ((level[i] ?? -1) >= ceiling - FLAT) { set[i] = 1; burnt++; }
  return { cols, rows, luma, set, burnt: burnt / Math.max(1, cols * rows) };
}

export function findGlare(img: Rgb, limits: GlareLimits): Glare {
  const total = Math.max(1, Math.floor(img.width / CELL) * Math.floor(img.height / CELL));
  const grid = burntCells(img, Math.ceil(total * limits.minGlareShare / 2));
  const none: Glare = { share: 0, halo: 0, page: 0, burnt: grid.burnt };
  if (grid.burnt > 0.5) return none;
  const big = (cells: number[]) => cells.length / total >= limits.minGlareShare;
  const blobs: Glare[] = components(grid.set, grid).filter(big)
    .filter((cells) => elongation(cells, grid) <= MAX_ELONGATION && gaps(cells, grid.cols) <= MAX_GAPS)
    .map((cells) => {
      const mask = maskOf(cells, total), page = ring(mask, grid, FAR);
      return { share: cells.length / total, halo: ring(mask, grid, NEAR) - page, page, burnt: grid.burnt };
    })
    .filter((b) => Number.isFinite(b.halo) && Number.isFinite(b.page));
  const rank = (b: Glare) => (isGlare(b, limits) ? 1 : 0);
  return blobs.sort((a, b) => rank(b) - rank(a) || b.halo - a.halo || b.share - a.share)[0] ?? none;
}
