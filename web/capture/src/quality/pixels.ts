/** Pixels as the on-device checks read them: RGBA (a canvas's ImageData, or sharp's raw output in tests) and luminance. */

/** RGBA pixels, 4 bytes each, row by row. */
export interface Rgba { width: number; height: number; data: ArrayLike<number> }
/** Luminance (0-255), one value a pixel. */
export interface Gray { width: number; height: number; data: Float32Array }
/** A rectangle in pixels: left, top, right and bottom (exclusive). */
export interface Box { x0: number; y0: number; x1: number; y1: number }

/** The longest side the checks look at: photos are scaled to it first (the camera's frame is too large to scan quickly). */
export const ANALYSIS_SIDE = 960;

export function toGray(img: Rgba, box: Box = { x0: 0, y0: 0, x1: img.width, y1: img.height }): Gray {
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = ((y + box.y0) * img.width + x + box.x0) * 4;
      data[y * width + x] = 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
    }
  }
  return { width, height, data };
}

/** The box shrunk by `fraction` of its size on every side (to look inside a document's border). */
export function inset(box: Box, fraction: number): Box {
  const dx = Math.round((box.x1 - box.x0) * fraction);
  const dy = Math.round((box.y1 - box.y0) * fraction);
  return { x0: box.x0 + dx, y0: box.y0 + dy, x1: box.x1 - dx, y1: box.y1 - dy };
}
