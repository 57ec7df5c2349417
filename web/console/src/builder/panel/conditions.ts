/** A branch condition as the editor shows it: a list of comparisons joined by all/any (nested groups stay as they are). */
import type { Comparison, Condition } from '../../../../../compiler';

export type Mode = 'all' | 'any';
export type Flat = { mode: Mode; list: Comparison[] } | { nested: Condition };

const isComparison = (c: Condition): c is Comparison => 'path' in c;

export function flatten(c: Condition): Flat {
  if (isComparison(c)) return { mode: 'all', list: [c] };
  if ('all' in c && c.all.every(isComparison)) return { mode: 'all', list: c.all as Comparison[] };
  if ('any' in c && c.any.every(isComparison)) return { mode: 'any', list: c.any as Comparison[] };
  return { nested: c };
}

/** One comparison is saved bare; several as `{all}` or `{any}`; none as an empty `{all}` (a problem to fix). */
export function unflatten(mode: Mode, list: Comparison[]): Condition {
  if (list.length === 1 && list[0]) return list[0];
  return mode === 'all' ? { all: list } : { any: list };
}

export const NO_VALUE_OPS = new Set(['exists', 'not_exists', 'is_empty', 'is_not_empty']);

/** Text typed as a value: numbers and true/false as such, a relative date for date paths, else the text. */
export function parseValue(text: string, dateLike: boolean): Comparison['value'] {
  const s = text.trim();
  if (dateLike && /^[+-]?P/.test(s)) return { relative: s };
  if (s === 'true' || s === 'false') return s === 'true';
  if (s !== '' && !Number.isNaN(Number(s))) return Number(s);
  return text;
}

export function valueText(v: Comparison['value']): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && !Array.isArray(v)) return 'relative' in v ? v.relative : v.path;
  return Array.isArray(v) ? v.join(', ') : String(v);
}
