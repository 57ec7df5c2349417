/**
 * document_report on a US driving licence (no MRZ): the back's AAMVA PDF417 barcode is the
 * document's data, the printed front is checked against it (names, dates month first, number),
 * and the licence's type and country against the accepted documents.
 */
import { FIXTURE_TODAY, randomLicence, US_LICENCE, usLicenceImages } from '../fixtures/documents';
import { memo } from '../fixtures/documents/memo';
import type { BreakdownArea, ReportResult } from '../types';

// The same images are read once per file: a document reading (the first and last tests read the same
// licence) and an OCR pass (a licence's back is the same whatever its front says) are memoised;
// the last test asserts the counts of readings.
const ocr = jest.requireActual<typeof import('./ocr')>('./ocr');
const recogniseText = memo(ocr.recogniseText);
jest.doMock('./ocr', () => ({ ...ocr, recogniseText }));
const actualReading = jest.requireActual<typeof import('./reading')>('./reading');
const readDocument = memo(actualReading.readDocument);
jest.doMock('./reading', () => ({ ...actualReading, readDocument }));
const { checkDocument, closeOcr } = jest.requireActual<typeof import('.')>('.');

const now = new Date('2026-03-01T12:00:00Z');
const sub = (r: ReportResult, a: string, b: string) => (r.breakdown[a] as BreakdownArea | undefined)?.breakdown?.[b];
afterAll(closeOcr);

describe('document_report on a US driving licence', () => {
  it('reads the barcode, finds the printed front consistent with it and clears the licence', async () => {
    const report = await checkDocument({ images: await usLicenceImages(), now, config: { documents: [{ type: 'driving_licence', countries: ['USA'] }] } });
    expect(report.result).toBe('clear');
    expect(sub(report, 'image_integrity', 'supported_document')).toEqual({ result: 'clear', properties: { document_type: 'driving_licence', issuing_country: 'USA' } });
    const consistency = report.breakdown.data_consistency as BreakdownArea;
    expect(Object.keys(consistency.breakdown ?? {}).sort()).toEqual(['date_of_birth', 'date_of_expiry', 'document_numbers', 'first_name', 'last_name', 'multiple_data_sources_present']);
    expect(consistency.result).toBe('clear');
    expect(report.properties).toMatchObject({
      document_type: 'driving_licence', issuing_country: 'USA', first_name: US_LICENCE.givenNames, last_name: US_LICENCE.surname,
      date_of_birth: US_LICENCE.birthDate, date_of_expiry: US_LICENCE.expiryDate, document_numbers: [{ type: 'document_number', value: US_LICENCE.number }],
    });
  }, 120_000);

  it('a front that disagrees with its barcode is suspected (data_consistency)', async () => {
    const report = await checkDocument({ images: await usLicenceImages(US_LICENCE, { birthDate: '1990-05-18', number: 'D7654321' }), now });
    expect(report.sub_result).toBe('suspected');
    expect(sub(report, 'data_consistency', 'date_of_birth')?.result).toBe('consider');
    expect(sub(report, 'data_consistency', 'document_numbers')?.result).toBe('consider');
    expect(sub(report, 'data_consistency', 'last_name')?.result).toBe('clear');
  }, 120_000);

  it('a printed number whose S is read as $ agrees with the barcode, another letter there does not (licence seed 52005)', async () => {
    const { licence, labels } = randomLicence(52005, FIXTURE_TODAY);
    expect(licence.number).toBe('S3206350');
    const numbers = async (printed: Partial<typeof licence>) => sub(await checkDocument({ images: await usLicenceImages(licence, printed, labels), now: FIXTURE_TODAY }), 'data_consistency', 'document_numbers')?.result;
    expect(await numbers({})).toBe('clear');
    expect(await numbers({ number: 'D3206350' })).toBe('consider');
  }, 120_000);

  it('is not a supported document where only passports are accepted', async () => {
    const report = await checkDocument({ images: await usLicenceImages(), now, config: { documents: [{ type: 'passport' }] } });
    expect(sub(report, 'image_integrity', 'supported_document')?.result).toBe('consider');
    expect(report.sub_result).toBe('rejected');
  }, 120_000);

  it('read each distinct set of images once, and each distinct image once by text OCR (the memos of this file)', () => {
    expect([readDocument.calls, readDocument.runs]).toEqual([5, 4]);
    expect([recogniseText.calls, recogniseText.runs]).toEqual([18, 14]);
  });
});
