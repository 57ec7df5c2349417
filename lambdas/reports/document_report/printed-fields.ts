/**
 * Finds printed fields (visual inspection zone) in OCR lines by their labels: the value is the
 * nearest line below a label, starting in the same column. Labels are matched in English,
 * French, German and Spanish, and US licences' short ones (DL, EXP, LN, FN, DOB); a bilingual
 * label (`Surname / Nom`) matches on either part.
 */
import { fold } from './printed-values';
import type { Box, OcrLine } from './ocr';

export const PRINTED_FIELDS = [
  'last_name', 'first_name', 'date_of_birth', 'date_of_expiry', 'document_number', 'nationality', 'gender', 'address',
] as const;
export type PrintedField = (typeof PRINTED_FIELDS)[number];
/**
 * A printed value: its text, OCR confidence (the lowest of its lines), where it was read (`box`
 * on image `side`) and, for a doubtful value, the texts of the second reads of that box
 * (reading.ts: a value that disagrees with the MRZ or was read with low confidence is read again).
 */
export interface PrintedValue {
  text: string; confidence: number; lines: number; box?: Box; side?: number;
  rereads?: Array<{ text: string; confidence: number }>;
}
export type PrintedFields = Partial<Record<PrintedField, PrintedValue>>;

const LABELS: Record<PrintedField, string[]> = {
  last_name: ['LN', 'SURNAME', 'LAST NAME', 'FAMILY NAME', 'NOM', 'NAME', 'APELLIDOS', 'NACHNAME', 'COGNOME'],
  first_name: ['FN', 'GIVEN NAMES', 'GIVEN NAME', 'FIRST NAME', 'FIRST NAMES', 'FORENAMES', 'PRENOMS', 'VORNAMEN', 'NOMBRES', 'NOME'],
  date_of_birth: ['DOB', 'DATE OF BIRTH', 'BIRTH DATE', 'DATE DE NAISSANCE', 'GEBURTSDATUM', 'GEBURTSTAG', 'FECHA DE NACIMIENTO'],
  date_of_expiry: ['EXP', 'DATE OF EXPIRY', 'EXPIRY DATE', 'EXPIRY', 'EXPIRES', 'VALID UNTIL', 'DATE D EXPIRATION', 'GULTIG BIS', 'FECHA DE CADUCIDAD'],
  document_number: ['DL', 'DLN', 'LICENSE NO', 'LICENCE NO', 'PASSPORT NO', 'PASSPORT NUMBER', 'DOCUMENT NO', 'DOCUMENT NUMBER', 'CARD NO', 'CARD NUMBER', 'NO DU PASSEPORT', 'NUMERO'],
  nationality: ['NATIONALITY', 'NATIONALITE', 'STAATSANGEHORIGKEIT', 'NACIONALIDAD'],
  gender: ['SEX', 'SEXE', 'GENDER', 'GESCHLECHT', 'SEXO'],
  address: ['ADDRESS', 'ADRESSE', 'ANSCHRIFT', 'DOMICILE', 'DOMICILIO'],
};

function labelOf(line: OcrLine): PrintedField | undefined {
  const parts = line.text.split('/').map(fold);
  return PRINTED_FIELDS.find((field) => parts.some((p) => LABELS[field].includes(p)));
}

/** Lines below `label` in its column, nearest first; stops at the next label. */
function valueLines(label: OcrLine, lines: OcrLine[], labels: Set<OcrLine>, max: number): OcrLine[] {
  const height = label.bbox.y1 - label.bbox.y0;
  const found: OcrLine[] = [];
  let bottom = label.bbox.y1;
  const below = lines.filter((l) => l.bbox.y0 >= label.bbox.y0 + height * 0.5)
    .sort((a, b) => a.bbox.y0 - b.bbox.y0);
  for (const line of below) {
    if (found.length >= max) break;
    if (Math.abs(line.bbox.x0 - label.bbox.x0) > height * 2) continue;
    if (line.bbox.y0 - bottom > height * 2.5) break;
    if (labels.has(line)) break;
    found.push(line);
    bottom = line.bbox.y1;
  }
  return found;
}

/** Printed fields found on one page's OCR lines (a field found twice keeps the more confident). */
export function findPrintedFields(lines: OcrLine[]): PrintedFields {
  const labelled = lines.flatMap((l) => { const f = labelOf(l); return f ? [{ line: l, field: f }] : []; });
  const labels = new Set(labelled.map((l) => l.line));
  const out: PrintedFields = {};
  for (const { line, field } of labelled) {
    const values = valueLines(line, lines, labels, field === 'address' ? 4 : 1);
    if (values.length === 0) continue;
    const value: PrintedValue = {
      text: values.map((v) => v.text).join('\n'), lines: values.length,
      confidence: Math.min(...values.map((v) => v.confidence)),
      box: {
        x0: Math.min(...values.map((v) => v.bbox.x0)), y0: Math.min(...values.map((v) => v.bbox.y0)),
        x1: Math.max(...values.map((v) => v.bbox.x1)), y1: Math.max(...values.map((v) => v.bbox.y1)),
      },
    };
    const previous = out[field];
    if (!previous || previous.confidence < value.confidence) out[field] = value;
  }
  return out;
}
