import { FIXTURE_TODAY, makeDocument } from '../fixtures/documents';
import { closeOcr } from '../document_report';
import { extractDocument } from '.';

afterAll(closeOcr);

describe('autofill', () => {
  it.each(['passport', 'id_card'] as const)('extracts every field of a valid %s from the MRZ', async (kind) => {
    const { spec, images } = await makeDocument('valid', kind, { format: 'jpeg' });
    const out = await extractDocument({ images, now: FIXTURE_TODAY });
    expect(out.result).toBe('clear');
    expect(out.extracted_data).toEqual({
      document_type: kind === 'passport' ? 'passport' : 'national_identity_card',
      issuing_country: spec.issuingCountry, document_number: spec.documentNumber,
      first_name: spec.givenNames, last_name: spec.surname, date_of_birth: spec.birthDate,
      date_of_expiry: spec.expiryDate, nationality: spec.nationality, gender: spec.sex === 'F' ? 'Female' : 'Male',
    });
    expect(out.breakdown.data_extraction).toMatchObject({ properties: { source: 'mrz', missing_fields: [] } });
  });

  it('takes the date of birth from the printed page when its MRZ check digit is wrong', async () => {
    const { spec, images } = await makeDocument('wrong_check_digit', 'passport');
    const out = await extractDocument({ images, now: FIXTURE_TODAY });
    expect(out.extracted_data.date_of_birth).toBe(spec.birthDate);
    expect(out.breakdown.data_extraction).toMatchObject({ properties: { source: 'mrz_and_printed' } });
  });

  it('leaves out everything it cannot read with confidence (blurred, low-resolution photo)', async () => {
    const { images } = await makeDocument('blurred', 'passport');
    const out = await extractDocument({ images, now: FIXTURE_TODAY });
    expect(out.result).toBe('consider');
    expect(out.extracted_data).toEqual({});
  });
});
