/** Field comparison between the barcode and other sources. */
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import type { BreakdownArea } from '../types';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();

export const sameText = (a: string, b: string): boolean => fold(a) === fold(b);

/** Names: same after folding, or one OCR/typing slip apart (Jaro-Winkler ≥ 0.93). */
export const sameName = (a: string, b: string): boolean => sameText(a, b) || jaroWinkler(fold(a), fold(b)) >= 0.93;

/** `clear` when every source that has the field agrees with the barcode; null when none has it. */
export function compareField(barcode: string | undefined, others: Array<string | undefined>, same: (a: string, b: string) => boolean): BreakdownArea {
  const present = others.filter((o): o is string => !!o && o.trim() !== '');
  if (!barcode || present.length === 0) return { result: null };
  const mismatched = present.filter((o) => !same(barcode, o));
  return { result: mismatched.length ? 'consider' : 'clear', properties: { compared: present.length, ...(mismatched.length ? { mismatched } : {}) } };
}
