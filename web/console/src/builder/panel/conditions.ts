/** A branch condition as the editor shows it: a list of comparisons joined by all/any (nested groups stay as they are). */
import type { Comparison, Condition } from '../../../../../compiler';

export type Mode = 'all' | 'any';
export type Flat = { mode: Mode; list: Comparison[] } | { nested: Condition };

/** Items a group keeps as they are (readable.ts: not editable) may be anything JSON: `in` only on objects. */
const isComparison = (c: Condition): c is Comparison => typeof c === 'object' && c !== null && 'path' in c;

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

/** A relative date's parts: `-P18Y` → past, 18 years; undefined when it is not one (or has a time part). */
export function relativeParts(duration: string): { past: boolean; parts: Array<{ unit: 'year' | 'month' | 'week' | 'day'; count: number }> } | undefined {
  const m = /^([+-]?)P((?:\d+[YMWD])+)$/.exec(duration.trim());
  if (!m) return undefined;
  const UNIT = { Y: 'year', M: 'month', W: 'week', D: 'day' } as const;
  return { past: m[1] === '-', parts: [...m[2]!.matchAll(/(\d+)([YMWD])/g)].map(([, n, u]) => ({ unit: UNIT[u as keyof typeof UNIT], count: Number(n) })) };
}

export function valueText(v: Comparison['value']): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && !Array.isArray(v)) return 'relative' in v ? v.relative : v.path;
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** A condition as the group editor shows it: all / any of its items, possibly negated (NOT). */
export type GroupMode = 'all' | 'any' | 'not_all' | 'none';
export interface Group { mode: GroupMode; items: Condition[] }

const NEGATED: Record<GroupMode, GroupMode> = { all: 'not_all', any: 'none', not_all: 'all', none: 'any' };

export function toGroup(c: Condition): Group {
  if (isComparison(c)) return { mode: 'all', items: [c] };
  if ('not' in c) { const g = toGroup(c.not); return { ...g, mode: NEGATED[g.mode] }; }
  return 'all' in c ? { mode: 'all', items: c.all } : { mode: 'any', items: c.any };
}

/** One comparison under all / not all is saved bare (or under NOT; any / none keep their group, so the mode stays); several as `{all}` / `{any}`; none as an empty `{all}` (a problem to fix). */
export function fromGroup(g: Group): Condition {
  const any = g.mode === 'any' || g.mode === 'none';
  const only = g.items.length === 1 ? g.items[0] : undefined;
  const inner: Condition = only && isComparison(only) && !any ? only : any ? { any: g.items } : { all: g.items };
  return g.mode === 'not_all' || g.mode === 'none' ? { not: inner } : inner;
}

export const isGroup = (c: Condition): boolean => !isComparison(c);

/** `list` with the item at `from` moved to `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || to < 0 || to >= list.length || from < 0 || from >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
