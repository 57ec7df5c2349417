/**
 * Measurable image quality, judged on the document region (quality-region.ts), not the frame:
 * resolution (the document's size in pixels), cut-off edges (a side running off the frame),
 * sharpness (variance of the Laplacian of the region's grey image at a fixed size, after a
 * median filter so sensor noise and JPEG grain do not pass for print), glare (burnt-out blobs
 * with a halo where the page leaves room for one, quality-glare.ts) and colour (mean chroma).
 * Thresholds were set on the generated corpus (fixtures/documents/corpus.ts: page colours,
 * scans and photos, JPEG 40–95, noise, shadows) and its defects; `npm run bench:reports`
 * prints the rates.
 */
import sharp from 'sharp';
import { findGlare, isGlare } from './quality-glare';
import { normaliseGrey } from './normalise';
import { findDocument, inset, type Box, type Side } from './quality-region';

export const QUALITY_THRESHOLDS = {
  /** Long and short side of the document region in pixels below which it is too small to read. */
  minLongSide: 640,
  minShortSide: 400,
  /** Laplacian variance of the region (grey, contrast-stretched, median-filtered, ≤ 1000 px) below which it is blurred. */
  minSharpness: 250,
  /** Glare: a clipped blob covering at least this share of the document region ... */
  minGlareShare: 0.004,
  /** ... whose halo (page brightness next to it minus a little further out) is at least this ... */
  minGlareHalo: 6,
  /** ... unless the page around it is this bright (0–255): 255 less that halo and a level, too close to saturation to show one. */
  minHaloRoom: 248,
  /** Mean chroma (max − min channel, 0–255) below which the picture is black and white. */
  minChroma: 3,
} as const;

export interface ImageQuality {
  width: number;
  height: number;
  /** The document's region in the frame (pixels of the image as given) and the sides the frame cuts off. */
  document: Box & { cut_off: Side[] };
  sharpness: number;
  glare_share: number;
  glare_halo: number;
  /** Brightness of the page around that blob (0–255). */
  glare_page: number;
  mean_chroma: number;
}

const ANALYSIS_MAX_SIDE = 1600;
const REGION_MAX_SIDE = 1000;

function laplacianVariance(grey: Buffer, width: number, height: number): number {
  let sum = 0, sumSq = 0, n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const v = (grey[i - 1] ?? 0) + (grey[i + 1] ?? 0) + (grey[i - width] ?? 0) + (grey[i + width] ?? 0) - 4 * (grey[i] ?? 0);
      sum += v; sumSq += v * v; n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

function meanChroma(data: Buffer, channels: number): number {
  if (channels < 3) return 0;
  let chroma = 0;
  const pixels = data.length / channels;
  for (let i = 0; i < data.length; i += channels) {
    const r = data[i] ?? 0, g = data[i + 1] ?? 0, b = data[i + 2] ?? 0;
    chroma += Math.max(r, g, b) - Math.min(r, g, b);
  }
  return pixels ? chroma / pixels : 0;
}

/** Measures one image. Large images are analysed at most 1600 px on the long side. */
export async function measureQuality(bytes: Buffer): Promise<ImageQuality> {
  const image = sharp(bytes).rotate();
  const meta = await image.metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const frame = await image.resize({ width: ANALYSIS_MAX_SIDE, height: ANALYSIS_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const raw = { width: frame.info.width, height: frame.info.height, channels: frame.info.channels };
  const region = findDocument({ data: frame.data, ...raw });
  const inner = inset(region.box, region.background ? 0.06 : 0.01);
  const crop = () => sharp(frame.data, { raw }).extract(inner)
    .resize({ width: REGION_MAX_SIDE, height: REGION_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const rgb = await crop().raw().toBuffer({ resolveWithObject: true });
  const small = await crop().greyscale().raw().toBuffer({ resolveWithObject: true });
  // sharp applies a median before normalising, whatever the order of the calls (sharp/src/pipeline.cc).
  const median = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
    .extractChannel(0).median(3).raw().toBuffer({ resolveWithObject: true });
  const { width: gw, height: gh } = median.info;
  const grey = { data: await normaliseGrey(median.data, gw, gh, (s) => s.extractChannel(0).normalise()), info: { width: gw, height: gh } };
  const glare = findGlare({ data: rgb.data, width: rgb.info.width, height: rgb.info.height, channels: rgb.info.channels }, QUALITY_THRESHOLDS);
  const scale = width / raw.width;
  const box = region.box;
  return {
    width, height,
    document: {
      left: Math.round(box.left * scale), top: Math.round(box.top * scale),
      width: Math.round(box.width * scale), height: Math.round(box.height * scale), cut_off: region.cut,
    },
    sharpness: Math.round(laplacianVariance(grey.data, grey.info.width, grey.info.height)),
    glare_share: glare.share,
    glare_halo: glare.halo,
    glare_page: glare.page,
    mean_chroma: meanChroma(rgb.data, rgb.info.channels),
  };
}

/** The image-quality reasons (Onfido's names) one measured side gives. */
export function qualityReasons(q: ImageQuality, t: typeof QUALITY_THRESHOLDS = QUALITY_THRESHOLDS): string[] {
  const long = Math.max(q.document.width, q.document.height), short = Math.min(q.document.width, q.document.height);
  return [
    ...(long < t.minLongSide || short < t.minShortSide ? ['low_resolution'] : []),
    ...(q.document.cut_off.length ? ['cut_off_document'] : []),
    ...(q.sharpness < t.minSharpness ? ['blurred_photo'] : []),
    ...(isGlare({ share: q.glare_share, halo: q.glare_halo, page: q.glare_page }, t) ? ['glare_on_photo'] : []),
  ];
}
