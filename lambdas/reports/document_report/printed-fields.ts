/**
 * Finds printed fields (visual inspection zone) in OCR lines by their labels: the value is the
 * nearest line below a label, starting in the same column, or the rest of the label's own line
 * (`DOB 05/17/1990`, as US licences print), or a line just right of it on its row. Labels are matched in English,
 * French, German and Spanish, and US licences' short ones (DL, EXP, LN, FN, DOB); a bilingual
 * label (`Surname / Nom`) matches on either part.
 */
import { fold } from './printed-values';
import type { Box, OcrLine, OcrWord } from './ocr';

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

const fieldOf = (text: string): PrintedField | undefined => PRINTED_FIELDS.find((field) => LABELS[field].includes(fold(text)));
/** Whether a text is one of the labels (any language). */
export const isLabel = (text: string): boolean => fieldOf(text) !== undefined;

function labelOf(line: OcrLine): PrintedField | undefined {
  const parts = line.text.split('/');
  return parts.map(fieldOf).find((f) => f !== undefined);
}

const joined = (words: OcrWord[]): OcrLine => ({
  text: words.map((w) => w.text).join(' '), confidence: Math.min(...words.map((w) => w.confidence)),
  bbox: { x0: Math.min(...words.map((w) => w.bbox.x0)), y0: Math.min(...words.map((w) => w.bbox.y0)), x1: Math.max(...words.map((w) => w.bbox.x1)), y1: Math.max(...words.map((w) => w.bbox.y1)) },
});

/**
 * A line that starts with a label and goes on with its value (`DOB 05/17/1990`, `DL D1234567`):
 * the field and the value's words as a line of their own (its confidence and box, so a second
 * read looks at the value alone). Not when the rest starts with a label too (`Date of birth Sex`
 * read as one line is two labels).
 */
function inlineLabel(line: OcrLine): { field: PrintedField; value: OcrLine } | undefined {
  const words = line.words ?? [];
  for (let k = Math.min(4, words.length - 1); k >= 1; k--) {
    const field = fieldOf(words.slice(0, k).map((w) => w.text).join(' '));
    if (!field) continue;
    const rest = words.slice(k);
    const startsWithLabel = [1, 2, 3, 4].some((n) => n <= rest.length && fieldOf(rest.slice(0, n).map((w) => w.text).join(' ')));
    return startsWithLabel || fold(joined(rest).text) === '' ? undefined : { field, value: joined(rest) };
  }
  return undefined;
}

/** A line that starts just right of `label` on its row (a same-line value OCR read as a line of its own). */
function besideLine(label: OcrLine, lines: OcrLine[], labels: Set<OcrLine>): OcrLine | undefined {
  const height = label.bbox.y1 - label.bbox.y0, middle = (label.bbox.y0 + label.bbox.y1) / 2;
  return lines.find((l) => !labels.has(l) && l.bbox.x0 > label.bbox.x1 && l.bbox.x0 - label.bbox.x1 < height * 2
    && l.bbox.y0 < middle && l.bbox.y1 > middle);
}

/** Lines below `label` in its column, nearest first; stops at the next label. */
function valueLines(label: OcrLine, lines: OcrLine[], labels: Set<OcrLine>, max: number): OcrLine[] {
  const height = label.bbox.y1 - label.bbox.y0;
  const beside = max === 1 ? besideLine(label, lines, labels) : undefined;
  if (beside) return [beside];
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
  const labelled = lines.flatMap((l): Array<{ line: OcrLine; field: PrintedField; inline: OcrLine | undefined }> => {
    const f = labelOf(l);
    if (f) return [{ line: l, field: f, inline: undefined }];
    const inline = inlineLabel(l);
    return inline ? [{ line: l, field: inline.field, inline: inline.value }] : [];
  });
  const labels = new Set(labelled.map((l) => l.line));
  const out: PrintedFields = {};
  for (const { line, field, inline } of labelled) {
    const values = inline ? [inline] : valueLines(line, lines, labels, field === 'address' ? 4 : 1);
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
