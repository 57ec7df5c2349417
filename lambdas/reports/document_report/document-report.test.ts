/**
 * document_report end to end on synthetic documents: every fixture variant, each kind (TD3, TD1, TD2), read by
 * the real OCR. Each fixture is generated once and checked once (beforeAll); one OCR worker pair
 * serves the whole file.
 */
import { DOCUMENT_VARIANTS, FIXTURE_TODAY, makeDocument, type DocumentKind, type DocumentVariant, type SyntheticDocument } from '../fixtures/documents';
import type { BreakdownArea, ReportResult } from '../types';
import { checkDocument, closeOcr } from '.';

const ACCEPTED = [{ type: 'passport' as const, countries: ['GBR', 'DEU'] }, { type: 'national_identity_card' as const, countries: ['DEU', 'BEL'] }];
const KINDS: DocumentKind[] = ['passport', 'id_card', 'td2_card'];
const docs = new Map<string, SyntheticDocument>();
const reports = new Map<string, ReportResult>();
const key = (v: DocumentVariant, k: DocumentKind) => `${v}/${k}`;

const area = (r: ReportResult | undefined, name: string) => r?.breakdown[name] as BreakdownArea | undefined;
const sub = (r: ReportResult | undefined, a: string, b: string) => area(r, a)?.breakdown?.[b]?.result;
const considered = (a: BreakdownArea | undefined) => Object.entries(a?.breakdown ?? {}).filter(([, x]) => x.result === 'consider').map(([n]) => n).sort();

beforeAll(async () => {
  for (const variant of DOCUMENT_VARIANTS) {
    for (const kind of KINDS) {
      const doc = await makeDocument(variant, kind, { format: kind === 'passport' ? 'png' : 'jpeg' });
      docs.set(key(variant, kind), doc);
      const applicant = { first_name: doc.spec.givenNames, last_name: doc.spec.surname, dob: doc.spec.birthDate };
      reports.set(key(variant, kind), await checkDocument({ images: doc.images, config: { documents: ACCEPTED }, applicant, now: FIXTURE_TODAY }));
    }
  }
}, 600_000);
afterAll(closeOcr);

const EXPECTED: Record<DocumentVariant, { sub_result: string; considered: Record<string, string[]> }> = {
  valid: { sub_result: 'clear', considered: {} },
  expired: { sub_result: 'caution', considered: { data_validation: ['document_expiration', 'expiry_date'] } },
  wrong_check_digit: { sub_result: 'suspected', considered: { data_validation: ['date_of_birth', 'mrz'] } },
  under_age: { sub_result: 'caution', considered: { age_validation: ['minimum_accepted_age'] } },
  unsupported_country: { sub_result: 'rejected', considered: { image_integrity: ['supported_document'] } },
  blurred: { sub_result: 'rejected', considered: { image_integrity: ['conclusive_document_quality', 'image_quality'] } },
};
const READ_AREAS = ['age_validation', 'data_comparison', 'data_consistency', 'data_validation', 'image_integrity'];

describe.each(KINDS)('document_report on a synthetic %s', (kind) => {
  it.each(DOCUMENT_VARIANTS)('%s: expected result, sub_result and breakdown areas', (variant) => {
    const report = reports.get(key(variant, kind));
    const expected = EXPECTED[variant];
    expect(report?.sub_result).toBe(expected.sub_result);
    expect(report?.result).toBe(expected.sub_result === 'clear' ? 'clear' : 'consider');
    expect(Object.keys(report?.breakdown ?? {}).sort()).toEqual(variant === 'blurred' ? ['image_integrity'] : READ_AREAS);
    for (const name of Object.keys(report?.breakdown ?? {})) expect([name, considered(area(report, name))]).toEqual([name, expected.considered[name] ?? []]);
    for (const absent of ['visual_authenticity', 'compromised_document', 'police_record']) expect(report?.breakdown[absent]).toBeUndefined();
  });

  it.each(DOCUMENT_VARIANTS.filter((v) => v !== 'blurred'))('%s: reads the MRZ exactly', (variant) => {
    const mrz = area(reports.get(key(variant, kind)), 'data_validation')?.breakdown?.mrz?.properties;
    expect(mrz?.lines).toEqual(docs.get(key(variant, kind))?.spec.mrz);
  });

  it('valid: reports the document data as properties', () => {
    const spec = docs.get(key('valid', kind))?.spec;
    expect(reports.get(key('valid', kind))?.properties).toEqual({
      document_type: kind === 'passport' ? 'passport' : 'national_identity_card',
      issuing_country: spec?.issuingCountry, nationality: spec?.nationality,
      document_numbers: [{ type: 'document_number', value: spec?.documentNumber }],
      first_name: spec?.givenNames, last_name: spec?.surname, date_of_birth: spec?.birthDate,
      date_of_expiry: spec?.expiryDate, gender: spec?.sex === 'F' ? 'Female' : 'Male',
    });
  });

  it('blurred: names the image-quality reasons it measured', () => {
    const quality = sub(reports.get(key('blurred', kind)), 'image_integrity', 'image_quality');
    expect(quality).toBe('consider');
    const props = area(reports.get(key('blurred', kind)), 'image_integrity')?.breakdown?.image_quality?.properties;
    expect(props?.reasons).toEqual(expect.arrayContaining(['low_resolution', 'blurred_photo']));
  });

  it('valid: compares the MRZ with the printed names, dates and number', () => {
    const consistency = area(reports.get(key('valid', kind)), 'data_consistency')?.breakdown ?? {};
    expect(Object.keys(consistency)).toEqual(expect.arrayContaining(['last_name', 'first_name', 'date_of_birth', 'date_of_expiry', 'document_numbers', 'multiple_data_sources_present']));
  });
});

it('lists what it does not check', () => {
  const report = reports.get(key('valid', 'passport')) as ReportResult & { not_checked: Array<{ area: string }> };
  expect(report.not_checked.map((n) => n.area)).toEqual(['visual_authenticity', 'compromised_document', 'police_record']);
});
