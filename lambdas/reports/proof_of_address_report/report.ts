/**
 * proof_of_address_report: reads the text of a PDF document (statement, bill, letter) and judges
 * it. Breakdown, shaped as Onfido's:
 * - `image_integrity.supported_document`: a PDF with a text layer (scans and photos need OCR,
 *   which this check does not run: they are `consider` with the reason);
 * - `document_classification`: `document_type` detected and accepted (config `document_types`),
 *   `issue_date` found and within `accepted_window_days` (default 90) before `now`;
 * - `data_comparison`: `first_name`, `last_name` and `address` against the applicant.
 * Not judged: `image_quality` and tampering of the PDF (no forensic check is run).
 */
import { worst, type ApplicantData, type BreakdownArea, type Media, type ReportResult } from '../types';
import { classify, DOCUMENT_TYPES } from './classify';
import { findIssueDate } from './issue-date';
import { matchAddress, matchName } from './match';
import { pdfText } from './pdf-text';

export interface ProofOfAddressEvidence {
  applicant: ApplicantData;
  media: Media[];
  config: Record<string, unknown>;
  now: Date;
}

export const DEFAULT_WINDOW_DAYS = 90;
const DAY = 86_400_000;
const area = (breakdown: Record<string, BreakdownArea>): BreakdownArea => ({ result: worst(Object.values(breakdown).map((b) => b.result)), breakdown });

function unsupported(reason: string): ReportResult {
  return { result: 'consider', breakdown: { image_integrity: area({ supported_document: { result: 'consider', properties: { reason } } }) }, properties: {} };
}

export async function proofOfAddressReport(ev: ProofOfAddressEvidence): Promise<ReportResult> {
  const pdf = ev.media.find((m) => m.contentType === 'application/pdf');
  if (!pdf) return unsupported(ev.media.length ? `only ${[...new Set(ev.media.map((m) => m.contentType))].join(', ')} given: text is read from PDFs only` : 'no document given');
  const { text, pages } = await pdfText(pdf.bytes);
  if (text.replace(/\s/g, '').length < 20) return unsupported('the PDF has no text layer (a scan): OCR is not run by this check');

  const windowDays = typeof ev.config.accepted_window_days === 'number' ? ev.config.accepted_window_days : DEFAULT_WINDOW_DAYS;
  const accepted = Array.isArray(ev.config.document_types) ? (ev.config.document_types as string[]) : [...DOCUMENT_TYPES];
  const { document_type, cues } = classify(text);
  const issue = findIssueDate(text, ev.now);
  const age = issue ? Math.floor((ev.now.getTime() - Date.parse(`${issue.date}T00:00:00Z`)) / DAY) : undefined;

  const breakdown: Record<string, BreakdownArea> = {
    image_integrity: area({ supported_document: { result: 'clear', properties: { pages } } }),
    document_classification: area({
      document_type: { result: document_type && accepted.includes(document_type) ? 'clear' : 'consider', properties: { detected: document_type, accepted } },
      issue_date: { result: age !== undefined && age >= -1 && age <= windowDays ? 'clear' : 'consider',
        properties: { issue_date: issue?.date ?? null, basis: issue?.basis ?? null, age_days: age ?? null, accepted_window_days: windowDays } },
    }),
  };
  const a = ev.applicant;
  const comparison: Record<string, BreakdownArea> = {};
  if (a.last_name) {
    const name = matchName(text, a.first_name ?? '', a.last_name);
    comparison.last_name = { result: name.last_name ? 'clear' : 'consider' };
    if (a.first_name) comparison.first_name = { result: name.first_name === 'absent' ? 'consider' : 'clear', properties: { match: name.first_name } };
  }
  if (a.address) {
    const m = matchAddress(text, a.address);
    const judged = Object.values(m).filter((v) => v !== null);
    comparison.address = { result: judged.length >= 2 && judged.every(Boolean) ? 'clear' : 'consider', properties: { ...m } };
  }
  if (Object.keys(comparison).length) breakdown.data_comparison = area(comparison);
  return {
    result: worst(Object.values(breakdown).map((b) => b.result)) ?? 'consider',
    breakdown,
    properties: { document_type, issue_date: issue?.date ?? null, cues, media_id: pdf.id },
  };
}
