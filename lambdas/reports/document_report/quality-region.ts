/**
 * Where the document lies in the frame, and which of its edges the frame cuts off. The
 * background is the colour of the frame's four corners; cells of a coarse grid that differ
 * from it are document, and so is every cell the table cannot reach (a shaded part of a tinted
 * page can be as grey as the table). A photo of a document on a table shows one solid rectangle of such
 * cells; a side whose outermost strip of cells is mostly document runs off the frame. A scan
 * (or a photo cropped to the page) has no background: the document is the whole frame and no
 * edge counts as cut off (a page cropped inside its own edges is not detected here).
 */

export type Side = 'top' | 'bottom' | 'left' | 'right';
export interface Box { left: number; top: number; width: number; height: number }
export interface Rgb { data: Uint8Array | Buffer; width: number; height: number; channels: number }
export interface DocumentRegion { box: Box; cut: Side[]; background: boolean }

/** Cells across the longest side of the frame. */
const GRID = 64;
/**
 * Colour distance (RGB, 0–441) from the background above which a cell is document: this many
 * times the background's own variation (the median of the corner cells' distances from
 * their median, so a corner the page covers does not count), within these bounds. A table is
 * even, so a page in shadow close to its colour is still told apart; a scan's corners are the
 * page itself, whose gradient from one colour to another is not document.
 */
const DISTANCE = { times: 4, min: 20, max: 48 } as const;
/** A grid row or column belongs to the document when its share of document cells is at least this share of the fullest row's (column's) ... */
const LINE_SHARE = 0.5;
/** ... and at least this share of the frame (a small document far away still counts). */
const MIN_LINE_SHARE = 0.1;
/** The document's rectangle must be this full of document cells (a document on a table, not the print of a scan). */
const SOLID = 0.8;
/**
 * ... and hold at least this share of all the frame's document cells: a document on a table is
 * everything that differs from the table. On a scan the corners are the page itself, and the
 * dense print of an MRZ's lines crossed with a photo's columns can make a small solid rectangle
 * that holds a fraction of the print (measured: 5–18% on scans of our corpus and bench renders,
 * 58% and more on photos); such a rectangle is not the document.
 */
const CONTAINED = 0.4;
/** A side is cut off when this share of the frame's border strip along the document is document. */
const BORDER_SHARE = 0.3;

interface Grid { cols: number; rows: number; cell: number; colour: Float32Array }

function grid(img: Rgb): Grid {
  const cell = Math.max(1, Math.ceil(Math.max(img.width, img.height) / GRID));
  const cols = Math.floor(img.width / cell), rows = Math.floor(img.height / cell);
  const colour = new Float32Array(cols * rows * 3);
  const ch = img.channels;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let red = 0, green = 0, blue = 0;
      for (let y = r * cell; y < (r + 1) * cell; y++) {
        for (let x = c * cell; x < (c + 1) * cell; x++) {
          const i = (y * img.width + x) * ch;
          const v = img.data[i] ?? 0;
          red += v; green += ch >= 3 ? img.data[i + 1] ?? 0 : v; blue += ch >= 3 ? img.data[i + 2] ?? 0 : v;
        }
      }
      const n = cell * cell;
      colour.set([red / n, green / n, blue / n], (r * cols + c) * 3);
    }
  }
  return { cols, rows, cell, colour };
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const distanceTo = (g: Grid, i: number, [red, green, blue]: readonly number[]) =>
  Math.hypot((g.colour[i * 3] ?? 0) - (red ?? 0), (g.colour[i * 3 + 1] ?? 0) - (green ?? 0), (g.colour[i * 3 + 2] ?? 0) - (blue ?? 0));

/** The background's colour (median of the frame's corner cells) and the distance above which a cell differs from it. */
function background(g: Grid): { colour: [number, number, number]; distance: number } {
  const size = Math.max(1, Math.round(Math.min(g.cols, g.rows) * 0.06));
  const corners: number[] = [];
  for (const [r0, c0] of [[0, 0], [0, g.cols - size], [g.rows - size, 0], [g.rows - size, g.cols - size]] as const) {
    for (let r = r0; r < r0 + size; r++) for (let c = c0; c < c0 + size; c++) corners.push(r * g.cols + c);
  }
  const channel = (k: number) => median(corners.map((i) => g.colour[i * 3 + k] ?? 0));
  const colour: [number, number, number] = [channel(0), channel(1), channel(2)];
  const spread = corners.map((i) => distanceTo(g, i, colour)).sort((a, b) => a - b)[Math.floor(corners.length / 2)] ?? 0;
  return { colour, distance: Math.min(DISTANCE.max, Math.max(DISTANCE.min, DISTANCE.times * spread)) };
}

/**
 * Marks as document every background-coloured cell that the table cannot reach: a cell not
 * connected (4-neighbours, through background cells) to a background cell on the frame's border.
 * Parts of a tinted page in shadow come close to a grey table's colour; enclosed by the page,
 * they are the page.
 */
function fillEnclosed(doc: Uint8Array, cols: number, rows: number): void {
  const seen = new Uint8Array(doc.length);
  const stack: number[] = [];
  const push = (i: number) => { if (!seen[i] && !doc[i]) { seen[i] = 1; stack.push(i); } };
  for (let c = 0; c < cols; c++) { push(c); push((rows - 1) * cols + c); }
  for (let r = 0; r < rows; r++) { push(r * cols); push(r * cols + cols - 1); }
  while (stack.length) {
    const i = stack.pop() ?? 0;
    const r = Math.floor(i / cols), c = i % cols;
    if (r > 0) push(i - cols);
    if (r < rows - 1) push(i + cols);
    if (c > 0) push(i - 1);
    if (c < cols - 1) push(i + 1);
  }
  for (let i = 0; i < doc.length; i++) if (!seen[i]) doc[i] = 1;
}

export function findDocument(img: Rgb): DocumentRegion {
  const whole: DocumentRegion = { box: { left: 0, top: 0, width: img.width, height: img.height }, cut: [], background: false };
  const g = grid(img);
  if (g.cols < 8 || g.rows < 8) return whole;
  const bg = background(g);
  const doc = new Uint8Array(g.cols * g.rows);
  for (let i = 0; i < doc.length; i++) doc[i] = distanceTo(g, i, bg.colour) > bg.distance ? 1 : 0;
  fillEnclosed(doc, g.cols, g.rows);
  const at = (r: number, c: number) => doc[r * g.cols + c] ?? 0;
  const rowShare = (r: number, c0 = 0, c1 = g.cols) => { let n = 0; for (let c = c0; c < c1; c++) n += at(r, c); return n / Math.max(1, c1 - c0); };
  const colShare = (c: number, r0 = 0, r1 = g.rows) => { let n = 0; for (let r = r0; r < r1; r++) n += at(r, c); return n / Math.max(1, r1 - r0); };
  const rowShares = [...Array(g.rows).keys()].map((r) => rowShare(r)), colShares = [...Array(g.cols).keys()].map((c) => colShare(c));
  const rowLine = Math.max(MIN_LINE_SHARE, LINE_SHARE * Math.max(...rowShares)), colLine = Math.max(MIN_LINE_SHARE, LINE_SHARE * Math.max(...colShares));
  const rows = [...Array(g.rows).keys()].filter((r) => (rowShares[r] ?? 0) >= rowLine);
  const cols = [...Array(g.cols).keys()].filter((c) => (colShares[c] ?? 0) >= colLine);
  if (!rows.length || !cols.length) return whole;
  const r0 = rows[0] ?? 0, r1 = (rows[rows.length - 1] ?? 0) + 1, c0 = cols[0] ?? 0, c1 = (cols[cols.length - 1] ?? 0) + 1;
  let filled = 0;
  for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) filled += at(r, c);
  const all = doc.reduce((n, v) => n + v, 0);
  if (filled / ((r1 - r0) * (c1 - c0)) < SOLID || filled < CONTAINED * all || (r1 - r0) * (c1 - c0) >= 0.97 * g.cols * g.rows) return whole;
  const cut: Side[] = [];
  if (rowShare(0, c0, c1) >= BORDER_SHARE) cut.push('top');
  if (rowShare(g.rows - 1, c0, c1) >= BORDER_SHARE) cut.push('bottom');
  if (colShare(0, r0, r1) >= BORDER_SHARE) cut.push('left');
  if (colShare(g.cols - 1, r0, r1) >= BORDER_SHARE) cut.push('right');
  const right = c1 === g.cols ? img.width : c1 * g.cell, bottom = r1 === g.rows ? img.height : r1 * g.cell;
  return { box: { left: c0 * g.cell, top: r0 * g.cell, width: right - c0 * g.cell, height: bottom - r0 * g.cell }, cut, background: true };
}

/** The box shrunk by `share` of its size on every side (the page's own edge and shadow left out). */
export function inset(box: Box, share: number): Box {
  const dx = Math.round(box.width * share), dy = Math.round(box.height * share);
  return { left: box.left + dx, top: box.top + dy, width: Math.max(1, box.width - 2 * dx), height: Math.max(1, box.height - 2 * dy) };
}
