/**
 * The picture of a document sent as a PDF: the largest image embedded in its first page, as PNG.
 * A scanned or photographed document saved as PDF (a scanner app, "save as PDF" of a photo) is one
 * embedded image per page; that image is what the document checks read. Pages drawn as vector
 * graphics or text (no embedded image) are not rendered: no rasteriser ships in the function.
 */
import sharp from 'sharp';
import { extractImages } from 'unpdf';
import { isPdf, MAX_IMAGE_PIXELS, withPdf } from './pdfjs';

/** Smaller images on a page (logos, stamps) are not the document. */
const MIN_SIDE = 300;

export class PdfImageError extends Error {
  override readonly name = 'PdfImageError';
}

export async function pdfPageImage(bytes: Uint8Array): Promise<Buffer> {
  const images = await withPdf(bytes, async (pdf) => {
    if (pdf.numPages < 1) throw new PdfImageError('the PDF has no page');
    return extractImages(pdf, 1);
  });
  const largest = images.filter((i) => Math.min(i.width, i.height) >= MIN_SIDE).sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!largest) {
    throw new PdfImageError(`the PDF's first page holds no greyscale or colour image of at least ${MIN_SIDE} pixels a side (a page of text or vector graphics, a black-and-white 1-bit scan or an image over ${MAX_IMAGE_PIXELS} pixels is not read)`);
  }
  const channels = largest.channels as 1 | 2 | 3 | 4;
  return sharp(Buffer.from(largest.data.buffer, largest.data.byteOffset, largest.data.byteLength), { raw: { width: largest.width, height: largest.height, channels } })
    .png().toBuffer();
}

/** Documents (or `what` else: live photos) as images: a PDF becomes the PNG of its first page's picture, the rest is left as it is. */
export async function asImages<M extends { id: string; bytes: Buffer; contentType: string }>(media: M[], onError: (message: string) => Error, what = 'document'): Promise<M[]> {
  return Promise.all(media.map(async (m) => {
    if (m.contentType !== 'application/pdf' && !isPdf(m.bytes)) return m;
    try {
      return { ...m, bytes: await pdfPageImage(m.bytes), contentType: 'image/png' };
    } catch (e) {
      throw onError(`${what} ${m.id}: ${e instanceof PdfImageError ? e.message : `not a readable PDF (${(e as Error).message})`}`);
    }
  }));
}
