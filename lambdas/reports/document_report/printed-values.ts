/** Normalises values as printed on documents (names, dates, codes) so they compare with the MRZ. */

/** Upper case, accents stripped, anything not a letter or digit as one space. */
export function fold(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ').trim();
}

/** Folds characters OCR confuses (O/0, I/1, S/5, Z/2, B/8) so a misread is not a mismatch. */
export function foldConfusable(value: string): string {
  return fold(value).replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1').replace(/S/g, '5')
    .replace(/Z/g, '2').replace(/B/g, '8');
}

/**
 * What the printed-field OCR may read a character as (MRZ character → reads), one way only: the
 * symmetric pairs of foldConfusable, and misreads of letter-and-digit numbers measured on our
 * renders with confidence ≥ 50: `4` as `L` or `4L` (LV9AO4IAX, 9A4YQEV6N), `1` as `T` or `T1`
 * (1I9WFYPXC, BC1QNFCGQ), `Q` as `A` (GCVGQ4UDX), `6` as `G` (EQI99E7N6), `9` as `O`
 * (YS5YB1C9W), `8` as `S` or `S8` (EJOTCKUL8), `5` as `S` or `S5` (WILF7PPG5, TD1 seed 33007: `WILF7PPGS5`
 * three times, 44), `W` as `N` by the legacy engine (77 and 78: CI5WC9EN4 and WILF7PPG5, TD1
 * seeds 32058 and 33007), and letters read as a symbol or a digit: `C` as `€` (C5225695, a
 * licence), `S` as `$` (the LSTM, 79–83) and as `8` (the legacy engine, 83: S3206350, licence
 * seed 52005). A symbol is a read only where the MRZ has its letter: `$` for a `5`, or a
 * dropped `$`, is a mismatch. A printed `1` where the MRZ has `4` is still a mismatch.
 */
const READ_AS: Record<string, string[]> = {
  O: ['0'], 0: ['O'], I: ['1', 'L'], L: ['1', 'I'], 1: ['I', 'L', 'T', 'T1'], S: ['5', '$', '8'], 5: ['S', 'S5'], Z: ['2'], 2: ['Z'], B: ['8'], 8: ['B', 'S', 'S8'],
  4: ['L', '4L'], Q: ['A'], 6: ['G'], 9: ['O'], C: ['€'], W: ['N'],
};

/** The symbols READ_AS names as reads of a letter: kept when a read is folded, so they can only stand for that letter. */
const READ_SYMBOLS = new Set(Object.values(READ_AS).flat().join('').replace(/[A-Z0-9]/g, ''));

/** A read folded as `fold` does, but the symbols of READ_SYMBOLS kept in place and no spaces. */
function foldRead(printed: string): string {
  return [...printed.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase()]
    .filter((c) => /[A-Z0-9]/.test(c) || READ_SYMBOLS.has(c)).join('');
}

/** Whether `printed` is `value` (a document number) as OCR may read it: each character itself or one of its misreads, in order. */
export function readsAs(value: string, printed: string): boolean {
  const v = fold(value).replace(/ /g, ''), p = foldRead(printed);
  const from = (i: number, j: number): boolean => {
    if (i === v.length) return j === p.length;
    const c = v[i] ?? '';
    return [c, ...(READ_AS[c] ?? [])].some((read) => p.startsWith(read, j) && from(i + 1, j + read.length));
  };
  return from(0, 0);
}

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, FEV: 2, MAR: 3, APR: 4, AVR: 4, MAY: 5, MAI: 5, JUN: 6, JUIN: 6, JUL: 7, JUIL: 7,
  AUG: 8, AOU: 8, SEP: 9, OCT: 10, OKT: 10, NOV: 11, DEC: 12, DEZ: 12,
};

function iso(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

/** Reads `12 MAR 1985`, `12 MAR/MARS 85`, `04.11.1990`, `04/11/1990` or `1990-11-04` as YYYY-MM-DD.
 *  Two-digit years are resolved with `pivotYear` (see mrz-fields); `mdy`: numeric dates month first (US licences). */
export function printedDate(value: string, pivotYear: (yy: number) => number, order: 'dmy' | 'mdy' = 'dmy'): string | undefined {
  const text = fold(value);
  const named = /\b(\d{1,2}) ([A-Z]{3,4})[A-Z]*(?: [A-Z]+)? (\d{4}|\d{2})\b/.exec(text);
  if (named) {
    const month = MONTHS[named[2] ?? ''] ?? MONTHS[(named[2] ?? '').slice(0, 3)];
    const year = Number(named[3]);
    if (month) return iso(named[3]?.length === 2 ? pivotYear(year) : year, month, Number(named[1]));
  }
  const numeric = /\b(\d{1,2}) (\d{1,2}) (\d{4})\b/.exec(text);
  if (numeric) return order === 'mdy' ? iso(Number(numeric[3]), Number(numeric[1]), Number(numeric[2])) : iso(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const isoLike = /\b(\d{4}) (\d{2}) (\d{2})\b/.exec(text);
  if (isoLike) return iso(Number(isoLike[1]), Number(isoLike[2]), Number(isoLike[3]));
  return undefined;
}

/** `M`, `F`, `X` or the words for them → the MRZ letter. */
export function printedSex(value: string): 'M' | 'F' | 'X' | undefined {
  const t = fold(value).split(' ')[0] ?? '';
  if (['M', 'MALE', 'MASCULIN', 'MANNLICH', 'H', 'HOMBRE'].includes(t)) return 'M';
  if (['F', 'FEMALE', 'FEMININ', 'WEIBLICH', 'W', 'MUJER'].includes(t)) return 'F';
  if (t === 'X') return 'X';
  return undefined;
}
