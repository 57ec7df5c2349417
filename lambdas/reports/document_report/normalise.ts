/**
 * sharp's `normalise()` of an 8-bit grey raster, to the byte, at a fraction of its cost. sharp
 * converts the image to LAB, finds the 1st and 99th luminance percentiles with libvips' `percent`
 * and stretches the luminance between them, converting back (sharp/src/operations.cc, Normalise):
 * two colour conversions of every pixel (~60 ms for a 1000×700 page). Both are per pixel, so the
 * result is a table from grey level to grey level, fixed by the two percentiles.
 *
 * libvips' `percent` (histogram/percent.c) bins luminance cast to an integer, 0 … m (m: the top
 * bin, the brightest level's), accumulates and scales the bins by m / pixels (to float, then cast
 * to an integer: hist_norm.c) and takes the first bin above p% of m + 1, or m + 1 when there is
 * none (so the 99th is m or m + 1, set by the brightest level). Luminance rises with the grey level,
 * so the 1st percentile is the bin of the first level whose cumulative count passes that test. A
 * 256×256 probe holding every level of the raster once, and the rest half that level and half the
 * brightest, has the same two percentiles; sharp normalises it and its first row is the table.
 * Where a step lands within rounding of a bin or an integer, the raster is left to sharp itself.
 */
import sharp, { type Sharp } from 'sharp';

const LOWER = 1; // sharp's normaliseLower (the upper percentile, 99, is m or m + 1 whatever the counts)
const PROBE = 256;
/** Distances within which a step is too close to call: the brightest level's luminance from an integer (a bin edge), a scaled count from the integer the test turns on. */
const LIGHTNESS_MARGIN = 0.01;
const COUNT_MARGIN = 1e-4;

/** CIE L* of an sRGB grey level (D65, as libvips converts it). */
function lightness(v: number): number {
  const c = v / 255, linear = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  const f = linear > 216 / 24389 ? Math.cbrt(linear) : (24389 / 27 * linear + 16) / 116;
  return 116 * f - 16;
}

/** The probe's grey levels: first row `from` … `to`, then half `low`, half `to`. */
function probe(from: number, to: number, low: number): Buffer {
  const size = PROBE * PROBE, half = PROBE + (size - PROBE) / 2;
  const image = Buffer.alloc(size);
  for (let i = 0; i < size; i++) image[i] = i < PROBE ? Math.min(to, from + i) : i < half ? low : to;
  return image;
}

/** The first level whose cumulative count passes libvips' 1st-percentile test, or null when too close to call. */
function lowerLevel(counts: Uint32Array, n: number, m: number): number | null {
  const a = m / n, threshold = (LOWER / 100) * (m + 1), edge = Math.floor(threshold) + 1;
  for (let v = 0, cum = 0; v < 256; v++) {
    cum += counts[v] ?? 0;
    const scaled = Math.fround(cum * a);
    if (Math.abs(scaled - edge) < COUNT_MARGIN) return null;
    if (Math.trunc(scaled) > threshold) return v;
  }
  return null;
}

async function firstChannel(image: Sharp): Promise<Buffer> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return data;
  const out = Buffer.allocUnsafe(info.width * info.height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels] ?? 0;
  return out;
}

/**
 * The normalised raster, as `normalise` (a sharp pipeline that normalises a one-channel raw
 * input, e.g. `(s) => s.greyscale().normalise()`) gives it; its first channel when it gives more.
 */
export async function normaliseGrey(data: Buffer, width: number, height: number, normalise: (image: Sharp) => Sharp): Promise<Buffer> {
  const n = width * height, counts = new Uint32Array(256);
  let from = 255, to = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i] ?? 0;
    counts[v] = (counts[v] ?? 0) + 1;
    if (v < from) from = v;
    if (v > to) to = v;
  }
  const top = lightness(to), m = Math.trunc(top);
  const low = data.length === n && n > 0 && m >= 10 && Math.abs(top - Math.round(top)) >= LIGHTNESS_MARGIN ? lowerLevel(counts, n, m) : null;
  if (low === null) return firstChannel(normalise(sharp(data, { raw: { width, height, channels: 1 } })));
  const table = await firstChannel(normalise(sharp(probe(from, to, low), { raw: { width: PROBE, height: PROBE, channels: 1 } })));
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) out[i] = table[(data[i] ?? 0) - from] ?? 0;
  return out;
}
