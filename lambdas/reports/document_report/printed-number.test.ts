/**
 * The printed card number against the MRZ: the bench's two false `document_numbers` flags
 * (seeds 30005, a TD1 card as JPEG, and 40002, a TD2 card as PNG). Tesseract read both numbers
 * exactly but with confidence below the comparison floor, and the second reads of the box took
 * Q for A and 6 for G with confidence above it: the old check saw only a confident disagreement.
 */
import { FIXTURE_TODAY, randomSpec, renderDocument } from '../fixtures/documents';
import { dataConsistency } from './areas-consistency';
import { mrzData } from './mrz-fields';
import { parseMrz } from './mrz-parse';
import type { PrintedValue } from './printed-fields';
import { readsAs } from './printed-values';
import { readDocument, type DocumentReading } from './reading';
import { closeOcr } from './ocr';

const now = FIXTURE_TODAY;
afterAll(closeOcr);

/** A reading of the card of `seed` whose only printed field is the number, read as `number`. */
function reading(seed: number, kind: 'id_card' | 'td2_card', number: PrintedValue): DocumentReading {
  const { mrz: lines } = randomSpec(seed, now, kind);
  const parsed = parseMrz(lines);
  return {
    sides: [], printed: { document_number: number },
    mrz: { text: { lines, imageIndex: 0, confidence: 90, band: { top: 0, bottom: 0, left: 0, right: 0 }, reader: 'glyphs' }, parsed, data: mrzData(parsed, now) },
  };
}
const numberResult = (r: DocumentReading) => dataConsistency(r, now)?.breakdown?.document_numbers?.result;

describe('printed document number against the MRZ', () => {
  it('an exact read agrees whatever its confidence, over confident misreads (the reads OCR made of seeds 30005 and 40002)', () => {
    expect(randomSpec(30005, now, 'id_card').documentNumber).toBe('GCVGQ4UDX');
    expect(numberResult(reading(30005, 'id_card', {
      text: 'GCVGQ4UDX', confidence: 27, lines: 1, rereads: [{ text: 'GCVGA4UDX', confidence: 32 }, { text: 'GCVGA4UDX', confidence: 60 }],
    }))).toBe('clear');
    expect(numberResult(reading(40002, 'td2_card', {
      text: 'EQI99E7N6', confidence: 44, lines: 1, rereads: [{ text: 'EQI99E7NG', confidence: 46 }, { text: 'EQI99E7NG', confidence: 54 }],
    }))).toBe('clear');
  });

  it('a changed number is still a mismatch, and a doubtful read that is not exact proves nothing', () => {
    expect(numberResult(reading(30005, 'id_card', { text: 'GCVGQ4UDY', confidence: 90, lines: 1 }))).toBe('consider');
    expect(numberResult(reading(30005, 'id_card', { text: 'GCVGQ4UDY', confidence: 27, lines: 1, rereads: [{ text: 'GCVGQ4UDY', confidence: 80 }] }))).toBe('consider');
    expect(numberResult(reading(30005, 'id_card', { text: 'GCVGQ4UDY', confidence: 27, lines: 1 }))).toBeUndefined();
  });

  it('confident misreads of a number OCR makes on OCR-B (4 as L or 4L, 1 as T) agree (seeds 20011, 30013, 30017 of the 100-document bench)', () => {
    const passport = (seed: number, number: PrintedValue) => {
      const r = reading(seed, 'id_card', number);
      const lines = randomSpec(seed, now, 'passport').mrz, parsed = parseMrz(lines);
      return { ...r, mrz: { ...r.mrz!, text: { ...r.mrz!.text, lines }, parsed, data: mrzData(parsed, now) } };
    };
    expect(numberResult(passport(20011, { text: 'LV9AOLIAX', confidence: 25, lines: 1, rereads: [{ text: 'LV9AO4LIAX', confidence: 50 }] }))).toBe('clear');
    expect(numberResult(reading(30013, 'id_card', { text: 'TI9WFYPXC', confidence: 54, lines: 1, rereads: [{ text: 'TI9WFYPXC', confidence: 72 }] }))).toBe('clear');
    expect(numberResult(reading(30017, 'id_card', { text: '9ALYQEV6N', confidence: 50, lines: 1 }))).toBe('clear');
    expect(readsAs('9A4YQEV6N', '9A4LYQEV6N')).toBe(true);
    // TD2 seeds 40018, 40023, 40047: 9 as O (66), 8 as S8 (65), 1 as T1 (54).
    expect(readsAs('YS5YB1C9W', 'YS5YB1COW') && readsAs('EJOTCKUL8', 'EJOTCKULS8') && readsAs('BC1QNFCGQ', 'BCT1QNFCGQ')).toBe(true);
    // Licence seed 50045: C as the euro sign, which folding alone would drop (and then a character is missing).
    expect(readsAs('C5225695', '€5225695')).toBe(true);
    expect(readsAs('C5225695', '5225695')).toBe(false);
    expect(readsAs('D5225695', '€5225695')).toBe(false);
  });

  it('a misread goes one way only: a 1 printed where the MRZ has 4, or a character more, is a mismatch', () => {
    expect(readsAs('9A4YQEV6N', '9A1YQEV6N')).toBe(false);
    expect(readsAs('9A4YQEV6N', '9A4YQEV6NL')).toBe(false);
    expect(readsAs('1I9WFYPXC', '1I9WFYPXG')).toBe(false);
    expect(numberResult(reading(30017, 'id_card', { text: '9A1YQEV6N', confidence: 90, lines: 1 }))).toBe('consider');
  });

  it('a read through the measured misreads agrees at any confidence (TD1 seed 32058 of held-out documents 2000-2099)', () => {
    expect(randomSpec(32058, now, 'id_card').documentNumber).toBe('CI5WC9EN4');
    // The reads the report made: 5 as S at 0 and 45, and the legacy engine's W as N at 77, the only confident read.
    expect(numberResult(reading(32058, 'id_card', {
      text: 'CISWC9EN4', confidence: 0, lines: 1,
      rereads: [{ text: 'CISWC9EN4', confidence: 45 }, { text: 'CISWCIENS', confidence: 27 }, { text: 'CISNC9EN4', confidence: 77 }],
    }))).toBe('clear');
  });

  it('a changed character outside the misreads is a mismatch when read so with confidence, even beside doubtful reads', () => {
    expect(numberResult(reading(32058, 'id_card', {
      text: 'CISWC9EN7', confidence: 0, lines: 1, rereads: [{ text: 'CISWC9EN7', confidence: 45 }, { text: 'CISNC9EN7', confidence: 77 }],
    }))).toBe('consider');
    expect(numberResult(reading(32058, 'id_card', { text: 'CISWC9EN7', confidence: 45, lines: 1 }))).toBeUndefined();
  });

  it('letters read as a symbol or a digit only where the number has that letter (licence seed 52005: S3206350)', () => {
    expect(readsAs('S3206350', '$3206350')).toBe(true);
    expect(readsAs('S3206350', '83206350')).toBe(true);
    expect(readsAs('53206350', '$3206350')).toBe(false);
    expect(readsAs('S3206350', '3206350')).toBe(false);
    expect(readsAs('S3206350', '$3206850')).toBe(false);
    expect(readsAs('C3206350', '$3206350')).toBe(false);
  });

  it('5 read as S5 and the legacy engine\'s W as N agree (TD1 seed 33007 of held-out documents 3000-3099: WILF7PPG5)', () => {
    expect(randomSpec(33007, now, 'id_card').documentNumber).toBe('WILF7PPG5');
    expect(numberResult(reading(33007, 'id_card', {
      text: 'WILF7PPGS5', confidence: 44, lines: 1,
      rereads: [{ text: 'WILF7PPGS5', confidence: 44 }, { text: 'WILF7PPGS5', confidence: 16 }, { text: 'NILF7PPGS', confidence: 78 }],
    }))).toBe('clear');
    expect(numberResult(reading(33007, 'id_card', { text: 'NILF7PPGS', confidence: 78, lines: 1 }))).toBe('clear');
    expect(readsAs('WILF7PPG5', 'WILF7PPGS5')).toBe(true);
    // One way: an N printed where the MRZ has W, a character more after the 5, or S5 for an S, is a mismatch.
    expect(readsAs('NILF7PPG5', 'WILF7PPG5')).toBe(false);
    expect(readsAs('WILF7PPG5', 'WILF7PPGS5S')).toBe(false);
    expect(readsAs('WILF7PPGS', 'WILF7PPGS5')).toBe(false);
    expect(numberResult(reading(33007, 'id_card', { text: 'WILF7PPGS6', confidence: 44, lines: 1, rereads: [{ text: 'NILF7PPGS6', confidence: 78 }] }))).toBe('consider');
  });

  it('the rendered TD1 card of seed 32058 is read consistent, and with its printed number changed is not', async () => {
    const spec = randomSpec(32058, now, 'id_card');
    const numbers = async (printed: string) => numberResult(await readDocument(await renderDocument({ ...spec, printed: { documentNumber: printed } }, 'png'), now));
    expect(await numbers(spec.documentNumber)).toBe('clear');
    expect(await numbers('CI5WC9EN7')).toBe('consider');
  }, 120_000);

  it('the rendered TD2 card of seed 40002 is read consistent', async () => {
    const r = await readDocument(await renderDocument(randomSpec(40002, now, 'td2_card'), 'png'), now);
    expect(r.mrz?.data.document_number).toBe('EQI99E7N6');
    expect(dataConsistency(r, now)?.result).toBe('clear');
  }, 60_000);
});
