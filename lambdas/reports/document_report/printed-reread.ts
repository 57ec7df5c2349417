/**
 * Reads one printed value again from its box alone (padded by half its height): as it is, and
 * upscaled 2× and binarised. Measured on our renders: a whole-page read took `11 JUL 2031` for
 * `2039` (confidence 86) and `23.07.1979` for `2301 5 197%)` (16); both crops read them right.
 * Only the words read inside the value's own box are its text: the padding reaches into the
 * label above it (a passport's `Passport No.`, whose lower half the binarised read took for `EE`,
 * so `EE 4E7G77SW6` was never the number) or a label beside it.
 *
 * A code (a document number: letters and digits, no dictionary word) is also read by the legacy
 * engine that reads the MRZ, letters and digits only, from a crop that stops short of the label
 * above. The LSTM model reads OCR-B's `7` as `T` and `4` as `L` at 96–99% symbol confidence
 * (TD3 seed 20099, `4E7G77SW6` read `LETGT7SW6` twice); the legacy engine read 8 of 10 TD3
 * numbers exactly (seeds 20090–20099, this one included) and the other two through O/0 and S/5.
 */
import sharp from 'sharp';
import type { Media } from '../types';
import { recogniseMrz, recogniseText, type Box, type OcrLine } from './ocr';

export interface Reread { text: string; confidence: number }

/**
 * The text of `lines` (read on a crop whose origin is `origin` in the page, `scale`× enlarged)
 * whose words lie inside `box` (page pixels): a word counts when its centre does. A line with
 * every word inside keeps its own confidence; otherwise the lowest of its kept words'.
 */
export function readInBox(lines: OcrLine[], box: Box, origin: { left: number; top: number }, scale: number): Reread | undefined {
  const inside = (b: Box) => {
    const x = (b.x0 + b.x1) / 2 / scale + origin.left, y = (b.y0 + b.y1) / 2 / scale + origin.top;
    return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
  };
  const kept = lines.flatMap((line): Reread[] => {
    const words = line.words?.length ? line.words : [line];
    const mine = words.filter((w) => inside(w.bbox));
    if (mine.length === 0) return [];
    if (mine.length === words.length) return [{ text: line.text, confidence: line.confidence }];
    return [{ text: mine.map((w) => w.text).join(' '), confidence: Math.min(...mine.map((w) => w.confidence)) }];
  });
  return kept.length ? { text: kept.map((k) => k.text).join(' '), confidence: Math.min(...kept.map((k) => k.confidence)) } : undefined;
}

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

type Region = { left: number; top: number; width: number; height: number };

/** The legacy engine's read of a code in `box`: a crop padded by a fifth of its height above and below, upscaled 2×. */
async function readCode(media: Media, box: Box, size: { width: number; height: number }): Promise<Reread | undefined> {
  const h = box.y1 - box.y0, dx = Math.round(h * 0.5), dy = Math.round(h * 0.2);
  const left = Math.max(0, box.x0 - dx), top = Math.max(0, box.y0 - dy);
  const region: Region = { left, top, width: Math.min(size.width - left, box.x1 - box.x0 + 2 * dx), height: Math.min(size.height - top, h + 2 * dy) };
  if (region.width <= 0 || region.height <= 0) return undefined;
  const image = await sharp(media.bytes).rotate().greyscale().extract(region).resize({ width: region.width * 2, kernel: 'cubic' }).png().toBuffer();
  return readInBox(await recogniseMrz(image, CODE_ALPHABET), box, region, 2);
}

/** The second reads of the value in `box`; `code`: the value is a document number (read by the legacy engine too). */
export async function rereadValue(media: Media, box: Box, code = false): Promise<Reread[]> {
  const meta = await sharp(media.bytes).rotate().metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0, height = meta.autoOrient?.height ?? meta.height ?? 0;
  const pad = Math.round((box.y1 - box.y0) * 0.5);
  const left = Math.max(0, box.x0 - pad), top = Math.max(0, box.y0 - pad);
  const region = { left, top, width: Math.min(width - left, box.x1 - box.x0 + 2 * pad), height: Math.min(height - top, box.y1 - box.y0 + 2 * pad) };
  if (region.width <= 0 || region.height <= 0) return [];
  const crop = sharp(media.bytes).rotate().greyscale().extract(region);
  const images: Array<[Buffer, number]> = [
    [await crop.clone().png().toBuffer(), 1],
    [await crop.clone().resize({ width: region.width * 2, kernel: 'cubic' }).normalise().threshold(140).png().toBuffer(), 2],
  ];
  const reads = await Promise.all([
    ...images.map(async ([image, scale]) => readInBox(await recogniseText(image), box, region, scale)),
    ...(code ? [readCode(media, box, { width, height })] : []),
  ]);
  return reads.filter((r): r is Reread => r !== undefined);
}
