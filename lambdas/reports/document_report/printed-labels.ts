/**
 * Same-line labels read again alone. A label printed smaller than the value on its line
 * (`DOB 05/17/1990`: small capitals before larger ones, as US licences print) is taken by the
 * LSTM for lower case: on our renders `DL` was read `pL` and `DOB` `pos`. Cropped and read
 * alone they read `DL` (94) and `DOB` (88). So a short lower-case first word before an
 * upper-case value, not already a label, is read again from its box, and replaced when that
 * read is a label.
 */
import sharp from 'sharp';
import { recogniseText, type OcrLine, type OcrWord } from './ocr';
import { isLabel } from './printed-fields';

const doubtfulLabel = (line: OcrLine): OcrWord | undefined => {
  const [first, ...rest] = line.words ?? [];
  if (!first || rest.length === 0 || isLabel(first.text)) return undefined;
  return /^[A-Za-z]{2,4}$/.test(first.text) && /[a-z]/.test(first.text) && !rest.some((w) => /[a-z]/.test(w.text)) ? first : undefined;
};

async function readAlone(image: Buffer, word: OcrWord): Promise<string | undefined> {
  const meta = await sharp(image).metadata();
  const h = word.bbox.y1 - word.bbox.y0, pad = Math.round(h * 0.4);
  const left = Math.max(0, word.bbox.x0 - pad), top = Math.max(0, word.bbox.y0 - pad);
  const width = Math.min((meta.width ?? 0) - left, word.bbox.x1 - word.bbox.x0 + 2 * pad), height = Math.min((meta.height ?? 0) - top, h + 2 * pad);
  if (width <= 0 || height <= 0) return undefined;
  const lines = await recogniseText(await sharp(image).extract({ left, top, width, height }).png().toBuffer());
  return lines.length === 1 ? lines[0]?.text : undefined;
}

/** The lines of `image` (as OCR read them), with doubtful same-line labels read again. */
export async function relabel(image: Buffer, lines: OcrLine[]): Promise<OcrLine[]> {
  return Promise.all(lines.map(async (line) => {
    const word = doubtfulLabel(line);
    const alone = word ? await readAlone(image, word) : undefined;
    if (!word || !alone || !isLabel(alone)) return line;
    const words = [{ ...word, text: alone }, ...(line.words ?? []).slice(1)];
    return { ...line, text: words.map((w) => w.text).join(' '), words };
  }));
}
