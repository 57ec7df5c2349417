import { enclosure, straightSegments, type Box } from './frame-edges';
import type { Grey } from './grey';
import { periodicity } from './periodic';

/** A grey picture of `w`×`h` drawn by `f(x, y)`. */
function draw(w: number, h: number, f: (x: number, y: number) => number): Grey {
  const data = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = f(x, y);
  return { data, width: w, height: h };
}

/** How much of pixel (x, y) a rectangle turned by `angle` about (cx, cy), half-sides (hw, hh), covers
 *  (0..1: its edges anti-aliased, as a camera's resampling leaves them). */
const inside = (x: number, y: number, r: { cx: number; cy: number; hw: number; hh: number; angle: number }) => {
  const dx = x - r.cx, dy = y - r.cy, c = Math.cos(r.angle), s = Math.sin(r.angle);
  return Math.max(0, Math.min(1, 0.5 + Math.min(r.hw - Math.abs(c * dx + s * dy), r.hh - Math.abs(-s * dx + c * dy))));
};
const mix = (a: number, b: number, t: number) => a * (1 - t) + b * t;
/** Sensor-like noise, ±8: a hash of the position, not a pattern. */
const noise = (x: number, y: number) => { let h = Math.imul(x * 374761393 + y * 668265263, 1274126177); h ^= h >>> 13; h = Math.imul(h, 1274126177); return ((h >>> 0) % 17) - 8; };
const face: Box = [130, 110, 60, 60];

describe('frame edges', () => {
  it('a sheet held in the middle of the picture boxes the face in: four sides, all corners inside', () => {
    const sheet = { cx: 160, cy: 150, hw: 90, hh: 110, angle: 0.12 };
    const g = draw(320, 320, (x, y) => mix(90 + y / 8, 225, inside(x, y, sheet)) + noise(x, y) / 3);
    const found = enclosure(straightSegments(g, 72), face, 320, 320);
    expect(found.sides).toEqual(['left', 'right', 'top', 'bottom']);
    expect(found.corners).toBe(4);
    expect(found.share).toBeGreaterThan(0.35);   // 180 × 220 of 320 × 320: 0.39
    expect(found.share).toBeLessThan(0.42);
  });

  it('a photo turned in software has its picture edges too, but their corners lie on the border', () => {
    const canvas = { cx: 160, cy: 160, hw: 160 / (Math.cos(0.15) + Math.sin(0.15)), hh: 160 / (Math.cos(0.15) + Math.sin(0.15)), angle: 0.15 };
    const g = draw(320, 320, (x, y) => mix(128, 180 + noise(x, y) / 3, inside(x, y, canvas)));
    const found = enclosure(straightSegments(g, 72), face, 320, 320);
    expect(found.sides.length).toBeGreaterThanOrEqual(3);
    expect(found.corners).toBe(0);
  });

  it('a room with a door frame beside the face is not a box', () => {
    const g = draw(320, 320, (x, y) => (x > 60 && x < 80 ? 60 : 150) + (y > 280 ? 40 : 0) + noise(x, y) / 3);
    expect(enclosure(straightSegments(g, 72), face, 320, 320).sides.length).toBeLessThan(3);
  });
});

describe('periodicity', () => {
  const skin = (x: number, y: number) => 150 + 30 * Math.sin(x / 20) * Math.cos(y / 25) + noise(x, y) * 0.6;

  it('a screen\'s stripes (period 3.4 px) on the face make an isolated spectral peak; skin and noise do not', () => {
    const box: Box = [0, 0, 128, 128];
    const striped = periodicity(draw(128, 128, (x, y) => skin(x, y) * (1 - 0.12 * (0.5 + 0.5 * Math.cos((2 * Math.PI * (x + 0.2 * y)) / 3.4)))), box);
    const plain = periodicity(draw(128, 128, skin), box);
    expect(striped.peak).toBeGreaterThan(200);
    expect(striped.period).toBeCloseTo(3.4 / Math.hypot(1, 0.2) * Math.hypot(1, 0.2), 0);
    expect(plain.peak).toBeLessThan(60);
  });

  it('leaves out the JPEG block grid (8 px)', () => {
    const blocky = periodicity(draw(128, 128, (x, y) => 150 + noise(x, y) * 0.6 + (x % 8 === 0 ? 6 : 0) + (y % 8 === 0 ? 6 : 0)), [0, 0, 128, 128]);
    expect(blocky.peak).toBeLessThan(60);
  });
});
