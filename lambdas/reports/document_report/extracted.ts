/**
 * The document's data as one record: MRZ values whose check digit (or field check) held (a
 * licence without an MRZ: its AAMVA barcode's values), and,
 * for what the MRZ did not give, printed values read with OCR confidence ≥ 75. A value read
 * with less confidence than that is left out rather than guessed.
 */
import { birthYear, type DocumentType } from './mrz-fields';
import { fold, printedDate, printedSex } from './printed-values';
import type { DocumentReading } from './reading';

export interface ExtractedData {
  document_type?: DocumentType;
  issuing_country?: string;
  document_number?: string;
  first_name?: string;
  last_name?: string;
  date_of_birth?: string;
  date_of_expiry?: string;
  nationality?: string;
  gender?: 'Male' | 'Female';
}

export const PRINTED_MIN_CONFIDENCE = 75;

function fromMrz(reading: DocumentReading): ExtractedData {
  const mrz = reading.mrz?.data;
  if (!mrz) return {};
  const ok = (...fields: string[]) => fields.every((f) => mrz.valid[f] === true);
  const out: ExtractedData = {
    document_type: mrz.document_type,
    issuing_country: ok('issuingState') ? mrz.issuing_country : undefined,
    document_number: ok('documentNumber', 'documentNumberCheckDigit') ? mrz.document_number : undefined,
    first_name: ok('firstName') ? mrz.first_name : undefined,
    last_name: ok('lastName') ? mrz.last_name : undefined,
    date_of_birth: ok('birthDate', 'birthDateCheckDigit') ? mrz.date_of_birth : undefined,
    date_of_expiry: ok('expirationDate', 'expirationDateCheckDigit') ? mrz.date_of_expiry : undefined,
    nationality: ok('nationality') ? mrz.nationality : undefined,
    gender: ok('sex') ? mrz.gender : undefined,
  };
  return out;
}

function fromBarcode(reading: DocumentReading): ExtractedData {
  const b = reading.barcode?.data;
  if (!b) return {};
  return {
    document_type: 'driving_licence', issuing_country: b.country, document_number: b.document_number, first_name: b.first_name,
    last_name: b.last_name, date_of_birth: b.date_of_birth, date_of_expiry: b.date_of_expiry,
    gender: b.gender === 'M' ? 'Male' : b.gender === 'F' ? 'Female' : undefined,
  };
}

function fromPrinted(reading: DocumentReading, now: Date): ExtractedData {
  // The most confident read of the value (a doubtful one was read again), if confident enough.
  const sure = (key: keyof DocumentReading['printed']) => {
    const v = reading.printed[key];
    const best = v ? [v, ...(v.rereads ?? [])].reduce((a, b) => (b.confidence > a.confidence ? b : a)) : undefined;
    return best && best.confidence >= PRINTED_MIN_CONFIDENCE ? best.text : undefined;
  };
  const pivot = birthYear(now);
  const date = (text: string | undefined) => (text ? printedDate(text, (yy) => pivot(yy)) : undefined);
  const expiry = (text: string | undefined) => (text ? printedDate(text, (yy) => 2000 + yy) : undefined);
  const code = (text: string | undefined) => (text && /^[A-Z]{3}$/.test(fold(text)) ? fold(text) : undefined);
  const sex = printedSex(sure('gender') ?? '');
  const number = sure('document_number');
  return {
    last_name: sure('last_name') ? fold(sure('last_name') ?? '') : undefined,
    first_name: sure('first_name') ? fold(sure('first_name') ?? '') : undefined,
    date_of_birth: date(sure('date_of_birth')),
    date_of_expiry: expiry(sure('date_of_expiry')),
    document_number: number ? fold(number).replace(/ /g, '') : undefined,
    nationality: code(sure('nationality')),
    gender: sex === 'M' ? 'Male' : sex === 'F' ? 'Female' : undefined,
  };
}

/** MRZ (or a licence's barcode) first, printed as fallback; undefined values dropped. */
export function extractedData(reading: DocumentReading, now: Date): ExtractedData {
  const mrz = reading.mrz ? fromMrz(reading) : fromBarcode(reading);
  const printed = fromPrinted(reading, now);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys({ ...printed, ...mrz }) as Array<keyof ExtractedData>) {
    const value = mrz[key] ?? printed[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out as ExtractedData;
}
