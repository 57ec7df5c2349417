import { ReportResult } from '../../../compiler';
import { checkAddress, checkDob, checkPhone, checkSsn, identityReport } from '.';
import type { ApplicantData } from '../types';

const now = new Date('2026-03-01T12:00:00Z');
const applicant: ApplicantData = {
  first_name: 'Jane', last_name: 'Doe', dob: '1990-05-17', phone_number: '+1 415 555 2671',
  address: { country: 'USA', postcode: '94105', town: 'San Francisco', street: 'Market Street', building_number: '525', state: 'CA' },
  id_numbers: [{ type: 'ssn', value: '536-22-1234' }],
};
const autofill = { result: 'clear', extracted_data: { first_name: 'JANE', last_name: 'DOE', date_of_birth: '1990-05-17', document_type: 'driving_licence' } };
const profile = { first_name: 'Jane', last_name: 'Doe', dob: '1990-05-17', ssn: '536221234',
  address: { country: 'US', postcode: '94105', town: 'San Francisco', line1: '525 Market St.' } };

describe('SSN structure', () => {
  it.each([['536-22-1234', true], ['000-12-3456', false], ['666-12-3456', false], ['912-12-3456', false],
    ['536-00-1234', false], ['536-22-0000', false], ['078-05-1120', false], ['53622123', false]])('%s valid: %s', (ssn, valid) => {
    expect(checkSsn(ssn).valid).toBe(valid);
  });
});

describe('field checks', () => {
  it('rejects impossible and future dates of birth', () => {
    expect(checkDob('1990-02-30', now).valid).toBe(false);
    expect(checkDob('2030-01-01', now).problem).toBe('in the future');
    expect(checkDob('1990-05-17', now)).toEqual({ value: '1990-05-17', valid: true, age: 35 });
  });
  it('checks country codes, postcode formats and US states', () => {
    expect(checkAddress({ country: 'GBR', postcode: 'SW1A 1AA', street: 'Downing Street' }).valid).toBe(true);
    expect(checkAddress({ country: 'GBR', postcode: '90210', street: 'Downing Street' }).problems).toEqual(['postcode "90210" is not in the GBR format']);
    expect(checkAddress({ country: 'XXX', street: 'x' }).problems).toEqual(['"XXX" is not an ISO 3166-1 country code']);
    expect(checkAddress({ country: 'USA', postcode: '94105', state: 'ZZ', line1: '1 Main St' }).problems).toEqual(['"ZZ" is not a US state code']);
  });
  it('reads phone numbers with their country', () => {
    expect(checkPhone('+44 20 7946 0958')).toMatchObject({ valid: true, country: 'GBR', e164: '+442079460958' });
    expect(checkPhone('020 7946 0958', 'GBR')).toMatchObject({ valid: true, country: 'GBR' });
    expect(checkPhone('+1 123').valid).toBe(false);
  });
});

describe('identity_report', () => {
  it('is clear when document and profile data corroborate the applicant', async () => {
    const r = await identityReport({ applicant, tasks: { autofill, profile }, config: { match_ssn: true }, now });
    expect(ReportResult.safeParse(r).success).toBe(true);
    expect(r.result).toBe('clear');
    expect(r.breakdown).toMatchObject({
      sources: { result: 'clear', breakdown: { total_sources: { properties: { total_number_of_sources: '3' } } } },
      date_of_birth: { result: 'clear', breakdown: { applicant: { result: 'clear' }, 'document:autofill': { result: 'clear' }, 'profile_data:profile': { result: 'clear' } } },
      address: { result: 'clear' },
      ssn: { result: 'clear', breakdown: { format: { result: 'clear' }, full_match: { result: 'clear' }, last_4_digits_match: { result: 'clear' } } },
    });
    expect(JSON.stringify(r)).not.toContain('536221234');
    expect(r.properties.phone_numbers).toEqual([expect.objectContaining({ valid: true, country: 'USA', matches_residence: true })]);
  });

  it('flags a date of birth that differs between sources, naming the source', async () => {
    const r = await identityReport({ applicant, tasks: { autofill: { ...autofill, extracted_data: { ...autofill.extracted_data, date_of_birth: '1991-05-17' } } }, config: {}, now });
    expect(r.result).toBe('consider');
    expect(r.breakdown.date_of_birth).toMatchObject({ result: 'consider', breakdown: { 'document:autofill': { result: 'consider', properties: { problems: ['differs from the other sources'] } } } });
    expect(r.breakdown.ssn).toBeUndefined();
  });

  it('cannot corroborate from the applicant record alone', async () => {
    const r = await identityReport({ applicant, config: {}, now });
    expect(r.result).toBe('consider');
    expect(r.breakdown.sources).toMatchObject({ result: 'consider' });
    expect(r.breakdown.date_of_birth).toMatchObject({ result: 'consider', properties: { corroborated: false } });
  });

  it('judges SSN structure and agreement when match_ssn is set', async () => {
    const r = await identityReport({ applicant: { ...applicant, id_numbers: [{ type: 'ssn', value: '666-22-1234' }] }, tasks: { profile }, config: { match_ssn: true }, now });
    expect(r.breakdown.ssn).toMatchObject({ result: 'consider', breakdown: { format: { result: 'consider' }, full_match: { result: 'consider' }, last_4_digits_match: { result: 'clear' } } });
  });

  it('flags a different name on the document', async () => {
    const r = await identityReport({ applicant, tasks: { autofill: { extracted_data: { ...autofill.extracted_data, first_name: 'JOHN' } } }, config: {}, now });
    expect(r.breakdown.sources).toMatchObject({ result: 'consider', breakdown: { name: { result: 'consider' } } });
  });
});
