/**
 * Turns a parsed MRZ into document data: ISO dates (the MRZ has YYMMDD, pivoted here: a birth
 * date lies in the past, an expiry date at most 50 years ahead), Onfido's names for document
 * types and genders, and which check digits held.
 */
import type { ParsedMrz } from './mrz-parse';

export type DocumentType = 'passport' | 'national_identity_card' | 'residence_permit' | 'driving_licence' | 'visa';

export interface MrzData {
  format: string;
  document_type?: DocumentType;
  issuing_country?: string;
  nationality?: string;
  document_number?: string;
  last_name?: string;
  first_name?: string;
  date_of_birth?: string;
  date_of_expiry?: string;
  gender?: 'Male' | 'Female';
  /** Each MRZ field `mrz` judged: true valid, false invalid (a failed check digit or a bad value). */
  valid: Record<string, boolean>;
  errors: string[];
}

function documentType(format: string, code: string): DocumentType | undefined {
  if (format.endsWith('DRIVING_LICENSE')) return 'driving_licence';
  if (code.startsWith('P')) return 'passport';
  if (code.startsWith('V')) return 'visa';
  if (/^[IAC]R$|^R/.test(code)) return 'residence_permit';
  if (/^[IAC]/.test(code)) return 'national_identity_card';
  return undefined;
}

function isoDate(yymmdd: string | null | undefined, century: (yy: number, mmdd: string) => number): string | undefined {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const year = century(yy, yymmdd.slice(2));
  const iso = `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** Birth: the latest century that puts the date on or before today. */
export function birthYear(now: Date): (yy: number, mmdd?: string) => number {
  const today = now.toISOString().slice(0, 10);
  return (yy, mmdd = '0101') => {
    const year = 2000 + yy;
    return `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}` <= today ? year : year - 100;
  };
}

/** Expiry: this century unless that is more than 50 years ahead. */
export function expiryYear(now: Date): (yy: number) => number {
  return (yy) => (2000 + yy > now.getUTCFullYear() + 50 ? 1900 + yy : 2000 + yy);
}

const clean = (v: string | null | undefined) => (v ? v.replace(/</g, ' ').trim() || undefined : undefined);

export function mrzData(parsed: ParsedMrz, now: Date): MrzData {
  const { format, fields, details } = parsed.result;
  const valid: Record<string, boolean> = {};
  for (const d of details) if (d.field) valid[d.field] = d.valid && (valid[d.field] ?? true);
  const sex = fields.sex === 'male' ? 'Male' : fields.sex === 'female' ? 'Female' : undefined;
  return {
    format,
    document_type: documentType(format, fields.documentCode ?? ''),
    issuing_country: fields.issuingState ?? undefined,
    nationality: fields.nationality ?? undefined,
    document_number: clean(fields.documentNumber ?? parsed.result.documentNumber),
    last_name: clean(fields.lastName),
    first_name: clean(fields.firstName),
    date_of_birth: isoDate(fields.birthDate, birthYear(now)),
    date_of_expiry: isoDate(fields.expirationDate, expiryYear(now)),
    ...(sex ? { gender: sex } : {}),
    valid,
    errors: details.filter((d) => !d.valid && d.error).map((d) => `${d.label}: ${d.error}`),
  };
}
