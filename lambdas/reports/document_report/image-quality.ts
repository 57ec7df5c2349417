/**
 * Measurable image quality: resolution, sharpness (variance of the Laplacian of the grey
 * image), glare (share of saturated pixels) and colour (mean chroma). Thresholds were set on the
 * synthetic fixtures and sharp/blurred/glare/greyscale variants of them (see the tests).
 */
import sharp from 'sharp';

export const QUALITY_THRESHOLDS = {
  /** Long and short side in pixels below which the document is too small to read. */
  minLongSide: 640,
  minShortSide: 400,
  /** Laplacian variance (on the contrast-stretched grey image) below which it is blurred. */
  minSharpness: 250,
  /** Share of pixels with every channel ≥ 250 above which glare hides the document. */
  maxGlareShare: 0.04,
  /** Mean chroma (max − min channel, 0–255) below which the picture is black and white. */
  minChroma: 3,
} as const;

export interface ImageQuality {
  width: number;
  height: number;
  sharpness: number;
  glare_share: number;
  mean_chroma: number;
}

const ANALYSIS_MAX_SIDE = 1600;

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

/** Measures one image. Large images are analysed at most 1600 px on the long side. */
export async function measureQuality(bytes: Buffer): Promise<ImageQuality> {
  const image = sharp(bytes).rotate();
  const meta = await image.metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const resized = image.resize({ width: ANALYSIS_MAX_SIDE, height: ANALYSIS_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const rgb = await resized.clone().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const grey = await resized.clone().greyscale().normalise().raw().toBuffer({ resolveWithObject: true });
  let saturated = 0, chroma = 0;
  const { data, info } = rgb;
  const pixels = info.width * info.height;
  for (let p = 0; p < pixels; p++) {
    const i = p * info.channels;
    const r = data[i] ?? 0, g = data[i + 1] ?? r, b = data[i + 2] ?? r;
    if (r >= 250 && g >= 250 && b >= 250) saturated++;
    chroma += Math.max(r, g, b) - Math.min(r, g, b);
  }
  return {
    width, height,
    sharpness: Math.round(laplacianVariance(grey.data, grey.info.width, grey.info.height)),
    glare_share: pixels ? saturated / pixels : 0,
    mean_chroma: pixels ? chroma / pixels : 0,
  };
}
