/** Photos prepared in the browser before upload: orientation applied, large photos scaled down and re-encoded as JPEG. */

/** The longest side a photo keeps (a 12 MP photo is scaled to this; the MRZ stays readable). */
export const MAX_SIDE = 4096;
const MAX_BYTES = 8 * 1024 * 1024;
/** JPEG quality of every encoded photo (≥ 0.9 keeps the MRZ readable). */
export const JPEG_QUALITY = 0.92;

export class UnreadableImage extends Error {}

export function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new UnreadableImage('encode'))), 'image/jpeg', JPEG_QUALITY));
}

/** The file as is when it is a small JPG/PNG; otherwise decoded (orientation from EXIF), scaled to MAX_SIDE and re-encoded. */
export async function prepareImage(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new UnreadableImage('decode');
  }
  const longest = Math.max(bitmap.width, bitmap.height);
  if (longest <= MAX_SIDE && file.size <= MAX_BYTES && (file.type === 'image/jpeg' || file.type === 'image/png')) {
    bitmap.close();
    return file;
  }
  const scale = Math.min(1, MAX_SIDE / longest);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvasToJpeg(canvas);
}
