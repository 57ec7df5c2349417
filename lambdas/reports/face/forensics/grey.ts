/** The capture as luminance, decoded as the face engine decodes it (EXIF rotation, ≤1280 px), so
 *  the face boxes the engine reports apply; and a small copy for the frame search. */
import sharp from 'sharp';

export interface Grey { data: Float32Array; width: number; height: number }

const ENGINE_SIDE = 1280;

async function grey(image: sharp.Sharp): Promise<Grey> {
  const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: Float32Array.from(data.subarray(0, info.width * info.height)), width: info.width, height: info.height };
}

/** The image at the engine's size, and a copy whose longer side is `small` px (never enlarged). */
export async function greyImages(bytes: Buffer, small: number): Promise<{ full: Grey; small: Grey }> {
  const base = sharp(bytes).rotate().resize({ width: ENGINE_SIDE, height: ENGINE_SIDE, fit: 'inside', withoutEnlargement: true });
  const full = await grey(base.clone());
  const reduced = await grey(sharp(bytes).rotate().resize({ width: small, height: small, fit: 'inside', withoutEnlargement: true }));
  return { full, small: reduced };
}
