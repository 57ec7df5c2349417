/** The on-device document checks on a photo in the browser: scaled to the analysis size on a canvas, then checked (quality/index.ts). */
import { analysisSize, checkDocument } from './index';

export function pixelsOf(photo: HTMLCanvasElement | ImageBitmap): ImageData {
  const size = analysisSize(photo.width, photo.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(photo, 0, 0, size.width, size.height);
  return ctx.getImageData(0, 0, size.width, size.height);
}

/** Problems of a document photo (keys under `checks.`): cut_off, blur, glare. */
export const inspectDocument = async (photo: HTMLCanvasElement | ImageBitmap): Promise<string[]> => checkDocument(pixelsOf(photo));
