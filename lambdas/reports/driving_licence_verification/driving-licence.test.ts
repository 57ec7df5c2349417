import { ReportResult } from '../../../compiler';
import { aamvaDate, drivingLicenceReport, licenceData, parseAamva } from '.';
import type { ApplicantData, Media } from '../types';
import { aamvaText, CA_LICENCE, pdf417Png } from './fixtures/aamva-sample';

const now = new Date('2026-03-01T12:00:00Z');
const applicant: ApplicantData = { first_name: 'Jane', last_name: 'Doe', dob: '1990-05-17',
  address: { country: 'USA', line1: '525 Market St', town: 'San Francisco', state: 'CA', postcode: '94105' } };
const autofill = { result: 'clear', extracted_data: { first_name: 'JANE', last_name: 'DOE', date_of_birth: '1990-05-17', document_number: 'D1234567' } };
const back = async (fields: Record<string, string>, iin?: string): Promise<Media> =>
  ({ id: 'back', contentType: 'image/png', bytes: await pdf417Png(aamvaText(fields, { iin })) });

describe('AAMVA parsing', () => {
  it('reads the header and the DL subfile at its offset', () => {
    const r = parseAamva(aamvaText(CA_LICENCE, { subfiles: { ZC: { ZCA: 'BLK', ZCB: 'BRN' } } }));
    expect(r).toMatchObject({ iin: '636014', issuer: 'CA', version: 9, jurisdiction_version: 0 });
    expect(r.elements).toMatchObject({ DAQ: 'D1234567', DCS: 'DOE', DBB: '05171990', ZCA: 'BLK' });
    expect(licenceData(r)).toMatchObject({ first_name: 'JANE', last_name: 'DOE', date_of_birth: '1990-05-17', date_of_expiry: '2030-05-17',
      gender: 'F', address: { line1: '525 MARKET ST', city: 'SAN FRANCISCO', state: 'CA', postcode: '94105' } });
  });

  it('finds the subfile when the issuer wrote a wrong offset', () => {
    const text = aamvaText(CA_LICENCE).replace(/DL(\d{4})(\d{4})/, 'DL0099$2');
    expect(parseAamva(text).elements.DAQ).toBe('D1234567');
  });

  it('reads Canadian and version 1 dates year first, and the version 1 full name', () => {
    expect(aamvaDate('19900517', 'CAN', 9)).toBe('1990-05-17');
    expect(aamvaDate('05171990', 'USA', 9)).toBe('1990-05-17');
    const v1 = parseAamva(aamvaText({ DAQ: '123456789', DAA: 'DOE,JOHN,Q', DBB: '19800102', DAJ: 'NY' }, { iin: '636001', version: 1 }));
    expect(licenceData(v1)).toMatchObject({ first_name: 'JOHN', middle_name: 'Q', last_name: 'DOE', date_of_birth: '1980-01-02' });
  });

  it('refuses text that is not AAMVA', () => {
    expect(() => parseAamva('hello')).toThrow(/not an AAMVA barcode/);
  });
});

describe('driving_licence_verification', () => {
  it('is clear for a valid licence consistent with the front and the applicant', async () => {
    const r = await drivingLicenceReport({ applicant, media: [await back(CA_LICENCE)], tasks: { autofill }, config: {}, now });
    expect(ReportResult.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({
      result: 'clear',
      breakdown: {
        document: { result: 'clear', breakdown: { document_number: { result: 'clear', properties: { matches_front: true } }, issuing_jurisdiction: { result: 'clear' } } },
        personal_details: { result: 'clear', breakdown: { date_of_birth: { result: 'clear', properties: { compared: 2 } } } },
        address: { result: 'clear' },
      },
      properties: { document_number: 'D1234567', barcode_media_id: 'back' },
    });
  });

  it('flags an expired licence', async () => {
    const r = await drivingLicenceReport({ applicant, media: [await back({ ...CA_LICENCE, DBA: '05172025' })], config: {}, now });
    expect(r.breakdown.document).toMatchObject({ result: 'consider', breakdown: { document_expiration_date: { result: 'consider' } } });
  });

  it('flags a number not in the state format and an IIN of another state', async () => {
    const r = await drivingLicenceReport({ applicant, media: [await back({ ...CA_LICENCE, DAQ: '12AB' }, '636015')], config: {}, now });
    expect(r.breakdown.document).toMatchObject({ breakdown: { document_number: { result: 'consider' }, issuing_jurisdiction: { result: 'consider', properties: { iin_issuer: 'TX' } } } });
  });

  it('flags a date of birth that differs from the front of the document', async () => {
    const front = { extracted_data: { ...autofill.extracted_data, date_of_birth: '1991-05-17' } };
    const r = await drivingLicenceReport({ applicant: { first_name: 'Jane', last_name: 'Doe' }, media: [await back(CA_LICENCE)], tasks: { front }, config: {}, now });
    expect(r.breakdown.personal_details).toMatchObject({ result: 'consider', breakdown: { date_of_birth: { result: 'consider', properties: { mismatched: ['1991-05-17'] } } } });
    expect(r.breakdown.address).toBeUndefined();
  });

  it('is consider when no barcode can be read', async () => {
    const blank = await pdf417Png('not a licence');
    const r = await drivingLicenceReport({ applicant, media: [{ id: 'x', contentType: 'image/png', bytes: blank }], config: {}, now });
    expect(r).toMatchObject({ result: 'consider', breakdown: { document: { breakdown: { barcode: { result: 'consider' } } } } });
  });
});
