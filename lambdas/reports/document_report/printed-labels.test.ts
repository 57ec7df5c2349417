/**
 * Labels on the value's line (`DOB 05/17/1990`, as US licences print them): the reader takes
 * the rest of the line as the value, a value OCR split off to the right of its label, and reads
 * again alone a small label that OCR took for lower case (`pos` for `DOB`).
 */
import { FIXTURE_TODAY, randomLicence, US_LICENCE, usLicenceImages } from '../fixtures/documents';
import type { BreakdownArea } from '../types';
import { checkDocument, closeOcr } from '.';
import type { OcrLine, OcrWord } from './ocr';
import { findPrintedFields } from './printed-fields';

afterAll(closeOcr);

/** A line of words 10 px apart, each 8 px a character, as OCR gives them. */
function line(words: string[], x0: number, y0: number, confidence = 90): OcrLine {
  let x = x0;
  const out: OcrWord[] = words.map((text) => {
    const w = { text, confidence, bbox: { x0: x, y0, x1: x + text.length * 8, y1: y0 + 12 } };
    x = w.bbox.x1 + 10;
    return w;
  });
  const last = out[out.length - 1]?.bbox.x1 ?? x0;
  return { text: words.join(' '), confidence, bbox: { x0, y0, x1: last, y1: y0 + 12 }, words: out };
}

describe('same-line labels', () => {
  it('takes the rest of a labelled line as its value, with the value words alone as its box', () => {
    const fields = findPrintedFields([
      line(['DL', 'D1234567'], 100, 10), line(['LN', 'DOE'], 100, 40), line(['DOB', '05/17/1990'], 100, 70, 85), line(['EXP:', '05/17/2030'], 100, 100),
    ]);
    expect(fields.document_number).toEqual({ text: 'D1234567', confidence: 90, lines: 1, box: { x0: 126, y0: 10, x1: 190, y1: 22 } });
    expect(fields.last_name?.text).toBe('DOE');
    expect(fields.date_of_birth?.text).toBe('05/17/1990');
    expect(fields.date_of_expiry?.text).toBe('05/17/2030');
  });

  it('a label read with its value split off to its right takes that value, not the line below', () => {
    const fields = findPrintedFields([line(['DOB'], 100, 10), line(['05/17/1990'], 134, 10), line(['1 MAIN ST'], 100, 30)]);
    expect(fields.date_of_birth?.text).toBe('05/17/1990');
  });

  it('two labels read as one line are labels, not a label and its value', () => {
    const fields = findPrintedFields([
      line(['Date', 'of', 'birth', 'Sex'], 100, 10), line(['04.11.1990'], 100, 26), line(['Surname'], 100, 50), line(['SCHNEIDER'], 100, 66),
    ]);
    expect(fields.date_of_birth).toBeUndefined();
    expect(fields.gender).toBeUndefined();
    expect(fields.last_name?.text).toBe('SCHNEIDER');
  });

  it('random licences print their labels both ways', () => {
    const layouts = new Set(Array.from({ length: 12 }, (_, i) => randomLicence(50_000 + i, FIXTURE_TODAY).labels));
    expect([...layouts].sort()).toEqual(['above', 'beside']);
  });

  it('a licence printing labels beside their values is read and compared with its barcode, every field', async () => {
    const report = await checkDocument({ images: await usLicenceImages(US_LICENCE, {}, 'beside'), now: FIXTURE_TODAY });
    const consistency = report.breakdown.data_consistency as BreakdownArea;
    expect(Object.keys(consistency.breakdown ?? {}).sort()).toEqual(['date_of_birth', 'date_of_expiry', 'document_numbers', 'first_name', 'last_name', 'multiple_data_sources_present']);
    expect(report.result).toBe('clear');
  }, 120_000);
});
