/**
 * Reads everything a document check looks at, once: image quality of every side, the MRZ
 * (located, OCR'd, parsed, repaired) or, without one, a licence's AAMVA barcode, and the printed fields (labels and values by OCR; a value
 * that disagrees with the MRZ or was read with low confidence is read again from its box).
 */
import sharp from 'sharp';
import type { Media } from '../types';
import { measureQuality, type ImageQuality } from './image-quality';
import { mrzData, type MrzData } from './mrz-fields';
import { parseMrz, type ParsedMrz } from './mrz-parse';
import { readMrz, type MrzText } from './mrz-read';
import { AamvaFormatError, licenceData, parseAamva, readPdf417, type LicenceData } from '../driving_licence_verification';
import { doubtfulPrinted } from './areas-consistency';
import { recogniseText } from './ocr';
import { findPrintedFields, type PrintedFields } from './printed-fields';
import { relabel } from './printed-labels';
import { rereadValue } from './printed-reread';

export interface SideReading { media_id: string; quality: ImageQuality | null; error?: string }

export interface DocumentReading {
  sides: SideReading[];
  mrz?: { text: MrzText; parsed: ParsedMrz; data: MrzData };
  /** A document without an MRZ: the AAMVA PDF417 barcode of a US or Canadian licence's back. */
  barcode?: { media_id: string; data: LicenceData };
  printed: PrintedFields;
}

/** The first AAMVA barcode on the images (a PDF417 that is not AAMVA is passed over). */
async function readBarcode(images: Media[]): Promise<DocumentReading['barcode']> {
  for (const media of images) {
    for (const text of await readPdf417(media.bytes)) {
      try {
        return { media_id: media.id, data: licenceData(parseAamva(text)) };
      } catch (error) {
        if (!(error instanceof AamvaFormatError)) throw error;
      }
    }
  }
  return undefined;
}

async function measure(media: Media): Promise<SideReading> {
  try {
    return { media_id: media.id, quality: await measureQuality(media.bytes) };
  } catch (error) {
    return { media_id: media.id, quality: null, error: `not a readable image (${(error as Error).message})` };
  }
}

/** OCR of the printed text of one side (`side`: its index among the readable images), above the MRZ when that side carries it. */
async function printedText(media: Media, side: number, mrzTop: number | undefined): Promise<PrintedFields> {
  let image = sharp(media.bytes).rotate().greyscale();
  if (mrzTop !== undefined && mrzTop > 0) {
    const meta = await sharp(media.bytes).rotate().metadata();
    image = image.extract({ left: 0, top: 0, width: meta.autoOrient?.width ?? meta.width ?? 1, height: mrzTop });
  }
  const png = await image.png().toBuffer();
  const fields = findPrintedFields(await relabel(png, await recogniseText(png)));
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { ...v, side }]));
}

/** The doubtful printed values (areas-consistency) with their second reads. */
async function withRereads(reading: DocumentReading, readable: Media[], now: Date): Promise<PrintedFields> {
  const printed = { ...reading.printed };
  await Promise.all(doubtfulPrinted(reading, now).map(async (field) => {
    const value = printed[field];
    const media = value?.side !== undefined ? readable[value.side] : undefined;
    if (!value?.box || !media) return;
    printed[field] = { ...value, rereads: await rereadValue(media, value.box, field === 'document_number') };
  }));
  return printed;
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
  const barcode = mrz ? undefined : await readBarcode(readable);
  const wanted = options.printed === 'always' || !mrz?.parsed.result.valid;
  const printed = wanted
    ? mergePrinted(await Promise.all(readable.map((m, i) => printedText(m, i, mrz && mrz.text.imageIndex === i ? mrz.text.band.top : undefined))))
    : {};
  const reading: DocumentReading = { sides, ...(mrz ? { mrz } : {}), ...(barcode ? { barcode } : {}), printed };
  return { ...reading, printed: await withRereads(reading, readable, now) };
}
