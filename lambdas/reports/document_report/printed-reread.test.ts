/**
 * The second read of a printed value is the text inside the value's box, not the label the
 * padding reaches: on every TD3 of the formats bench the binarised read of the passport number
 * began with `EE` (the lower half of `Passport No.`), so it could never agree with the MRZ.
 */
import { FIXTURE_TODAY, randomSpec, renderDocument } from '../fixtures/documents';
import { memo } from '../fixtures/documents/memo';
import type { OcrLine } from './ocr';

// Each distinct image is read once per file: the text OCR passes (the first reread test reads the
// crops the reading of its document did) and the document readings (an MRZ number printed as it is
// renders the same images) are memoised; the last test asserts the counts of readings.
const ocr = jest.requireActual<typeof import('./ocr')>('./ocr');
const recogniseText = memo(ocr.recogniseText);
jest.doMock('./ocr', () => ({ ...ocr, recogniseText }));
const actualReading = jest.requireActual<typeof import('./reading')>('./reading');
const readDocument = memo(actualReading.readDocument);
const { closeOcr } = ocr;
const { dataConsistency } = jest.requireActual<typeof import('./areas-consistency')>('./areas-consistency');
const { readInBox, rereadValue } = jest.requireActual<typeof import('./printed-reread')>('./printed-reread');

afterAll(closeOcr);

const word = (text: string, x0: number, y0: number, x1: number, y1: number, confidence = 90) => ({ text, confidence, bbox: { x0, y0, x1, y1 } });
const line = (...words: ReturnType<typeof word>[]): OcrLine => ({
  ...word(words.map((w) => w.text).join(' '), Math.min(...words.map((w) => w.bbox.x0)), Math.min(...words.map((w) => w.bbox.y0)),
    Math.max(...words.map((w) => w.bbox.x1)), Math.max(...words.map((w) => w.bbox.y1)), 80),
  words,
});

describe('readInBox', () => {
  // The value's box on the page: x 660-820, y 122-143; the crop starts at (650, 112) and was read 2× enlarged.
  const box = { x0: 660, y0: 122, x1: 820, y1: 143 }, origin = { left: 650, top: 112 };

  it('leaves out a line of the label above the box', () => {
    const lines = [line(word('EE', 20, 0, 60, 12, 30)), line(word('4E7G77SW6', 22, 22, 338, 60, 85))];
    expect(readInBox(lines, box, origin, 2)).toEqual({ text: '4E7G77SW6', confidence: 80 });
  });

  it('leaves out a label word read on the value\'s line, and takes the kept words\' confidence', () => {
    const lines = [line(word('DL', 0, 22, 14, 60, 40), word('D1234567', 22, 22, 338, 60, 88))];
    expect(readInBox(lines, box, origin, 2)).toEqual({ text: 'D1234567', confidence: 88 });
  });

  it('has nothing when no word lies in the box', () => {
    expect(readInBox([line(word('EE', 20, 0, 60, 12))], box, origin, 2)).toBeUndefined();
  });
});

it('the rereads of the rendered TD3 number of seed 20099 hold no part of its label', async () => {
  const spec = randomSpec(20099, FIXTURE_TODAY, 'passport');
  const images = await renderDocument(spec, 'jpeg');
  const number = (await readDocument(images, FIXTURE_TODAY)).printed.document_number;
  const reads = await rereadValue(images[0]!, number!.box!);
  expect(reads).toHaveLength(2);
  for (const r of reads) expect(r.text).not.toMatch(/^E+ /);
}, 120_000);

describe('a document number read again by the legacy engine (TD3 seed 20099: the LSTM read 4E7G77SW6 as LETGT7SW6)', () => {
  const spec = randomSpec(20099, FIXTURE_TODAY, 'passport');
  const numbers = async (printed: string) => {
    const reading = await readDocument(await renderDocument({ ...spec, printed: { documentNumber: printed } }, 'jpeg'), FIXTURE_TODAY);
    return dataConsistency(reading, FIXTURE_TODAY)?.breakdown?.document_numbers?.result;
  };

  it('agrees with the MRZ', async () => {
    expect(await numbers(spec.documentNumber)).toBe('clear');
  }, 120_000);

  it('a printed number with one digit changed is still a mismatch', async () => {
    expect(await numbers('4E7G77SW8')).toBe('consider');
  }, 120_000);
});

it('read each distinct document and each distinct image once by text OCR (the memos of this file)', () => {
  expect([readDocument.calls, readDocument.runs]).toEqual([3, 2]);
  expect([recogniseText.calls, recogniseText.runs]).toEqual([8, 6]);
});
