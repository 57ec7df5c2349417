/**
 * data_consistency: the MRZ against the printed fields read by OCR (each field compared only
 * where both were read; OCR confusions such as O/0 in numbers are not counted as mismatches).
 * data_comparison: the document against the applicant's name and date of birth (Onfido's
 * area for that comparison; each field only when the applicant record has it).
 */
import { worst, type ApplicantData, type BreakdownArea, type Result } from '../types';
import type { ExtractedData } from './extracted';
import { birthYear, expiryYear } from './mrz-fields';
import { nameWordsAgree, sameName } from './names';
import type { PrintedField } from './printed-fields';
import { fold, foldConfusable, printedDate, printedSex } from './printed-values';
import type { DocumentReading } from './reading';

/** Printed values below this OCR confidence are not compared (too likely a misread). */
export const CONSISTENCY_MIN_CONFIDENCE = 50;

type Compare = (printed: string) => boolean | undefined;   // undefined: printed value not interpretable

function area(results: Record<string, Result>): BreakdownArea | undefined {
  const entries = Object.entries(results);
  if (entries.length === 0) return undefined;
  const breakdown = Object.fromEntries(entries.map(([k, result]) => [k, { result }]));
  return { result: worst(entries.map(([, r]) => r)), breakdown };
}

export function dataConsistency(reading: DocumentReading, now: Date): BreakdownArea | undefined {
  const mrz = reading.mrz?.data;
  if (!mrz) return undefined;
  const nameFull = (line: string | undefined) => !!line && !line.endsWith('<');
  const lines = reading.mrz?.parsed.lines ?? [];
  const truncated = nameFull(mrz.format === 'TD1' ? lines[2] : lines[0]);
  const pivotBirth = birthYear(now), pivotExpiry = expiryYear(now);
  const sex = mrz.gender === 'Male' ? 'M' : mrz.gender === 'Female' ? 'F' : 'X';
  const checks: Array<[string, PrintedField, string | undefined, Compare]> = [
    ['last_name', 'last_name', mrz.last_name, (p) => sameName(p, mrz.last_name ?? '', truncated)],
    ['first_name', 'first_name', mrz.first_name, (p) => sameName(p, mrz.first_name ?? '', truncated)],
    ['date_of_birth', 'date_of_birth', mrz.date_of_birth, (p) => { const d = printedDate(p, (yy) => pivotBirth(yy)); return d === undefined ? undefined : d === mrz.date_of_birth; }],
    ['date_of_expiry', 'date_of_expiry', mrz.date_of_expiry, (p) => { const d = printedDate(p, pivotExpiry); return d === undefined ? undefined : d === mrz.date_of_expiry; }],
    ['document_numbers', 'document_number', mrz.document_number, (p) => foldConfusable(p) === foldConfusable(mrz.document_number ?? '')],
    ['nationality', 'nationality', mrz.nationality, (p) => (/^[A-Z]{3}$/.test(fold(p)) ? fold(p) === mrz.nationality : undefined)],
    ['gender', 'gender', mrz.gender, (p) => { const s = printedSex(p); return s ? s === sex : undefined; }],
  ];
  const results: Record<string, Result> = {};
  for (const [key, field, mrzValue, compare] of checks) {
    const printed = reading.printed[field];
    if (!mrzValue || !printed || printed.confidence < CONSISTENCY_MIN_CONFIDENCE) continue;
    const same = compare(printed.text);
    if (same !== undefined) results[key] = same ? 'clear' : 'consider';
  }
  const out = area(results);
  if (!out) return undefined;
  return { ...out, breakdown: { ...out.breakdown, multiple_data_sources_present: { result: 'clear' } } };
}

export function dataComparison(data: ExtractedData, applicant: ApplicantData | undefined): BreakdownArea | undefined {
  if (!applicant) return undefined;
  const results: Record<string, Result> = {};
  if (applicant.first_name && data.first_name) results.first_name = nameWordsAgree(applicant.first_name, data.first_name) ? 'clear' : 'consider';
  if (applicant.last_name && data.last_name) results.last_name = nameWordsAgree(applicant.last_name, data.last_name) ? 'clear' : 'consider';
  if (applicant.dob && data.date_of_birth) results.date_of_birth = applicant.dob === data.date_of_birth ? 'clear' : 'consider';
  return area(results);
}
