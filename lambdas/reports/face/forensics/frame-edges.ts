/**
 * A picture in the picture: long straight edges on every side of the face that enclose it in a
 * rectangle (turned up to 20°) well inside the capture: the edges of a phone or monitor screen,
 * of the photo shown on it, or of a printed sheet and the photo on it. A selfie has the face in
 * front of a room, where straight lines may run beside the face but do not box it in.
 *
 * A Hough transform over the gradient of a small grey copy: each edge pixel votes only for
 * lines along its own edge direction; each strong line is traced into its straight runs.
 */
import type { Grey } from './grey';

export type Box = [number, number, number, number];
export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Segment { theta: number; rho: number; length: number; from: number; to: number }

const STEP = Math.PI / 180;            // 1° bins; lines within 20° of vertical or horizontal (THETAS)
const SPREAD = 2;                      // an edge pixel votes ±2° about its own direction
const EDGE = 48;                       // Sobel magnitude of an edge pixel (a step of ~12 grey levels)

/** Gradient magnitude, and direction where the magnitude makes an edge pixel (0 elsewhere). */
interface Edges { mag: Float32Array; angle: Float32Array }

function sobel(g: Grey): Edges {
  const { width: w, height: h, data } = g;
  const mag = new Float32Array(w * h), angle = new Float32Array(w * h);
  const at = (x: number, y: number) => data[y * w + x] as number;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      // gx² + gy² is an exact integer (grey levels are), so its square root is as exact as hypot's.
      const m = Math.sqrt(gx * gx + gy * gy);
      mag[y * w + x] = m;
      // The direction is only ever read at edge pixels (the votes, the traces).
      if (m >= EDGE) angle[y * w + x] = Math.atan2(gy, gx);
    }
  }
  return { mag, angle };
}

/** The normal angles voted for: near 0 (vertical lines) and near π/2 (horizontal ones). */
const THETAS: number[] = [];
for (let d = -20; d <= 20; d++) THETAS.push(d * STEP, Math.PI / 2 + d * STEP);

/** THETAS[2(d+20)] = d° and THETAS[2(d+20)+1] = 90° + d°; atan2's angles (-180° to 180°) equal to
 *  one of them modulo 180° lie about these centres: 0°, ±180° (vertical lines), ±90° (horizontal).
 *  An edge pixel at angle `a` can only vote for the few THETAS within SPREAD (+1 for rounding) of
 *  `(a - centre) / STEP` (each still checked with angleGap), instead of trying all 82. */
const CENTRE_FAMILY = [0, 0, 0, 1, 1], CENTRE = [0, Math.PI, -Math.PI, Math.PI / 2, -Math.PI / 2];

/** Angle difference modulo π (an edge and its reverse are the same line). */
const angleGap = (a: number, b: number): number => { const d = Math.abs(a - b) % Math.PI; return Math.min(d, Math.PI - d); };

/** Straight runs of edge pixels at least `minLength` px long, along lines within 20° of the axes. */
export function straightSegments(g: Grey, minLength: number): Segment[] {
  const { width: w, height: h } = g;
  const { mag, angle } = sobel(g);
  const diag = Math.ceil(Math.hypot(w, h));
  const votes = new Float32Array(THETAS.length * (2 * diag + 1));
  const cos = THETAS.map(Math.cos), sin = THETAS.map(Math.sin);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      if ((mag[y * w + x] as number) < EDGE) continue;
      const a = angle[y * w + x] as number;
      for (let c = 0; c < CENTRE.length; c++) {
        const d0 = Math.round((a - (CENTRE[c] as number)) / STEP);
        for (let d = Math.max(-20, d0 - SPREAD - 1); d <= Math.min(20, d0 + SPREAD + 1); d++) {
          const i = 2 * (d + 20) + (CENTRE_FAMILY[c] as number);
          if (angleGap(THETAS[i] as number, a) > SPREAD * STEP + 1e-9) continue;
          const rho = Math.round(x * (cos[i] as number) + y * (sin[i] as number));
          votes[i * (2 * diag + 1) + rho + diag]! += 1;
        }
      }
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < THETAS.length; i++) {
    for (let r = 0; r <= 2 * diag; r++) {
      const v = votes[i * (2 * diag + 1) + r] as number;
      if (v < minLength / 2 || !isPeak(votes, i, r, diag)) continue;
      segments.push(...trace(THETAS[i] as number, r - diag, { w, h, mag, angle }, minLength));
    }
  }
  return segments;
}

/** The highest count among the same θ's neighbouring ρ (±3) and the neighbouring θ of its family. */
function isPeak(votes: Float32Array, i: number, r: number, diag: number): boolean {
  const row = 2 * diag + 1, v = votes[i * row + r] as number;
  for (let di = -2; di <= 2; di += 2) {   // same family: THETAS interleaves the two families
    const j = i + di;
    if (j < 0 || j >= THETAS.length) continue;
    for (let dr = -3; dr <= 3; dr++) {
      if ((di === 0 && dr === 0) || r + dr < 0 || r + dr >= row) continue;
      const u = votes[j * row + r + dr] as number;
      if (u > v || (u === v && (di < 0 || (di === 0 && dr < 0)))) return false;
    }
  }
  return true;
}

/** Walks the line and keeps its runs of matching edge pixels (gaps of up to 4 px bridged). */
function trace(theta: number, rho: number, e: { w: number; h: number; mag: Float32Array; angle: Float32Array }, minLength: number): Segment[] {
  const c = Math.cos(theta), s = Math.sin(theta), diag = Math.hypot(e.w, e.h);
  const out: Segment[] = [];
  let start: number | null = null, last = 0, hits = 0;
  const close = () => { if (start !== null && last - start >= minLength && hits >= 0.7 * (last - start)) out.push({ theta, rho, length: last - start, from: start, to: last }); start = null; hits = 0; };
  for (let t = -diag; t <= diag; t++) {
    const x0 = rho * c - t * s, y0 = rho * s + t * c;
    let hit = false;
    for (let k = -1; k <= 1; k++) {
      const x = Math.round(x0 + k * c), y = Math.round(y0 + k * s);
      if (x < 1 || y < 1 || x >= e.w - 1 || y >= e.h - 1) continue;
      const p = y * e.w + x;
      if ((e.mag[p] as number) >= EDGE && angleGap(e.angle[p] as number, theta) <= 8 * STEP) hit = true;
    }
    if (hit) { if (start === null) start = t; last = t; hits++; } else if (start !== null && t - last > 4) close();
  }
  close();
  return out;
}

/** Where a line crosses the horizontal (vertical family) or vertical (horizontal family) through (cx, cy), and
 *  the position along the line of that crossing (the `t` of `trace`). */
function crossing(seg: Segment, cx: number, cy: number): { at: number; t: number; vertical: boolean } {
  const c = Math.cos(seg.theta), s = Math.sin(seg.theta), vertical = Math.abs(c) > Math.abs(s);
  const x = vertical ? (seg.rho - cy * s) / c : cx, y = vertical ? cy : (seg.rho - cx * c) / s;
  return { at: vertical ? x : y, t: -x * s + y * c, vertical };
}

export interface Enclosure {
  sides: Side[];
  /** When all four sides have an edge: the share of the image the innermost four enclose. */
  share: number | null;
  /** How many corners of neighbouring sides' edges lie inside the image (a software rotation's
   *  canvas has its corners on the border). */
  corners: number;
}

/** Where two lines x·cos θ + y·sin θ = ρ meet. */
function meet(a: Segment, b: Segment): [number, number] {
  const [c1, s1, c2, s2] = [Math.cos(a.theta), Math.sin(a.theta), Math.cos(b.theta), Math.sin(b.theta)];
  const det = c1 * s2 - s1 * c2;
  return [(a.rho * s2 - b.rho * s1) / det, (c1 * b.rho - c2 * a.rho) / det];
}

/** The sides of `face` with a segment beside it (its line crosses the face's centre line outside the
 *  face, its run reaching to within a face's size of that crossing), the nearest on each side. */
export function enclosure(segments: Segment[], face: Box, width: number, height: number): Enclosure {
  const [fx, fy, fw, fh] = face, cx = fx + fw / 2, cy = fy + fh / 2;
  const nearest: Partial<Record<Side, { seg: Segment; at: number; gap: number }>> = {};
  for (const seg of segments) {
    const { at, t, vertical } = crossing(seg, cx, cy);
    // The run may stop short of the centre line (a dark corner of the photo against a dark bezel).
    const reach = Math.max(fw, fh);
    if (t < seg.from - reach || t > seg.to + reach) continue;
    const side: Side | null = vertical ? (at < fx ? 'left' : at > fx + fw ? 'right' : null) : (at < fy ? 'top' : at > fy + fh ? 'bottom' : null);
    if (!side) continue;
    const gap = Math.abs(at - (vertical ? cx : cy));
    if ((nearest[side]?.gap ?? Infinity) > gap) nearest[side] = { seg, at, gap };
  }
  const sides = (['left', 'right', 'top', 'bottom'] as const).filter((s) => nearest[s] !== undefined);
  const margin = 0.03 * Math.min(width, height);
  const pairs: Array<[Side, Side]> = [['left', 'top'], ['top', 'right'], ['right', 'bottom'], ['bottom', 'left']];
  const corners = pairs.filter(([a, b]) => {
    const [p, q] = [nearest[a], nearest[b]];
    if (!p || !q) return false;
    const [x, y] = meet(p.seg, q.seg);
    return x >= margin && y >= margin && x <= width - margin && y <= height - margin;
  }).length;
  const { left, right, top, bottom } = nearest;
  if (!left || !right || !top || !bottom) return { sides, share: null, corners };
  const share = ((right.at - left.at) * (bottom.at - top.at)) / (width * height);
  return { sides, share: Math.round(share * 100) / 100, corners };
}
