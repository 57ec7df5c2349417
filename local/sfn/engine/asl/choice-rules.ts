import type { ChoiceRule } from './definition';
import { StatesError, StatesErrors } from './errors';
import type { Json } from './json';
import { resolvePath, type PathScope } from './payload';

type Cmp = (a: Json, b: Json) => boolean;

const ts = (v: Json): number | undefined => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v)) return undefined;
  const n = Date.parse(v);
  return Number.isNaN(n) ? undefined : n;
};
const str = (f: (a: string, b: string) => boolean): Cmp => (a, b) => typeof a === 'string' && typeof b === 'string' && f(a, b);
const num = (f: (a: number, b: number) => boolean): Cmp => (a, b) => typeof a === 'number' && typeof b === 'number' && f(a, b);
const time = (f: (a: number, b: number) => boolean): Cmp => (a, b) => { const x = ts(a), y = ts(b); return x !== undefined && y !== undefined && f(x, y); };

const comparisons: Record<string, Cmp> = {
  StringEquals: str((a, b) => a === b), StringLessThan: str((a, b) => a < b), StringGreaterThan: str((a, b) => a > b),
  StringLessThanEquals: str((a, b) => a <= b), StringGreaterThanEquals: str((a, b) => a >= b),
  NumericEquals: num((a, b) => a === b), NumericLessThan: num((a, b) => a < b), NumericGreaterThan: num((a, b) => a > b),
  NumericLessThanEquals: num((a, b) => a <= b), NumericGreaterThanEquals: num((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === 'boolean' && typeof b === 'boolean' && a === b,
  TimestampEquals: time((a, b) => a === b), TimestampLessThan: time((a, b) => a < b), TimestampGreaterThan: time((a, b) => a > b),
  TimestampLessThanEquals: time((a, b) => a <= b), TimestampGreaterThanEquals: time((a, b) => a >= b),
  StringMatches: (a, b) => typeof a === 'string' && typeof b === 'string' && wildcard(b).test(a),
};

function wildcard(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) { re += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); continue; }
    re += c === '*' ? '.*' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** Evaluates one JSONPath-mode choice rule (recursively for And/Or/Not). */
export function evalRule(r: ChoiceRule, s: PathScope): boolean {
  if (r.And) return r.And.every((x) => evalRule(x, s));
  if (r.Or) return r.Or.some((x) => evalRule(x, s));
  if (r.Not) return !evalRule(r.Not, s);
  if (typeof r.Variable !== 'string') throw new StatesError(StatesErrors.Runtime, `${s.prefix} A choice rule needs a Variable`);
  let present = true;
  let value: Json = null;
  try { value = resolvePath(r.Variable, s, 'Variable'); } catch (e) { if (e instanceof StatesError) present = false; else throw e; }
  if (r.IsPresent !== undefined) return present === r.IsPresent;
  const checks: Record<string, (v: Json) => boolean> = {
    IsNull: (v) => v === null, IsNumeric: (v) => typeof v === 'number', IsString: (v) => typeof v === 'string',
    IsBoolean: (v) => typeof v === 'boolean', IsTimestamp: (v) => ts(v) !== undefined,
  };
  for (const [op, f] of Object.entries(checks)) if (r[op] !== undefined) return present && f(value) === r[op];
  if (!present) throw new StatesError(StatesErrors.Runtime, `${s.prefix} Invalid path '${r.Variable}': The choice state's condition path references an invalid value.`);
  for (const [op, f] of Object.entries(comparisons)) {
    if (r[op] !== undefined) return f(value, r[op] as Json);
    const pathOp = r[`${op}Path`];
    if (typeof pathOp === 'string' && op !== 'StringMatches') return f(value, resolvePath(pathOp, s, `${op}Path`));
  }
  throw new StatesError(StatesErrors.Runtime, `${s.prefix} Unsupported choice rule: ${JSON.stringify(r)}`);
}

