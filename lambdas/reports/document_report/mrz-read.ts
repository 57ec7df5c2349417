/**
 * Reads the MRZ text off document images: locate the band, then
 * 1. read it by OCR-B template matching (mrz-glyphs.ts, ~30 ms): kept when every glyph matched
 *    cleanly and the check digits hold (after the repairs parseMrz records);
 * 2. otherwise crop, upscale small print 2×, OCR with Tesseract's legacy engine and keep the
 *    lines that have an MRZ shape (2×44, 2×36 or 3×30 characters). A clean template reading
 *    whose check digits fail (a tampered digit) is still preferred to a Tesseract reading that
 *    does not validate either.
 */
import sharp from 'sharp';
import type { Media } from '../types';
import { readGlyphs } from './mrz-glyphs';
import { locateMrz, type Band, type Grey } from './mrz-locate';
import { normaliseGrey } from './normalise';
import { parseMrz } from './mrz-parse';
import { MRZ_LETTERS, recogniseMrz, type OcrLine } from './ocr';

/** `reader`: which reader produced the lines (OCR-B template matching or Tesseract). */
export interface MrzText { lines: string[]; imageIndex: number; confidence: number; band: Band; reader: 'glyphs' | 'tesseract' }

const SHAPES: Array<{ count: number; length: number }> = [
  { count: 2, length: 44 }, { count: 3, length: 30 }, { count: 2, length: 36 },
];

/** Greyscale, contrast-stretched raster of an image (what the locator and quality checks read). */
export async function greyRaster(bytes: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(bytes).rotate().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: await normaliseGrey(data, info.width, info.height, (s) => s.greyscale().normalise()), width: info.width, height: info.height };
}

/** Picks the lines of one MRZ shape; a line one character off is padded or trimmed with `<`. */
export function mrzShape(candidates: string[]): string[] | null {
  for (const { count, length } of SHAPES) {
    const near = candidates.filter((l) => Math.abs(l.length - length) <= 1);
    if (near.length < count) continue;
    return near.slice(-count).map((l) => (l.length > length ? l.replace(/<$/, '').slice(0, length) : l.padEnd(length, '<')));
  }
  return null;
}

/**
 * Small print is upscaled 2× before OCR. Measured on OCR-B renders: the legacy engine reads
 * glyphs 19–25 px tall best unscaled, and resampling those adds 2/Z and 5/S confusions.
 */
function upscale(lineHeight: number): number {
  return lineHeight < 16 ? 2 : 1;
}

/** Index of the line holding only names (letters and `<`): TD3/TD2 first line, TD1 third. */
const nameLine = (lines: string[]) => (lines.length === 3 ? 2 : 0);

/**
 * A names line that still holds digits is read again alone with letters only: names never
 * contain digits, and the legacy engine reads OCR-B S as 3 or O as 0 among digits.
 */
async function rereadNames(strip: Buffer, lines: string[], ocr: OcrLine[]): Promise<string[]> {
  const index = nameLine(lines);
  const text = lines[index] ?? '';
  const source = ocr.find((l) => l.text.replace(/\s+/g, '').startsWith(text.slice(0, 8)));
  if (/^[A-Z<]*$/.test(text) || !source) return lines;
  const { x0, y0, x1, y1 } = source.bbox;
  const pad = Math.round((y1 - y0) * 0.5);
  const meta = await sharp(strip).metadata();
  const top = Math.max(0, y0 - pad), left = Math.max(0, x0 - pad);
  const crop = await sharp(strip).extract({
    left, top, width: Math.min((meta.width ?? x1) - left, x1 - x0 + 2 * pad), height: Math.min((meta.height ?? y1) - top, y1 - y0 + 2 * pad),
  }).png().toBuffer();
  const [again] = await recogniseMrz(crop, MRZ_LETTERS);
  const reread = again?.text.replace(/\s+/g, '') ?? '';
  if (Math.abs(reread.length - text.length) > 1) return lines;
  return lines.map((l, i) => (i === index ? reread.slice(0, text.length).padEnd(text.length, '<') : l));
}

async function readWithTesseract(grey: Grey, band: Band & { lineHeight: number }, imageIndex: number): Promise<MrzText | null> {
  const strip = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .extract({ left: band.left, top: band.top, width: band.right - band.left + 1, height: band.bottom - band.top + 1 })
    .resize({ width: (band.right - band.left + 1) * upscale(band.lineHeight), kernel: 'cubic' })
    .png().toBuffer();
  const ocr = (await recogniseMrz(strip)).map((l) => ({ ...l, text: l.text.replace(/\s+/g, '').toUpperCase() }));
  const shaped = mrzShape(ocr.map((l) => l.text));
  if (!shaped) return null;
  const used = ocr.filter((l) => shaped.some((s) => s.startsWith(l.text.slice(0, 20))));
  const confidence = used.length ? Math.min(...used.map((l) => l.confidence)) : 0;
  return { lines: await rereadNames(strip, shaped, ocr), imageIndex, confidence, band, reader: 'tesseract' };
}

const validates = (lines: string[]) => parseMrz(lines).result.valid;

async function readOne(media: Media, imageIndex: number): Promise<MrzText | null> {
  const grey = await greyRaster(media.bytes);
  const band = locateMrz(grey);
  if (!band) return null;
  const glyphs = readGlyphs(grey, band);
  const fromGlyphs: MrzText | null = glyphs?.clean
    ? { lines: glyphs.lines, imageIndex, confidence: glyphs.confidence, band, reader: 'glyphs' }
    : null;
  if (fromGlyphs && validates(fromGlyphs.lines)) return fromGlyphs;
  const fromTesseract = await readWithTesseract(grey, band, imageIndex);
  if (fromTesseract && validates(fromTesseract.lines)) return fromTesseract;
  return fromGlyphs ?? fromTesseract;
}

/** The first image (in the order given: front, back) that carries a readable MRZ. */
export async function readMrz(images: Media[]): Promise<MrzText | null> {
  for (let i = 0; i < images.length; i++) {
    const image = images[i];
    if (!image || !image.contentType.startsWith('image/')) continue;
    const found = await readOne(image, i);
    if (found) return found;
  }
  return null;
}
