import { documentSpec } from '../fixtures/documents';
import { dataConsistency, doubtfulPrinted } from './areas-consistency';
import { extractedData } from './extracted';
import { mrzData } from './mrz-fields';
import { parseMrz } from './mrz-parse';
import { findPrintedFields, type PrintedValue } from './printed-fields';
import type { DocumentReading } from './reading';
import { foldConfusable, printedDate, printedSex } from './printed-values';
import { nameWordsAgree, sameName } from './names';
import type { OcrLine } from './ocr';

const pivot = (yy: number) => (yy > 25 ? 1900 + yy : 2000 + yy);
const line = (text: string, x0: number, y0: number, h = 10, confidence = 90): OcrLine =>
  ({ text, confidence, bbox: { x0, y0, x1: x0 + text.length * 8, y1: y0 + h } });

describe('printed values', () => {
  it('reads the date formats documents print', () => {
    expect(printedDate('12 MAR 1985', pivot)).toBe('1985-03-12');
    expect(printedDate('12 MAR/MARS 85', pivot)).toBe('1985-03-12');
    expect(printedDate('11 JuL 2031', pivot)).toBe('2031-07-11');
    expect(printedDate('04.11.1990', pivot)).toBe('1990-11-04');
    expect(printedDate('1990-11-04', pivot)).toBe('1990-11-04');
    expect(printedDate('31.02.1990', pivot)).toBeUndefined();
    expect(printedDate('BERLIN', pivot)).toBeUndefined();
  });

  it('reads sex in words or letters, and folds OCR-confusable characters', () => {
    expect(printedSex('F')).toBe('F');
    expect(printedSex('Masculin')).toBe('M');
    expect(printedSex('?')).toBeUndefined();
    expect(foldConfusable('L01X00T47')).toBe(foldConfusable('L0IXO0T47'));
    expect(foldConfusable('533401372')).not.toBe(foldConfusable('533401373'));
  });

  it('compares names with ICAO transliteration, truncation and middle names', () => {
    expect(sameName('Müller', 'MUELLER')).toBe(true);
    expect(sameName('Müller', 'MULLER')).toBe(true);
    expect(sameName('WOLFESCHLEGELSTEINHAUSEN', 'WOLFESCHLEGEL', true)).toBe(true);
    expect(sameName('MARTIN', 'MARTINEZ')).toBe(false);
    expect(nameWordsAgree('Sarah', 'SARAH JANE')).toBe(true);
    expect(nameWordsAgree('Sara', 'SARAH JANE')).toBe(false);
  });
});

describe('findPrintedFields', () => {
  it('takes the line under each label in the same column, stopping at the next label', () => {
    const fields = findPrintedFields([
      line('Surname / Nom', 100, 10, 6), line('MARTIN', 100, 20),
      line('Date of birth', 100, 40, 6), line('12 MAR 1985', 100, 50), line('Sex', 300, 40, 6), line('F', 300, 50, 10, 80),
      line('Address', 100, 80, 6), line('1 HIGH STREET', 100, 90), line('LONDON', 100, 104), line('Nationality', 100, 125, 6),
    ]);
    expect(fields.last_name).toEqual({ text: 'MARTIN', confidence: 90, lines: 1, box: { x0: 100, y0: 20, x1: 148, y1: 30 } });
    expect(fields.date_of_birth?.text).toBe('12 MAR 1985');
    expect(fields.gender?.text).toBe('F');
    expect(fields.address?.text).toBe('1 HIGH STREET\nLONDON');
    expect(fields.nationality).toBeUndefined();
  });
});

describe('second reads of doubtful printed values', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const lines = documentSpec('valid', 'passport', now).mrz; // expiry 2031-07-11
  const parsed = parseMrz(lines);
  const reading = (expiry: PrintedValue): DocumentReading => ({
    sides: [], printed: { date_of_expiry: expiry, last_name: { text: 'MARTIN', confidence: 96, lines: 1 } },
    mrz: { text: { lines, imageIndex: 0, confidence: 90, band: { top: 0, bottom: 0, left: 0, right: 0 }, reader: 'glyphs' }, parsed, data: mrzData(parsed, now) },
  });
  const misread: PrintedValue = { text: '11 JUL 2039', confidence: 86, lines: 1 };

  it('reads again a value that disagrees with the MRZ or was read with doubt, not a confident agreeing one', () => {
    expect(parsed.result.valid).toBe(true);
    expect(doubtfulPrinted(reading(misread), now)).toEqual(['date_of_expiry']);
    expect(doubtfulPrinted(reading({ text: '11 JUL 2031', confidence: 60, lines: 1 }), now)).toEqual(['date_of_expiry']);
    expect(doubtfulPrinted(reading({ text: '11 JUL 2031', confidence: 90, lines: 1 }), now)).toEqual([]);
  });

  it('a misread that a second read contradicts is consistent; a value every read finds different is not', () => {
    const settled = dataConsistency(reading({ ...misread, rereads: [{ text: '11 JUL 2031', confidence: 91 }] }), now);
    expect(settled?.breakdown?.date_of_expiry?.result).toBe('clear');
    const changed = dataConsistency(reading({ ...misread, rereads: [{ text: '11 JUL 2039', confidence: 93 }, { text: '11 JUL 2039', confidence: 95 }] }), now);
    expect(changed?.breakdown?.date_of_expiry?.result).toBe('consider');
    expect(dataConsistency(reading(misread), now)?.breakdown?.date_of_expiry?.result).toBe('consider');
  });

  it('autofill takes the most confident read of a printed value', () => {
    const doubtful = { sides: [], printed: { date_of_birth: { text: '2301 5 197%)', confidence: 16, lines: 1, rereads: [{ text: '23.07.1979', confidence: 95 }] } } };
    expect(extractedData(doubtful, now).date_of_birth).toBe('1979-07-23');
  });
});
