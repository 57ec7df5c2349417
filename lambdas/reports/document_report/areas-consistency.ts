/**
 * data_consistency: the MRZ (on a licence without one: its AAMVA barcode) against the printed fields read by OCR (each field compared only
 * where both were read; OCR confusions such as O/0 in numbers (printed-values `readsAs`) are not counted as mismatches,
 * nor a value that a second read of its box finds agreeing).
 * data_comparison: the document against the applicant's name and date of birth (Onfido's
 * area for that comparison; each field only when the applicant record has it).
 */
import { worst, type ApplicantData, type BreakdownArea, type Result } from '../types';
import { PRINTED_MIN_CONFIDENCE, type ExtractedData } from './extracted';
import { birthYear, expiryYear } from './mrz-fields';
import { nameWordsAgree, sameName } from './names';
import type { PrintedField, PrintedValue } from './printed-fields';
import { fold, printedDate, printedSex, readsAs } from './printed-values';
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

/** `exact`: a read this close agrees at any OCR confidence (see `sameNumber`). */
type Check = [key: string, field: PrintedField, mrzValue: string | undefined, compare: Compare, exact?: (printed: string) => boolean];

/**
 * A document number read as the MRZ (or barcode) has it, each character itself or one of the
 * misreads OCR was measured to make of it (`readsAs`). Tesseract's LSTM gives random
 * letter-and-digit strings low confidence (no dictionary word): on our renders `GCVGQ4UDX` was
 * read exactly at 27 and `EQI99E7N6` at 44, below the comparison floor, while the second reads
 * of their boxes took Q for A and 6 for G at 60 and 54 (bench seeds 30005, 40002); TD1 seed
 * 32058's `CI5WC9EN4` was read `CISWC9EN4` at 0 and 45 and by the legacy engine `CISNC9EN4` at 77
 * (W as N): false `document_numbers` flags. A misread of another number that lands on the
 * check-digit-verified value of six or more characters, up to those confusions, is not credible,
 * so such a read is agreement whatever its confidence; a read that disagrees still counts only
 * when confident, and a changed character outside the confusions is read changed by every read.
 */
export const sameNumber = (value: string | undefined) => (printed: string): boolean =>
  !!value && value.length >= 6 && readsAs(value, printed);

/** A licence's barcode values with the printed front's: names, dates (month first in the US), number. */
function barcodeChecks(reading: DocumentReading, now: Date): Check[] {
  const b = reading.barcode?.data;
  if (!b) return [];
  const order = b.country === 'USA' ? 'mdy' : 'dmy';
  const date = (iso: string | undefined, pivot: (yy: number) => number): Compare => (p) => {
    const d = printedDate(p, pivot, order);
    return d === undefined ? undefined : d === iso;
  };
  return [
    ['last_name', 'last_name', b.last_name, (p) => sameName(p, b.last_name ?? '', false)],
    ['first_name', 'first_name', b.first_name, (p) => sameName(p, b.first_name ?? '', false)],
    ['date_of_birth', 'date_of_birth', b.date_of_birth, date(b.date_of_birth, birthYear(now))],
    ['date_of_expiry', 'date_of_expiry', b.date_of_expiry, date(b.date_of_expiry, expiryYear(now))],
    ['document_numbers', 'document_number', b.document_number, (p) => readsAs(b.document_number ?? '', p), sameNumber(b.document_number)],
  ];
}

/** Each MRZ (or licence barcode) value with the printed field it is compared with; none without either. */
function consistencyChecks(reading: DocumentReading, now: Date): Check[] {
  const mrz = reading.mrz?.data;
  if (!mrz) return barcodeChecks(reading, now);
  const nameFull = (line: string | undefined) => !!line && !line.endsWith('<');
  const lines = reading.mrz?.parsed.lines ?? [];
  const truncated = nameFull(mrz.format === 'TD1' ? lines[2] : lines[0]);
  const pivotBirth = birthYear(now), pivotExpiry = expiryYear(now);
  const sex = mrz.gender === 'Male' ? 'M' : mrz.gender === 'Female' ? 'F' : 'X';
  return [
    ['last_name', 'last_name', mrz.last_name, (p) => sameName(p, mrz.last_name ?? '', truncated)],
    ['first_name', 'first_name', mrz.first_name, (p) => sameName(p, mrz.first_name ?? '', truncated)],
    ['date_of_birth', 'date_of_birth', mrz.date_of_birth, (p) => { const d = printedDate(p, (yy) => pivotBirth(yy)); return d === undefined ? undefined : d === mrz.date_of_birth; }],
    ['date_of_expiry', 'date_of_expiry', mrz.date_of_expiry, (p) => { const d = printedDate(p, pivotExpiry); return d === undefined ? undefined : d === mrz.date_of_expiry; }],
    ['document_numbers', 'document_number', mrz.document_number, (p) => readsAs(mrz.document_number ?? '', p), sameNumber(mrz.document_number)],
    ['nationality', 'nationality', mrz.nationality, (p) => (/^[A-Z]{3}$/.test(fold(p)) ? fold(p) === mrz.nationality : undefined)],
    ['gender', 'gender', mrz.gender, (p) => { const s = printedSex(p); return s ? s === sex : undefined; }],
  ];
}

/** What the reads of a printed value say against the MRZ: agrees if any confident read agrees, or any read is `exact`. */
function verdict(value: PrintedValue | undefined, compare: Compare, exact?: (printed: string) => boolean): boolean | undefined {
  if (!value) return undefined;
  const reads = [value, ...(value.rereads ?? [])];
  if (exact && reads.some((r) => exact(r.text))) return true;
  const verdicts = reads.filter((r) => r.confidence >= CONSISTENCY_MIN_CONFIDENCE).map((r) => compare(r.text));
  if (verdicts.includes(true)) return true;
  return verdicts.includes(false) ? false : undefined;
}

/** Printed fields worth a second read: compared with an MRZ value and read with doubt (below PRINTED_MIN_CONFIDENCE) or disagreeing. */
export function doubtfulPrinted(reading: DocumentReading, now: Date): PrintedField[] {
  return consistencyChecks(reading, now).flatMap(([, field, mrzValue, compare]) => {
    const printed = reading.printed[field];
    if (!mrzValue || !printed || printed.lines !== 1) return [];
    return printed.confidence < PRINTED_MIN_CONFIDENCE || compare(printed.text) === false ? [field] : [];
  });
}

/**
 * A field is a mismatch only when no read of the printed value agrees with the MRZ: a misread
 * digit (`2031` read once as `2039`) is not a tampered page, a changed one reads the same twice.
 */
export function dataConsistency(reading: DocumentReading, now: Date): BreakdownArea | undefined {
  const results: Record<string, Result> = {};
  for (const [key, field, mrzValue, compare, exact] of consistencyChecks(reading, now)) {
    if (!mrzValue) continue;
    const same = verdict(reading.printed[field], compare, exact);
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
