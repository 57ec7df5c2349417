/**
 * Where the document is, and which of its edges the photo cuts off. The background is the
 * colour of the photo's four corners; blocks of a coarse grid that differ from it are the
 * document. A document lying inside the frame is one solid rectangle of such blocks clear of
 * the photo's borders; a side whose border strip is mostly document is cut off, and a photo
 * with no solid document (it fills the whole frame, or the corners are the document) has all
 * four sides cut off.
 */
import type { Box, Rgba } from './pixels';

export type Side = 'top' | 'bottom' | 'left' | 'right';
export interface DocumentBounds { box: Box; cut: Side[] }

/** Blocks across the longest side of the grid. */
const GRID = 96;
/** Colour distance (RGB, 0-441) from the background above which a block is document. */
const DISTANCE = 40;
/** A row or column of the grid belongs to the document when this share of it does. */
const LINE_SHARE = 0.3;
/** The document's rectangle must be this full of document blocks (a document on a table, not the text of a page filling the frame). */
const SOLID = 0.75;
/** A side is cut off when this share of its border strip (the outermost blocks) is document. */
const BORDER_SHARE = 0.2;
const ALL: Side[] = ['top', 'bottom', 'left', 'right'];

interface Grid { cols: number; rows: number; cell: number; colour: Float32Array }

function grid(img: Rgba): Grid {
  const cell = Math.max(1, Math.ceil(Math.max(img.width, img.height) / GRID));
  const cols = Math.floor(img.width / cell);
  const rows = Math.floor(img.height / cell);
  const colour = new Float32Array(cols * rows * 3);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let red = 0; let green = 0; let blue = 0;
      for (let y = r * cell; y < (r + 1) * cell; y++) {
        for (let x = c * cell; x < (c + 1) * cell; x++) {
          const i = (y * img.width + x) * 4;
          red += img.data[i]!; green += img.data[i + 1]!; blue += img.data[i + 2]!;
        }
      }
      const n = cell * cell;
      colour.set([red / n, green / n, blue / n], (r * cols + c) * 3);
    }
  }
  return { cols, rows, cell, colour };
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The background's colour: the median of the blocks in the four corners. */
function background(g: Grid): [number, number, number] {
  const size = Math.max(2, Math.round(g.cols * 0.06));
  const picked: number[][] = [[], [], []];
  for (const [r0, c0] of [[0, 0], [0, g.cols - size], [g.rows - size, 0], [g.rows - size, g.cols - size]] as const) {
    for (let r = r0; r < r0 + size; r++) for (let c = c0; c < c0 + size; c++) for (let k = 0; k < 3; k++) picked[k]!.push(g.colour[(r * g.cols + c) * 3 + k]!);
  }
  return [median(picked[0]!), median(picked[1]!), median(picked[2]!)];
}

export function findDocument(img: Rgba): DocumentBounds {
  const g = grid(img);
  const bg = background(g);
  const doc = new Uint8Array(g.cols * g.rows);
  for (let i = 0; i < doc.length; i++) {
    const d = Math.hypot(g.colour[i * 3]! - bg[0], g.colour[i * 3 + 1]! - bg[1], g.colour[i * 3 + 2]! - bg[2]);
    doc[i] = d > DISTANCE ? 1 : 0;
  }
  const at = (r: number, c: number) => doc[r * g.cols + c]!;
  const rowShare = (r: number, c0 = 0, c1 = g.cols) => { let n = 0; for (let c = c0; c < c1; c++) n += at(r, c); return n / (c1 - c0); };
  const colShare = (c: number, r0 = 0, r1 = g.rows) => { let n = 0; for (let r = r0; r < r1; r++) n += at(r, c); return n / (r1 - r0); };
  const rows = [...Array(g.rows).keys()].filter((r) => rowShare(r) >= LINE_SHARE);
  const cols = [...Array(g.cols).keys()].filter((c) => colShare(c) >= LINE_SHARE);
  const whole: Box = { x0: 0, y0: 0, x1: img.width, y1: img.height };
  if (!rows.length || !cols.length) return { box: whole, cut: ALL };
  const [r0, r1, c0, c1] = [rows[0]!, rows[rows.length - 1]! + 1, cols[0]!, cols[cols.length - 1]! + 1];
  let filled = 0;
  for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) filled += at(r, c);
  const solid = filled / ((r1 - r0) * (c1 - c0)) >= SOLID;
  const box: Box = { x0: c0 * g.cell, y0: r0 * g.cell, x1: c1 * g.cell, y1: r1 * g.cell };
  if (!solid) return { box: whole, cut: ALL };
  const cut: Side[] = [];
  if (rowShare(0, c0, c1) >= BORDER_SHARE) cut.push('top');
  if (rowShare(g.rows - 1, c0, c1) >= BORDER_SHARE) cut.push('bottom');
  if (colShare(0, r0, r1) >= BORDER_SHARE) cut.push('left');
  if (colShare(g.cols - 1, r0, r1) >= BORDER_SHARE) cut.push('right');
  return { box, cut };
}
