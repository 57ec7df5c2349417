import { ReportResult } from '../../../compiler';
import { checkPan, indiaPanReport, IndiaPanInputError } from '.';

const now = new Date('2026-03-01T00:00:00Z');
const applicant = { first_name: 'Priya', last_name: 'Sharma', id_numbers: [{ type: 'pan', value: 'ABCPS1234K' }] };

describe('PAN structure', () => {
  it.each([
    ['ABCPS1234K', true, 'individual'], ['AAACR5055K', true, 'company'], ['abcps 1234k', true, 'individual'],
    ['ABCXS1234K', false, undefined], ['ABCPS12345', false, undefined], ['ABCPS123K', false, undefined],
  ])('%s', (pan, valid, type) => {
    const c = checkPan(pan);
    expect([c.valid, c.holder_type]).toEqual([valid, type]);
  });
  it('says why a PAN is malformed', () => {
    expect(checkPan('ABCXS1234K').problems).toEqual(['"X" is not a PAN holder type']);
    expect(checkPan('ABC').problems).toEqual(['3 characters, a PAN has 10']);
  });
});

describe('india_tax_id_report', () => {
  it('is clear for a well-formed individual PAN whose 5th letter is the surname initial', async () => {
    const r = await indiaPanReport({ applicant, tasks: { profile: { pan: 'ABCPS1234K' } }, config: {}, now });
    expect(ReportResult.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ result: 'clear', breakdown: { pan_format: { result: 'clear' }, name_match: { result: 'clear' }, consistency: { result: 'clear' } } });
    expect(r.properties.pan).toBe('ABCPS****K');
  });

  it('flags a surname initial mismatch', async () => {
    const r = await indiaPanReport({ applicant: { ...applicant, last_name: 'Patel' }, config: {}, now });
    expect(r).toMatchObject({ result: 'consider', breakdown: { name_match: { result: 'consider', properties: { pan_initial: 'S', surname_initial: 'P' } } } });
    expect(r.breakdown.consistency).toBeUndefined();
  });

  it('flags a company PAN given for a person, and PANs that differ between sources', async () => {
    const company = await indiaPanReport({ applicant: { ...applicant, id_numbers: [{ type: 'pan', value: 'AAACR5055K' }] }, config: {}, now });
    expect(company.breakdown.pan_format).toMatchObject({ result: 'consider', properties: { holder_type: 'company' } });
    const differ = await indiaPanReport({ applicant, tasks: { profile: { pan: 'ABCPS9999K' } }, config: {}, now });
    expect(differ.breakdown.consistency).toMatchObject({ result: 'consider' });
  });

  it('refuses a request without any PAN', async () => {
    await expect(indiaPanReport({ applicant: { first_name: 'A' }, config: {}, now })).rejects.toThrow(IndiaPanInputError);
  });
});
