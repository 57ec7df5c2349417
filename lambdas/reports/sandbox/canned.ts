/**
 * Canned reports per type, shaped as the real checks shape them. `r` is the wanted result;
 * one named leaf per type carries a `consider`, everything else is clear, so that the
 * breakdown always explains the result.
 */
import type { ReportType } from '../../../compiler';
import type { ApplicantData, BreakdownArea, ReportResult, Result } from '../types';

type Canned = (r: Result, a: ApplicantData, config: Record<string, unknown>) => ReportResult;

const leaf = (result: Result, properties?: Record<string, unknown>): BreakdownArea => ({ result, ...(properties ? { properties } : {}) });
const area = (breakdown: Record<string, BreakdownArea>): BreakdownArea =>
  ({ result: Object.values(breakdown).some((b) => b.result === 'consider') ? 'consider' : 'clear', breakdown });
const clears = (...names: string[]) => Object.fromEntries(names.map((n) => [n, leaf('clear')]));
const name = (a: ApplicantData) => ({ first_name: a.first_name ?? 'Jane', last_name: a.last_name ?? 'Doe' });
const SANDBOX = { sandbox: true };

export const CANNED: Record<ReportType, Canned> = {
  document_report: (r, a) => ({
    result: r, sub_result: r === 'clear' ? 'clear' : 'caution',
    breakdown: {
      age_validation: area(clears('minimum_accepted_age')),
      compromised_document: leaf('clear'),
      data_comparison: area(clears('first_name', 'last_name', 'date_of_birth')),
      data_consistency: area(clears('document_numbers', 'date_of_birth', 'nationality')),
      data_validation: area({ ...clears('document_numbers', 'date_of_birth', 'mrz'), document_expiration: leaf(r), expiry_date: leaf(r) }),
      image_integrity: area(clears('image_quality', 'supported_document', 'colour_picture', 'conclusive_document_quality')),
      visual_authenticity: area(clears('original_document_present', 'fonts', 'picture_face_integrity', 'security_features')),
    },
    properties: { ...SANDBOX, document_type: 'passport', issuing_country: 'GBR', ...name(a), date_of_birth: a.dob ?? '1990-01-01',
      date_of_expiry: r === 'clear' ? '2031-01-01' : '2020-01-01', document_numbers: [{ type: 'document_number', value: '999999999' }] },
  }),
  facial_similarity_report: (r) => ({
    result: r,
    breakdown: {
      face_comparison: area({ face_match: leaf(r, { score: r === 'clear' ? 0.92 : 0.31 }) }),
      image_integrity: area(clears('face_detected', 'source_integrity')),
      visual_authenticity: area({ spoofing_detection: leaf('clear', { score: 0.97 }) }),
    },
    properties: { ...SANDBOX, score: r === 'clear' ? 0.92 : 0.31 },
  }),
  autofill: (r, a) => ({
    result: r, breakdown: {}, properties: SANDBOX,
    extracted_data: { document_type: 'passport', issuing_country: 'GBR', document_number: '999999999', ...name(a),
      date_of_birth: a.dob ?? '1990-01-01', date_of_expiry: r === 'clear' ? '2031-01-01' : '2020-01-01', nationality: 'GBR', gender: 'Female' },
  }),
  identity_report: (r, _a, config) => ({
    result: r,
    breakdown: {
      sources: area({ total_sources: leaf('clear', { total_number_of_sources: '2' }) }),
      date_of_birth: area({ applicant: leaf('clear'), 'document:sandbox': leaf('clear') }),
      address: area({ applicant: leaf('clear'), 'profile_data:sandbox': leaf(r) }),
      ...(config.match_ssn === true ? { ssn: area(clears('format', 'full_match', 'last_4_digits_match')) } : {}),
    },
    properties: SANDBOX,
  }),
  watchlist_report: (r, a) => ({
    result: r,
    breakdown: { sanction: leaf(r), politically_exposed_person: leaf('clear'), monitored_lists: leaf('clear') },
    properties: { ...SANDBOX, records: r === 'clear' ? [] : [{ external_id: 'sandbox:1', full_name: `${name(a).last_name.toUpperCase()}, ${name(a).first_name}`,
      category: 'sanction', entity_type: 'individual', score: 0.95, sources: [{ source_name: 'Sandbox list' }] }] },
  }),
  known_faces_report: (r) => ({
    result: r,
    breakdown: { previously_seen_faces: leaf(r), image_integrity: leaf('clear') },
    properties: { ...SANDBOX, matches: r === 'clear' ? [] : [{ applicant_id: 'sandbox-applicant', score: 0.94, media_id: 'sandbox-media', media_type: 'live_photo' }] },
  }),
  device_intelligence_report: (r) => ({
    result: r,
    breakdown: { device: area({ application_authenticity: leaf('clear'), device_integrity: leaf(r) }), geolocation: leaf('clear', { ip_country: 'GBR' }) },
    properties: { ...SANDBOX, device: { browser: { name: 'Safari', version: '17.2' }, os: { name: 'iOS', version: '17.2' } }, ip: { address: '192.0.2.1', type: 'public' } },
  }),
  driving_licence_verification: (r, a) => ({
    result: r,
    breakdown: {
      document: area({ ...clears('barcode', 'document_number', 'issue_date', 'issuing_jurisdiction'), document_expiration_date: leaf(r) }),
      personal_details: area(clears('first_name', 'last_name', 'date_of_birth')),
    },
    properties: { ...SANDBOX, document_number: 'D1234567', jurisdiction: 'CA', ...name(a) },
  }),
  india_tax_id_report: (r) => ({
    result: r,
    breakdown: { pan_format: leaf('clear', { holder_type: 'individual' }), name_match: leaf(r) },
    properties: { ...SANDBOX, pan: 'ABCPS****K', holder_type: 'individual' },
  }),
  proof_of_address_report: (r) => ({
    result: r,
    breakdown: {
      image_integrity: area(clears('supported_document')),
      document_classification: area({ document_type: leaf('clear', { detected: 'bank_statement' }), issue_date: leaf(r) }),
      data_comparison: area(clears('first_name', 'last_name', 'address')),
    },
    properties: { ...SANDBOX, document_type: 'bank_statement', issue_date: '2026-01-31' },
  }),
};
