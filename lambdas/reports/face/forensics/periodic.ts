/**
 * Periodic texture on the face: a screen's pixel grid and sub-pixel stripes, and the moiré the
 * camera's sampling makes of them, put sharp isolated peaks in the 2-D spectrum of the face's
 * luminance; skin, hair and sensor noise spread their energy smoothly. The score is the highest
 * spectral power over the median power at the same spatial frequency (its ring), above the
 * lowest frequencies (the face's own shape) and leaving out the JPEG 8-px block grid.
 */
import type { Grey } from './grey';
import type { Box } from './frame-edges';

/** In-place radix-2 FFT of (re, im), length a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) { [re[i], re[j]] = [re[j] as number, re[i] as number]; [im[i], im[j]] = [im[j] as number, im[i] as number]; }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const a = (-2 * Math.PI) / len, wr = Math.cos(a), wi = Math.sin(a);
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const p = i + k, q = p + len / 2;
        const xr = (re[q] as number) * cr - (im[q] as number) * ci, xi = (re[q] as number) * ci + (im[q] as number) * cr;
        re[q] = (re[p] as number) - xr; im[q] = (im[p] as number) - xi;
        re[p] = (re[p] as number) + xr; im[p] = (im[p] as number) + xi;
        [cr, ci] = [cr * wr - ci * wi, cr * wi + ci * wr];
      }
    }
  }
}

/** Power spectrum of an n×n block of `g` at (x0, y0), mean removed, Hann-windowed. */
function power(g: Grey, x0: number, y0: number, n: number): Float64Array {
  const re = new Float64Array(n * n), im = new Float64Array(n * n);
  let mean = 0;
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) mean += g.data[(y0 + y) * g.width + x0 + x] as number;
  mean /= n * n;
  const hann = (i: number) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) re[y * n + x] = ((g.data[(y0 + y) * g.width + x0 + x] as number) - mean) * hann(x) * hann(y);
  const rowRe = new Float64Array(n), rowIm = new Float64Array(n);
  for (let pass = 0; pass < 2; pass++) {   // rows, then columns
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) { const p = pass ? b * n + a : a * n + b; rowRe[b] = re[p] as number; rowIm[b] = im[p] as number; }
      fft(rowRe, rowIm);
      for (let b = 0; b < n; b++) { const p = pass ? b * n + a : a * n + b; re[p] = rowRe[b] as number; im[p] = rowIm[b] as number; }
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) out[i] = (re[i] as number) ** 2 + (im[i] as number) ** 2;
  return out;
}

/** Frequencies within a bin of the JPEG block grid's harmonics (multiples of n/8 on both axes). */
function onJpegGrid(u: number, v: number, n: number): boolean {
  const near = (f: number) => { const m = ((f % (n / 8)) + n / 8) % (n / 8); return m <= 1 || m >= n / 8 - 1; };
  return near(u) && near(v);
}

export interface Periodicity { peak: number; period: number | null; block: number }

/** The strongest isolated spectral peak of the face, as a multiple of its ring's median power, and its period in px. */
export function periodicity(g: Grey, face: Box): Periodicity {
  const [fx, fy, fw, fh] = face;
  const side = Math.min(fw, fh, g.width, g.height);
  const n = side >= 128 ? 128 : side >= 64 ? 64 : 32;
  const x0 = Math.max(0, Math.min(g.width - n, Math.round(fx + fw / 2 - n / 2))), y0 = Math.max(0, Math.min(g.height - n, Math.round(fy + fh / 2 - n / 2)));
  const p = power(g, x0, y0, n);
  const rings: number[][] = Array.from({ length: n }, () => []);
  const at = (u: number, v: number) => ({ u: u > n / 2 ? u - n : u, v: v > n / 2 ? v - n : v });
  for (let v = 0; v < n; v++) for (let u = 0; u < n; u++) { const f = at(u, v); rings[Math.round(Math.hypot(f.u, f.v))]?.push(p[v * n + u] as number); }
  const medians = rings.map((r) => (r.length ? [...r].sort((a, b) => a - b)[Math.floor(r.length / 2)] as number : 0));
  let peak = 0, period: number | null = null;
  for (let v = 0; v < n; v++) {
    for (let u = 0; u < n; u++) {
      const f = at(u, v), r = Math.hypot(f.u, f.v);
      if (r < n / 10 || r > n / 2 || onJpegGrid(u, v, n)) continue;
      const ratio = (p[v * n + u] as number) / Math.max(1e-9, medians[Math.round(r)] as number);
      if (ratio > peak) { peak = ratio; period = n / r; }
    }
  }
  return { peak: Math.round(peak), period: period === null ? null : Math.round(period * 10) / 10, block: n };
}
