/**
 * data_validation and age_validation: what the MRZ itself proves (check digits, well-formed
 * dates and codes, expiry against today) and the holder's age from the MRZ date of birth.
 */
import { worst, type BreakdownArea, type Result } from '../types';
import type { DocumentReading } from './reading';

export const MINIMUM_ACCEPTED_AGE = 18;

const judged = (ok: boolean): Result => (ok ? 'clear' : 'consider');

/** Whole years from `dob` (YYYY-MM-DD) to `now`. */
export function ageOn(dob: string, now: Date): number {
  const today = now.toISOString().slice(0, 10);
  const years = Number(today.slice(0, 4)) - Number(dob.slice(0, 4));
  return today.slice(5) >= dob.slice(5) ? years : years - 1;
}

/** A licence's barcode: complete (number, last name, dates), well-formed dates, expiry against today. */
function barcodeValidation(reading: DocumentReading, now: Date): BreakdownArea | undefined {
  const b = reading.barcode?.data;
  if (!b) return undefined;
  const today = now.toISOString().slice(0, 10);
  const missing = (['document_number', 'last_name', 'date_of_birth', 'date_of_expiry'] as const).filter((k) => !b[k]);
  const expired = b.date_of_expiry !== undefined && b.date_of_expiry < today;
  const breakdown: Record<string, BreakdownArea> = {
    barcode: { result: judged(missing.length === 0), properties: { media_id: reading.barcode?.media_id, ...(missing.length ? { missing } : {}) } },
    date_of_birth: { result: judged(b.date_of_birth !== undefined && b.date_of_birth <= today) },
    expiry_date: { result: judged(b.date_of_expiry !== undefined && !expired) },
    ...(b.date_of_expiry !== undefined ? { document_expiration: { result: judged(!expired) } } : {}),
  };
  return { result: worst(Object.values(breakdown).map((x) => x.result)), breakdown };
}

/** Absent when neither an MRZ nor a licence barcode was read (nothing to validate). */
export function dataValidation(reading: DocumentReading, now: Date): BreakdownArea | undefined {
  const mrz = reading.mrz;
  if (!mrz) return barcodeValidation(reading, now);
  const v = mrz.data.valid;
  const today = now.toISOString().slice(0, 10);
  const expiry = mrz.data.date_of_expiry;
  const expired = expiry !== undefined && expiry < today;
  const breakdown: Record<string, BreakdownArea> = {
    document_numbers: { result: judged(v.documentNumber === true && v.documentNumberCheckDigit === true) },
    date_of_birth: { result: judged(v.birthDate === true && v.birthDateCheckDigit === true && mrz.data.date_of_birth !== undefined) },
    // Onfido's expiry_date: a well-formed expiry date that has not passed (workflows branch on it
    // for expired documents); document_expiration says only whether it has passed.
    expiry_date: { result: judged(v.expirationDate === true && v.expirationDateCheckDigit === true && expiry !== undefined && !expired) },
    ...(expiry !== undefined ? { document_expiration: { result: judged(!expired) } } : {}),
    gender: { result: judged(v.sex === true) },
    mrz: {
      result: judged(mrz.parsed.result.valid),
      properties: {
        format: mrz.data.format, lines: mrz.parsed.lines, reader: mrz.text.reader, ocr_confidence: Math.round(mrz.text.confidence),
        corrections: mrz.parsed.corrections, errors: mrz.data.errors,
      },
    },
  };
  return { result: worst(Object.values(breakdown).map((b) => b.result)), breakdown };
}

/** Absent unless a date of birth was read with a valid check digit. */
export function ageValidation(dob: string | undefined, now: Date): BreakdownArea | undefined {
  if (!dob) return undefined;
  const age = ageOn(dob, now);
  const result = judged(age >= MINIMUM_ACCEPTED_AGE);
  return { result, breakdown: { minimum_accepted_age: { result, properties: { minimum_accepted_age: MINIMUM_ACCEPTED_AGE } } } };
}
