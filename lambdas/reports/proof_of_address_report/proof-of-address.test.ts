import { ReportResult } from '../../../compiler';
import { classify, findIssueDate, proofOfAddressReport } from '.';
import type { ApplicantData, Media } from '../types';
import { bankStatement, councilTax, pdf, utilityBill } from './fixtures/documents';

const now = new Date('2026-03-01T12:00:00Z');
const applicant: ApplicantData = { first_name: 'Jane', last_name: 'Doe', address: { country: 'GBR', building_number: '12', street: 'High Street', town: 'London', postcode: 'SW1A 1AA' } };
const media = (bytes: Buffer): Media[] => [{ id: 'poa', contentType: 'application/pdf', bytes }];

describe('issue dates', () => {
  it('reads day-first dates and prefers a labelled one', () => {
    expect(findIssueDate('Period 01/01/2026 to 31/01/2026\nStatement date: 03/02/2026', now)).toEqual({ date: '2026-02-03', basis: 'labelled', text: '03/02/2026' });
    expect(findIssueDate('Billing period 01/01/2026 to 31/01/2026', now)?.date).toBe('2026-01-31');
    expect(findIssueDate('paid 05/01/2026, due 12/01/2026', now)).toMatchObject({ date: '2026-01-12', basis: 'latest' });
  });
});

describe('document types', () => {
  it('tells statements, bills and council tax apart', () => {
    expect(classify('Sort code 12-34-56 Account number 1 Closing balance').document_type).toBe('bank_statement');
    expect(classify('Your electricity bill: 300 kWh, standing charge').document_type).toBe('utility_bill');
    expect(classify('Council Tax: band C, billing authority').document_type).toBe('council_tax');
    expect(classify('Dear customer, thank you').document_type).toBeNull();
  });
});

describe('proof_of_address_report', () => {
  it('is clear for a recent bank statement naming the applicant at her address', async () => {
    const r = await proofOfAddressReport({ applicant, media: media(await bankStatement()), config: {}, now });
    expect(ReportResult.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({
      result: 'clear',
      breakdown: {
        image_integrity: { result: 'clear' },
        document_classification: { breakdown: { document_type: { result: 'clear', properties: { detected: 'bank_statement' } }, issue_date: { result: 'clear', properties: { issue_date: '2026-02-03', age_days: 26 } } } },
        data_comparison: { breakdown: { first_name: { result: 'clear', properties: { match: 'initial' } }, last_name: { result: 'clear' }, address: { result: 'clear' } } },
      },
    });
  });

  it('reads utility bills and council tax bills', async () => {
    const bill = await proofOfAddressReport({ applicant, media: media(await utilityBill()), config: {}, now });
    expect(bill).toMatchObject({ result: 'clear', properties: { document_type: 'utility_bill', issue_date: '2026-02-14' } });
    const tax = await proofOfAddressReport({ applicant, media: media(await councilTax()), config: {}, now: new Date('2026-03-15T00:00:00Z') });
    expect(tax).toMatchObject({ result: 'clear', properties: { document_type: 'council_tax', issue_date: '2026-03-10' } });
  });

  it('flags a document older than the accepted window, which is configurable', async () => {
    const old = await bankStatement('3 October 2025');
    const r = await proofOfAddressReport({ applicant, media: media(old), config: {}, now });
    expect(r.breakdown.document_classification).toMatchObject({ result: 'consider', breakdown: { issue_date: { result: 'consider', properties: { age_days: 149 } } } });
    const wider = await proofOfAddressReport({ applicant, media: media(old), config: { accepted_window_days: 180 }, now });
    expect(wider.result).toBe('clear');
  });

  it('flags another person, another address and a type not accepted', async () => {
    const r = await proofOfAddressReport({ applicant: { first_name: 'John', last_name: 'Smith', address: { ...applicant.address, postcode: 'M1 1AE', street: 'Deansgate', building_number: '4' } },
      media: media(await utilityBill()), config: { document_types: ['bank_statement'] }, now });
    expect(r.breakdown).toMatchObject({
      document_classification: { breakdown: { document_type: { result: 'consider' } } },
      data_comparison: { breakdown: { last_name: { result: 'consider' }, address: { result: 'consider', properties: { postcode: false, street: false } } } },
    });
  });

  it('is consider for photos and PDFs without text, saying why', async () => {
    const photo = await proofOfAddressReport({ applicant, media: [{ id: 'p', contentType: 'image/jpeg', bytes: Buffer.from([0xff, 0xd8]) }], config: {}, now });
    expect(photo.breakdown.image_integrity).toMatchObject({ result: 'consider', breakdown: { supported_document: { properties: { reason: expect.stringContaining('PDFs only') } } } });
    const empty = await proofOfAddressReport({ applicant, media: media(await pdf([''])), config: {}, now });
    expect(empty.breakdown.image_integrity).toMatchObject({ breakdown: { supported_document: { properties: { reason: expect.stringContaining('no text layer') } } } });
  });
});
