/** A branch condition as the editor shows it: a list of comparisons joined by all/any (nested groups stay as they are). */
import type { Comparison, Condition, DataType } from '../../../../../compiler';

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

export const LIST_OPS = new Set(['in', 'not_in']);

type Value = Comparison['value'];
type Scalar = string | number | boolean;
/** What a stored value is, as the editor offers it: a typed value (a literal or a list), another field (`{path}`), a relative date (`{relative}`). */
export type ValueKind = 'value' | 'path' | 'relative';

export function valueKind(v: Value): ValueKind {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return 'path' in v ? 'path' : 'relative';
  return 'value';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One typed scalar, read by the path's type: a number path reads numbers, a boolean path true/false, a
 * string (or date) path keeps the text as it is ("02139" stays a string). A path whose type the
 * builder does not know keeps the type the value had (`was`), else reads numbers and true/false.
 * Text that does not fit (a word on a number path) stays text, so the validator names the mismatch.
 */
function scalar(text: string, kind: string, was: unknown): Scalar {
  const s = text.trim();
  const number = NUMBER.test(s) ? Number(s) : undefined;
  const bool = s === 'true' ? true : s === 'false' ? false : undefined;
  switch (kind) {
    case 'number': return number ?? text;
    case 'boolean': return bool ?? text;
    case 'unknown': case 'object':
      if (typeof was === 'string' && was !== '') return text;
      if (typeof was === 'number') return number ?? text;
      if (typeof was === 'boolean') return bool ?? text;
      return number ?? bool ?? text;
    default: return text;
  }
}

/** A list typed as text: comma-separated, an item holding a comma or a quote in double quotes (`"Smith, J", Doe`; `""` is a quote). */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let item = '';
    if (text[i] === '"') {
      i++;
      for (; i < text.length; i++) {
        if (text[i] === '"') { if (text[i + 1] === '"') { item += '"'; i++; } else { i++; break; } } else item += text[i];
      }
      let rest = '';
      while (i < text.length && text[i] !== ',') rest += text[i++];
      items.push(item + rest.trim());
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      item = text.slice(i, end).trim();
      if (item !== '') items.push(item);
      i = end;
    }
    if (text[i] !== ',') break;
    i++;
  }
  return items;
}

const listItem = (x: unknown): string => {
  const s = String(x);
  return typeof x === 'string' && (/[,"]/.test(s) || s !== s.trim() || s === '') ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Text typed as a value, read by the path's type (paths.ts: what the builder knows of inputs and task
 * outputs) and the op: `in` / `not_in` take a comma-separated list, a date path reads `-P18Y` as a
 * relative date. `was` is the value before the edit: a path of unknown type keeps its type.
 */
export function parseValue(text: string, type: DataType | undefined, op: Comparison['op'], was?: Value): Value {
  const kind = type?.kind ?? 'unknown';
  if (LIST_OPS.has(op)) {
    const before = Array.isArray(was) ? was : [];
    return splitList(text).map((x, i) => scalar(x, kind, before[i] ?? before[0] ?? (was === undefined || Array.isArray(was) ? undefined : was)));
  }
  const s = text.trim();
  if ((kind === 'date' || kind === 'date_time' || valueKind(was) === 'relative') && /^[+-]?P/.test(s)) return { relative: s };
  return scalar(text, kind, was);
}

/** How a value reads in the text box: a list comma-separated (an item with a comma in quotes), another field or a relative date by its text. */
export function valueText(v: Value): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && !Array.isArray(v)) return 'relative' in v ? v.relative : v.path;
  return Array.isArray(v) ? v.map(listItem).join(', ') : String(v);
}

/** Whether the text typed would not be read as it was typed: a word on a number or boolean path (kept as text; the validator names it). */
export function misfit(text: string, type: DataType | undefined, op: Comparison['op']): 'number' | 'boolean' | undefined {
  const kind = type?.kind;
  if (kind !== 'number' && kind !== 'boolean') return undefined;
  const items = LIST_OPS.has(op) ? splitList(text) : text.trim() === '' ? [] : [text];
  return items.some((x) => typeof scalar(x, kind, undefined) === 'string') ? kind : undefined;
}

/**
 * The value when the op changes: kept as it is, except that a single value becomes a one-item list for
 * `in` / `not_in` and a one-item list a single value for the others (a longer list stays, for the validator to name).
 */
export function valueForOp(v: Value, op: Comparison['op']): Value {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v;
  if (LIST_OPS.has(op)) return Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
  if (Array.isArray(v)) return v.length === 0 ? '' : v.length === 1 ? v[0] : v;
  return v === undefined ? '' : v;
}

export const sameValue = (a: Value, b: Value): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A relative date's parts: `-P18Y` → past, 18 years; undefined when it is not one (or has a time part). */
export function relativeParts(duration: string): { past: boolean; parts: Array<{ unit: 'year' | 'month' | 'week' | 'day'; count: number }> } | undefined {
  const m = /^([+-]?)P((?:\d+[YMWD])+)$/.exec(duration.trim());
  if (!m) return undefined;
  const UNIT = { Y: 'year', M: 'month', W: 'week', D: 'day' } as const;
  return { past: m[1] === '-', parts: [...m[2]!.matchAll(/(\d+)([YMWD])/g)].map(([, n, u]) => ({ unit: UNIT[u as keyof typeof UNIT], count: Number(n) })) };
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
