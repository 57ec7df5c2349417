/**
 * Finds the machine-readable zone on a page: the bottom-most run of 2–3 wide text lines.
 * Works on a greyscale raster (one byte a pixel). Returns the band to crop, or null.
 */

export interface Band { top: number; bottom: number; left: number; right: number }
export interface Grey { data: Uint8Array | Buffer; width: number; height: number }

const DARK = 110;            // grey level below which a pixel counts as ink (pages are normalised first)
const MIN_WIDE_SHARE = 0.55; // an MRZ line spans most of the page width

/** Rows of text: runs of rows holding ink, with the horizontal extent of that ink. */
export function textRows(g: Grey): Band[] {
  const minInk = Math.max(2, Math.round(g.width * 0.004));
  const rows: Band[] = [];
  let current: Band | null = null;
  for (let y = 0; y < g.height; y++) {
    let ink = 0, left = g.width, right = -1;
    const offset = y * g.width;
    for (let x = 0; x < g.width; x++) {
      if ((g.data[offset + x] ?? 255) < DARK) { ink++; if (x < left) left = x; right = x; }
    }
    if (ink >= minInk) {
      if (current) { current.bottom = y; current.left = Math.min(current.left, left); current.right = Math.max(current.right, right); }
      else current = { top: y, bottom: y, left, right };
    } else if (current) { rows.push(current); current = null; }
  }
  if (current) rows.push(current);
  return rows.filter((r) => r.bottom - r.top >= 4);
}

/** The MRZ band: the lowest group of consecutive wide rows of similar height (2 or 3 lines). */
export function locateMrz(g: Grey): (Band & { lineHeight: number }) | null {
  const wide = textRows(g).filter((r) => (r.right - r.left) / g.width >= MIN_WIDE_SHARE && r.top > g.height * 0.35);
  if (wide.length < 2) return null;
  const group: Band[] = [wide[wide.length - 1] as Band];
  for (let i = wide.length - 2; i >= 0 && group.length < 3; i--) {
    const row = wide[i] as Band;
    const below = group[0] as Band;
    const height = below.bottom - below.top;
    const similar = Math.abs((row.bottom - row.top) - height) <= height * 0.5;
    const close = below.top - row.bottom <= height * 1.6;
    if (!similar || !close) break;
    group.unshift(row);
  }
  if (group.length < 2) return null;
  const first = group[0] as Band;
  const last = group[group.length - 1] as Band;
  const pad = Math.round((last.bottom - last.top) * 0.6);
  return {
    top: Math.max(0, first.top - pad), bottom: Math.min(g.height - 1, last.bottom + pad),
    left: Math.max(0, Math.min(...group.map((r) => r.left)) - pad),
    right: Math.min(g.width - 1, Math.max(...group.map((r) => r.right)) + pad),
    lineHeight: Math.max(...group.map((r) => r.bottom - r.top + 1)),
  };
}
