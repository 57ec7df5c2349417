/**
 * Reads an MRZ by template matching on OCR-B glyphs, no Tesseract: MRZ characters sit at a fixed
 * pitch in one typeface (ICAO 9303 prescribes OCR-B), so each glyph is cut out by its ink columns,
 * normalised (its own height when it is a full-height glyph, the line's cap height for `<`; its
 * width kept, centred) onto a 16×16 grid and compared with glyphs rendered from OCR-B
 * (mrz-glyph-templates.ts, made by mrz-glyph-templates.generate.ts) at several sizes.
 *
 * On clean renders this is exact and takes ~30 ms a document. It knows one typeface only, so
 * mrz-read.ts keeps its reading only when it looks clean (every glyph close to a template and
 * clearly apart from the runner-up, bar 0/O which the grammar and check digits settle) and
 * falls back to Tesseract otherwise.
 */
import type { Band, Grey } from './mrz-locate';
import { GLYPH_TEMPLATES, TEMPLATE_GRID } from './mrz-glyph-templates';

export const GLYPH_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
export const GRID = 16;
/** Grey level below which a pixel counts as ink (the raster is contrast-normalised first). */
const DARK = 110;
/** MRZ shapes: lines × characters (TD3, TD1, TD2). */
const SHAPES: Array<{ count: number; length: number }> = [{ count: 2, length: 44 }, { count: 3, length: 30 }, { count: 2, length: 36 }];

export interface Segment { left: number; right: number; top: number; bottom: number }

/** Runs of columns holding ink within rows top..bottom, columns left..right. */
export function segments(g: Grey, top: number, bottom: number, left: number, right: number): Segment[] {
  const out: Segment[] = [];
  let current: Segment | null = null;
  for (let x = left; x <= right; x++) {
    let t = -1, b = -1;
    for (let y = top; y <= bottom; y++) if ((g.data[y * g.width + x] ?? 255) < DARK) { if (t < 0) t = y; b = y; }
    if (t >= 0) {
      if (current) { current.right = x; current.top = Math.min(current.top, t); current.bottom = Math.max(current.bottom, b); }
      else current = { left: x, right: x, top: t, bottom: b };
    } else if (current) { out.push(current); current = null; }
  }
  if (current) out.push(current);
  return out;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Cap line of a text line: median top and bottom of its full-height glyphs. */
export function capLine(segs: Segment[]): { top: number; bottom: number } {
  const h = Math.max(...segs.map((s) => s.bottom - s.top + 1));
  const tall = segs.filter((s) => s.bottom - s.top + 1 > 0.7 * h);
  return { top: median(tall.map((s) => s.top)), bottom: median(tall.map((s) => s.bottom)) + 1 };
}

/** The vertical frame a glyph is normalised to: its own extent if full height, else the cap line. */
function frame(s: Segment, cap: { top: number; bottom: number }): { top: number; bottom: number } {
  return s.bottom + 1 - s.top >= 0.8 * (cap.bottom - cap.top) ? { top: s.top, bottom: s.bottom + 1 } : cap;
}

/**
 * The glyph on a GRID×GRID raster of ink darkness (0 paper … 1 ink): a square window as high as
 * the frame, centred on the glyph, each cell the mean of 3×3 samples.
 */
export function sampleGlyph(g: Grey, s: Segment, cap: { top: number; bottom: number }, paper: number, ink: number): Float32Array {
  const { top, bottom } = frame(s, cap);
  const h = bottom - top;
  const x0 = (s.left + s.right + 1) / 2 - h / 2;
  const out = new Float32Array(GRID * GRID);
  const span = Math.max(1, paper - ink);
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) {
      let sum = 0;
      for (let sy = 0; sy < 3; sy++) {
        const y = Math.floor(top + ((gy + (sy + 0.5) / 3) * h) / GRID);
        for (let sx = 0; sx < 3; sx++) {
          const x = Math.floor(x0 + ((gx + (sx + 0.5) / 3) * h) / GRID);
          const v = x < 0 || y < 0 || x >= g.width || y >= g.height ? paper : (g.data[y * g.width + x] ?? paper);
          sum += Math.min(1, Math.max(0, (paper - v) / span));
        }
      }
      out[gy * GRID + gx] = sum / 9;
    }
  }
  return out;
}

/** Templates decoded once: per character, one raster per rendered size (4-bit levels → 0..1). */
let decoded: Map<string, Float32Array[]> | null = null;
function templates(): Map<string, Float32Array[]> {
  if (decoded) return decoded;
  if (TEMPLATE_GRID !== GRID) throw new Error('mrz-glyph-templates.ts is stale: run mrz-glyph-templates.generate.ts');
  decoded = new Map();
  for (const [char, sizes] of Object.entries(GLYPH_TEMPLATES)) {
    decoded.set(char, sizes.map((hex) => Float32Array.from(hex, (c) => parseInt(c, 16) / 15)));
  }
  return decoded;
}

export interface GlyphGuess { char: string; distance: number; runnerUp: string; runnerUpDistance: number }

/**
 * Best and second-best character by sum of squared differences (best size of each). A character's
 * sum stops once it exceeds the second-best so far: it can be neither, and its distance is only
 * ranked after those two (strictly greater, so no tie with them is made up).
 */
export function classify(glyph: Float32Array): GlyphGuess {
  const scored: Array<[string, number]> = [];
  let first = Infinity, second = Infinity;
  for (const [char, sizes] of templates()) {
    let best = Infinity;
    for (const t of sizes) {
      let d = 0;
      for (let i = 0; i < glyph.length && d < best && d <= second; i++) { const e = (glyph[i] ?? 0) - (t[i] ?? 0); d += e * e; }
      if (d < best) best = d;
    }
    if (best < first) { second = first; first = best; } else if (best < second) second = best;
    scored.push([char, best]);
  }
  scored.sort((a, b) => a[1] - b[1]);
  const [top, runnerUp] = scored as [[string, number], [string, number]];
  return { char: top[0], distance: top[1], runnerUp: runnerUp[0], runnerUpDistance: runnerUp[1] };
}

/** Histogram of the grey levels of a region (every other column). */
function histogram(g: Grey, top: number, bottom: number, left: number, right: number): { counts: Uint32Array; n: number } {
  const counts = new Uint32Array(256);
  let n = 0;
  for (let y = top; y <= bottom; y++) {
    for (let x = left, i = y * g.width + left; x <= right; x += 2, i += 2, n++) {
      const v = g.data[i] ?? 255;
      counts[v] = (counts[v] ?? 0) + 1;
    }
  }
  return { counts, n };
}

/** Grey level at quantile q of a region's pixels: the sorted values' element at floor(q × (n − 1)). */
function level({ counts, n }: { counts: Uint32Array; n: number }, q: number): number {
  if (n === 0) return 0;
  const k = Math.floor(q * (n - 1));
  for (let v = 0, below = 0; v < 256; v++) {
    below += counts[v] ?? 0;
    if (below > k) return v;
  }
  return 0;
}

/** Rows of the band holding ink (text lines), over the band's columns only. */
function bandRows(g: Grey, band: Band): Array<{ top: number; bottom: number }> {
  const minInk = Math.max(2, Math.round((band.right - band.left) * 0.004));
  const rows: Array<{ top: number; bottom: number }> = [];
  let start = -1;
  for (let y = band.top; y <= band.bottom + 1; y++) {
    let ink = 0;
    if (y <= band.bottom) for (let x = band.left; x <= band.right; x++) if ((g.data[y * g.width + x] ?? 255) < DARK) ink++;
    if (ink >= minInk) { if (start < 0) start = y; } else if (start >= 0) { if (y - start >= 4) rows.push({ top: start, bottom: y - 1 }); start = -1; }
  }
  return rows;
}

export interface GlyphRead {
  lines: string[];
  /** Per line, per character: what matched and how well. */
  guesses: GlyphGuess[][];
  /** 0–100: 100 × (1 − RMS difference of the worst-matching glyph). */
  confidence: number;
  /** Every glyph close to a template and clearly apart from its runner-up (0/O excepted). */
  clean: boolean;
}

/** Worst acceptable RMS difference from a template, and runner-up distance ratio, for `clean`. */
const MAX_RMS = 0.3;
const MIN_MARGIN = 1.25;
const SETTLED_BY_GRAMMAR = new Set(['0O', 'O0']);

/**
 * Cuts a line into glyphs: ink column runs, assigned to cells of the line's pitch (median
 * distance between neighbouring glyphs); pieces of one cell are merged. Null when a run spans
 * two cells or a cell is empty (touching or missing glyphs: not a clean print).
 */
function cells(g: Grey, row: { top: number; bottom: number }, band: Band): Segment[] | null {
  const h = row.bottom - row.top + 1;
  const segs = segments(g, row.top, row.bottom, band.left, band.right).filter((s) => s.right - s.left >= 1 && s.bottom - s.top + 1 >= 0.15 * h);
  if (segs.length < 2) return null;
  const centre = (s: Segment) => (s.left + s.right) / 2;
  const pitch = median(segs.slice(1).map((s, i) => centre(s) - centre(segs[i] as Segment)));
  if (pitch <= 0) return null;
  const out: Segment[] = [];
  let previous: Segment | null = null;
  for (const s of segs) {
    if (s.right - s.left + 1 > pitch * 1.3) return null;
    // Relative to the previous glyph, so a pitch estimate off by a fraction does not accumulate.
    const step = previous ? Math.round((centre(s) - centre(previous)) / pitch) : 1;
    const cell = out[out.length - 1];
    if (step === 0 && cell) out[out.length - 1] = { left: cell.left, right: Math.max(cell.right, s.right), top: Math.min(cell.top, s.top), bottom: Math.max(cell.bottom, s.bottom) };
    else if (step === 1) out.push(s);
    else return null;
    previous = s;
  }
  return out;
}

/** Reads the MRZ inside a located band; null when its lines do not cut into an MRZ shape. */
export function readGlyphs(g: Grey, band: Band): GlyphRead | null {
  const rows = bandRows(g, band);
  const cut = rows.map((r) => ({ row: r, cells: cells(g, r, band) }));
  for (const { count, length } of SHAPES) {
    const fitting = cut.filter((c) => c.cells?.length === length);
    if (fitting.length < count) continue;
    const chosen = fitting.slice(-count);
    const guesses = chosen.map(({ row, cells: segs }) => {
      const list = segs as Segment[];
      const cap = capLine(list);
      const levels = histogram(g, row.top, row.bottom, band.left, band.right);
      const paper = level(levels, 0.7), ink = level(levels, 0.02);
      return list.map((s) => classify(sampleGlyph(g, s, cap, paper, ink)));
    });
    const all = guesses.flat();
    const worst = Math.max(...all.map((x) => Math.sqrt(x.distance / (GRID * GRID))));
    const clean = worst <= MAX_RMS
      && all.every((x) => x.runnerUpDistance >= x.distance * MIN_MARGIN || SETTLED_BY_GRAMMAR.has(x.char + x.runnerUp));
    return { lines: guesses.map((line) => line.map((x) => x.char).join('')), guesses, confidence: Math.round(100 * (1 - worst)), clean };
  }
  return null;
}
