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

const SWAPS: Record<string, string> = { O: '0', '0': 'O', Z: '2', '2': 'Z', S: '5', '5': 'S', B: '8', '8': 'B', I: '1', '1': 'I', G: '6', '6': 'G', D: '0' };
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

/** The single smallest set (1 or 2) of confusable swaps that makes the field match its check digit. */
function repairField(value: string, expected: string): Array<[number, string]> | null {
  if (!/^\d$/.test(expected) || checkDigit(value) === expected) return null;
  const positions = [...value].flatMap((c, i) => (SWAPS[c] ? [i] : []));
  const swap = (v: string, i: number) => setChar(v, i, SWAPS[v[i] ?? ''] ?? '');
  const singles = positions.filter((i) => checkDigit(swap(value, i)) === expected);
  if (singles.length === 1) return [[singles[0] as number, SWAPS[value[singles[0] as number] ?? ''] ?? '']];
  if (singles.length > 1) return null;
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < positions.length; a++) for (let b = a + 1; b < positions.length; b++) {
    const i = positions[a] as number, j = positions[b] as number;
    if (checkDigit(swap(swap(value, i), j)) === expected) pairs.push([i, j]);
  }
  const only = pairs.length === 1 ? pairs[0] : undefined;
  return only ? only.map((i) => [i, SWAPS[value[i] ?? ''] ?? ''] as [number, string]) : null;
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
  const lines = [...ocrLines];
  const corrections: MrzCorrection[] = [];
  const first = mrz.parse(lines, { autocorrect: true });
  for (const fix of first.details.flatMap((d) => d.autocorrect)) {
    lines[fix.line] = setChar(lines[fix.line] ?? '', fix.column, fix.corrected);
    corrections.push(fix);
  }
  const repaired = repairGuarded(first.format, lines);
  if (repaired.corrections.length > 0) {
    const result = mrz.parse(repaired.lines);
    if (compositeAgrees(result)) return { lines: repaired.lines, result, corrections: [...corrections, ...repaired.corrections] };
  }
  return { lines, result: mrz.parse(lines), corrections };
}
