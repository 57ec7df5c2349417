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

  it('the rendered TD2 card of seed 40002 is read consistent', async () => {
    const r = await readDocument(await renderDocument(randomSpec(40002, now, 'td2_card'), 'png'), now);
    expect(r.mrz?.data.document_number).toBe('EQI99E7N6');
    expect(dataConsistency(r, now)?.result).toBe('clear');
  }, 60_000);
});
