/** Image bytes (JPEG, PNG, WebP, …) → raw 8-bit RGB pixels, EXIF orientation applied. */
import sharp from 'sharp';
import { FaceInputError } from '../errors';

export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Larger images only slow the detector down: it works at 256 px, the descriptor at 224. */
const MAX_SIDE = 1280;

export async function decodeRgb(bytes: Buffer): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(bytes)
      .rotate()   // honour EXIF orientation: phone photos are often stored sideways
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected RGB`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (error) {
    throw new FaceInputError(`Could not decode the image (${bytes.length} bytes): ${(error as Error).message}`, { cause: error });
  }
}
