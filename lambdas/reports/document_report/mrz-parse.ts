/**
 * Parses MRZ lines with the `mrz` package and repairs the OCR confusions the check digits can
 * settle. `mrz` fixes letter/digit mix-ups in purely numeric or alphabetic fields itself; in the
 * alphanumeric fields (document number, optional data) only a check digit tells `0` from `O`,
 * so a swap is kept only when exactly one smallest set of swaps makes that check digit right.
 */
import type { ParseResult } from 'mrz';

// mrz 5 is ESM-only. Node ≥ 20.19 loads it with require(); jest's module registry cannot (nor
// jest's own `node:module`), so the real loader is reached with process.getBuiltinModule.
// A bundler does not follow this call: mark `mrz` external and ship it in node_modules.
const { createRequire } = process.getBuiltinModule('node:module');
const mrz = createRequire(__filename)('mrz') as typeof import('mrz');

export interface MrzCorrection { line: number; column: number; original: string; corrected: string }
export interface ParsedMrz { lines: string[]; result: ParseResult; corrections: MrzCorrection[] }

const SWAPS: Record<string, string> = { O: '0', '0': 'O', Z: '2', '2': 'Z', S: '5', '5': 'S', B: '8', '8': 'B', I: '1', '1': 'I', G: '6', '6': 'G', D: '0', N: 'W' };
/** Letters the legacy engine takes for one another in OCR-B (seen: W read as N). */
const LETTER_CONFUSIONS: Record<string, string[]> = {
  N: ['W', 'M'], W: ['N'], M: ['N'], O: ['Q', 'D'], Q: ['O'], D: ['O'], U: ['V'], V: ['U'], '0': ['O', 'D'], '8': ['B', 'S'], '5': ['S'], '1': ['I'], '2': ['Z'], '6': ['G'],
};
/** Country-code fields: [line, start] per format (issuing state, nationality). */
const STATE_FIELDS: Record<string, Array<[number, number]>> = {
  TD1: [[0, 2], [1, 15]], TD2: [[0, 2], [1, 10]], TD3: [[0, 2], [1, 10]],
};
const WEIGHTS = [7, 3, 1];

function checkDigit(value: string): string {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    sum += (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0) * (WEIGHTS[i % 3] ?? 1);
  }
  return String(sum % 10);
}

/** Alphanumeric fields guarded by a check digit: [line, start, length, check digit column]. */
const GUARDED: Record<string, Array<[number, number, number, number]>> = {
  TD1: [[0, 5, 9, 14]],
  TD2: [[1, 0, 9, 9]],
  TD3: [[1, 0, 9, 9], [1, 28, 14, 42]],
};

function setChar(line: string, column: number, char: string): string {
  return line.slice(0, column) + char + line.slice(column + 1);
}

const toDigit = (c: string) => /[A-Z]/.test(c) && /\d/.test(SWAPS[c] ?? '');

/**
 * The one smallest set of confusable swaps (1, then 2) that makes the field match its check
 * digit. Letter → digit swaps are tried first: the legacy engine reads OCR-B digits as
 * letters far more often than the reverse. Any tie leaves the field as read.
 */
function repairField(value: string, expected: string): Array<[number, string]> | null {
  if (!/^\d$/.test(expected) || checkDigit(value) === expected) return null;
  const swapped = (positions: number[]) => positions.reduce((v, i) => setChar(v, i, SWAPS[v[i] ?? ''] ?? ''), value);
  const all = [...value].flatMap((c, i) => (SWAPS[c] ? [i] : []));
  const digitsFirst = all.filter((i) => toDigit(value[i] ?? ''));
  const sets = (positions: number[], size: number): number[][] => (size === 1 ? positions.map((i) => [i])
    : positions.flatMap((i, a) => positions.slice(a + 1).map((j) => [i, j])));
  for (const size of [1, 2]) {
    for (const positions of [digitsFirst, all]) {
      const fits = sets(positions, size).filter((set) => checkDigit(swapped(set)) === expected);
      if (fits.length === 1) return (fits[0] ?? []).map((i) => [i, SWAPS[value[i] ?? ''] ?? '']);
      if (fits.length > 1) return null;
    }
  }
  return null;
}

function repairGuarded(format: string, lines: string[]): { lines: string[]; corrections: MrzCorrection[] } {
  let out = [...lines];
  const corrections: MrzCorrection[] = [];
  for (const [line, start, length, checkColumn] of GUARDED[format] ?? []) {
    const text = out[line] ?? '';
    for (const [offset, char] of repairField(text.slice(start, start + length), text[checkColumn] ?? '') ?? []) {
      corrections.push({ line, column: start + offset, original: text[start + offset] ?? '', corrected: char });
      out = out.map((l, i) => (i === line ? setChar(l, start + offset, char) : l));
    }
  }
  return { lines: out, corrections };
}

/**
 * A country code that is not a real one, mended by the one smallest set (1 or 2) of confusions
 * that makes it one. Alternatives come from the character as corrected and as OCR read it
 * (mrz's autocorrect turns a misread S → 8 into B).
 */
function repairStates(format: string, lines: string[], raw: string[]): { lines: string[]; corrections: MrzCorrection[] } {
  let out = [...lines];
  const corrections: MrzCorrection[] = [];
  for (const [line, start] of STATE_FIELDS[format] ?? []) {
    const code = (out[line] ?? '').slice(start, start + 3);
    const read = (raw[line] ?? '').slice(start, start + 3);
    if (code.length < 3 || code in mrz.states) continue;
    const options = [...code].map((c, i) => [...new Set([...(LETTER_CONFUSIONS[c] ?? []), ...(LETTER_CONFUSIONS[read[i] ?? ''] ?? [])])]
      .filter((o) => o !== c && /[A-Z]/.test(o)));
    const singles = options.flatMap((alts, i) => alts.map((to) => [[i, to]] as Array<[number, string]>));
    const pairs = options.flatMap((a, i) => options.slice(i + 1).flatMap((b, k) => a.flatMap((x) => b.map((y) => [[i, x], [i + 1 + k, y]] as Array<[number, string]>))));
    const apply = (set: Array<[number, string]>) => set.reduce((v, [i, to]) => setChar(v, i, to), code);
    const fit = [singles, pairs].map((sets) => sets.filter((set) => apply(set) in mrz.states)).find((f) => f.length > 0);
    if (!fit || fit.length !== 1) continue;
    for (const [i, to] of fit[0] ?? []) {
      corrections.push({ line, column: start + i, original: code[i] ?? '', corrected: to });
      out = out.map((l, n) => (n === line ? setChar(l, start + i, to) : l));
    }
  }
  return { lines: out, corrections };
}

const OTHER_DIGITS = new Set(['birthDateCheckDigit', 'expirationDateCheckDigit', 'personalNumberCheckDigit']);

/** The composite digit holds, or its failure is already explained by another broken check digit. */
function compositeAgrees(r: ParseResult): boolean {
  const composite = r.details.find((d) => d.field === 'compositeCheckDigit');
  return !composite || composite.valid || r.details.some((d) => d.field !== null && OTHER_DIGITS.has(d.field) && !d.valid);
}

/**
 * Parses OCR'd MRZ lines; returns the corrected lines, the parse result and every correction.
 * A check-digit repair is kept only if the composite check digit (which covers the repaired
 * field and its check digit) then holds, or fails because of another field's broken check
 * digit: a tampered document-number check digit is not "repaired" away.
 */
export function parseMrz(ocrLines: string[]): ParsedMrz {
  const first = mrz.parse(ocrLines, { autocorrect: true });
  const corrected = [...ocrLines];
  for (const fix of first.details.flatMap((d) => d.autocorrect)) corrected[fix.line] = setChar(corrected[fix.line] ?? '', fix.column, fix.corrected);
  const states = repairStates(first.format, corrected, ocrLines);
  const lines = states.lines;
  const corrections: MrzCorrection[] = [...first.details.flatMap((d) => d.autocorrect), ...states.corrections];
  const repaired = repairGuarded(first.format, lines);
  if (repaired.corrections.length > 0) {
    const result = mrz.parse(repaired.lines);
    if (compositeAgrees(result)) return { lines: repaired.lines, result, corrections: [...corrections, ...repaired.corrections] };
  }
  return { lines, result: mrz.parse(lines), corrections };
}
