/**
 * Reads everything a document check looks at, once: image quality of every side, the MRZ
 * (located, OCR'd, parsed, repaired) and the printed fields (labels and values by OCR).
 */
import sharp from 'sharp';
import type { Media } from '../types';
import { measureQuality, type ImageQuality } from './image-quality';
import { mrzData, type MrzData } from './mrz-fields';
import { parseMrz, type ParsedMrz } from './mrz-parse';
import { readMrz, type MrzText } from './mrz-read';
import { recogniseText } from './ocr';
import { findPrintedFields, type PrintedFields } from './printed-fields';

export interface SideReading { media_id: string; quality: ImageQuality | null; error?: string }

export interface DocumentReading {
  sides: SideReading[];
  mrz?: { text: MrzText; parsed: ParsedMrz; data: MrzData };
  printed: PrintedFields;
}

async function measure(media: Media): Promise<SideReading> {
  try {
    return { media_id: media.id, quality: await measureQuality(media.bytes) };
  } catch (error) {
    return { media_id: media.id, quality: null, error: `not a readable image (${(error as Error).message})` };
  }
}

/** OCR of the printed text of one side, above the MRZ when that side carries it. */
async function printedText(media: Media, mrzTop: number | undefined): Promise<PrintedFields> {
  let image = sharp(media.bytes).rotate().greyscale();
  if (mrzTop !== undefined && mrzTop > 0) {
    const meta = await sharp(media.bytes).rotate().metadata();
    image = image.extract({ left: 0, top: 0, width: meta.autoOrient?.width ?? meta.width ?? 1, height: mrzTop });
  }
  return findPrintedFields(await recogniseText(await image.png().toBuffer()));
}

function mergePrinted(all: PrintedFields[]): PrintedFields {
  const out: PrintedFields = {};
  for (const fields of all) {
    for (const [key, value] of Object.entries(fields) as Array<[keyof PrintedFields, NonNullable<PrintedFields[keyof PrintedFields]>]>) {
      const previous = out[key];
      if (!previous || previous.confidence < value.confidence) out[key] = value;
    }
  }
  return out;
}

/** `if_mrz_invalid`: skip the printed-field OCR (~0.3 s a side) when the MRZ alone is valid. */
export interface ReadOptions { printed: 'always' | 'if_mrz_invalid' }

/** Reads the images (front first). Non-image media and undecodable bytes are reported per side. */
export async function readDocument(images: Media[], now: Date, options: ReadOptions = { printed: 'always' }): Promise<DocumentReading> {
  const sides = await Promise.all(images.map(measure));
  const readable = images.filter((_, i) => sides[i]?.quality);
  const text = await readMrz(readable);
  const mrz = text ? (() => { const parsed = parseMrz(text.lines); return { text, parsed, data: mrzData(parsed, now) }; })() : undefined;
  const wanted = options.printed === 'always' || !mrz?.parsed.result.valid;
  const printed = wanted
    ? mergePrinted(await Promise.all(readable.map((m, i) => printedText(m, mrz && mrz.text.imageIndex === i ? mrz.text.band.top : undefined))))
    : {};
  return { sides, ...(mrz ? { mrz } : {}), printed };
}
