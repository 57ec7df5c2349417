/**
 * Photos prepared in the browser before upload: decoded (HEIC with libheif), turned upright
 * (EXIF orientation), scaled to at most MAX_SIDE and encoded as JPEG at JPEG_QUALITY. A small
 * upright JPEG or PNG is sent as it is.
 */
import { jpegOrientation } from './exif';
import { decodeHeif, isHeif } from './heic';

/** The longest side a photo keeps: a 12 MP photo (4000 × 3000) is scaled to this; the MRZ stays readable. */
export const MAX_SIDE = 3000;
/** Files up to this size (and MAX_SIDE) are sent as they are when they are upright JPEGs or PNGs. */
const KEEP_BYTES = 4 * 1024 * 1024;
/** JPEG quality of every encoded photo (≥ 0.9 keeps the MRZ readable). */
export const JPEG_QUALITY = 0.92;

export class UnreadableImage extends Error {}

/** The canvas as a JPEG, scaled down to MAX_SIDE first when it is larger (a camera's full frame may be 4096 px). */
export function canvasToJpeg(source: HTMLCanvasElement): Promise<Blob> {
  const canvas = Math.max(source.width, source.height) > MAX_SIDE ? scaled(source, source.width, source.height) : source;
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new UnreadableImage('encode'))), 'image/jpeg', JPEG_QUALITY));
}

function scaled(image: CanvasImageSource, width: number, height: number): HTMLCanvasElement {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

async function decode(file: Blob, bytes: Uint8Array): Promise<{ image: CanvasImageSource; width: number; height: number; close(): void }> {
  if (isHeif(bytes.subarray(0, 16))) {
    const pixels = await decodeHeif(bytes).catch(() => { throw new UnreadableImage('heif'); });
    const canvas = document.createElement('canvas');
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    canvas.getContext('2d')!.putImageData(pixels, 0, 0);
    return { image: canvas, width: canvas.width, height: canvas.height, close() {} };
  }
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { image: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } catch {
    throw new UnreadableImage('decode');
  }
}

/** The file as is when it is a small upright JPG/PNG; otherwise decoded, turned upright, scaled to MAX_SIDE and encoded as JPEG. */
export async function prepareImage(file: Blob): Promise<Blob> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoded = await decode(file, bytes);
  const upright = file.type === 'image/png' || (file.type === 'image/jpeg' && jpegOrientation(bytes) === 1);
  if (upright && Math.max(decoded.width, decoded.height) <= MAX_SIDE && file.size <= KEEP_BYTES) {
    decoded.close();
    return file;
  }
  const canvas = scaled(decoded.image, decoded.width, decoded.height);
  decoded.close();
  return canvasToJpeg(canvas);
}
