/** Rules about logic conditions: paths must resolve, ops and values must fit the path's type. */
import { OPS, type Comparison, type Condition, type Op } from '../model';
import type { DataType } from '../tasks/types';
import { pathOf, typedTasks, type Rule, type RuleContext } from './context';
import { resolvePath } from './paths';
import { problem, type Problem } from './problem';

const NO_VALUE = new Set(['exists', 'not_exists', 'is_empty', 'is_not_empty']);
/** Ops that order numbers: their value must be a number whatever the path's type (a string would make the Choice fail). */
const ORDERING = new Set(['gt', 'gte', 'lt', 'lte']);
const FITS: Record<string, readonly string[]> = {
  eq: ['string', 'number', 'boolean', 'date', 'date_time'], neq: ['string', 'number', 'boolean', 'date', 'date_time'],
  gt: ['number'], gte: ['number'], lt: ['number'], lte: ['number'],
  in: ['string', 'number'], not_in: ['string', 'number'],
  contains: ['string', 'string_list', 'array'], not_contains: ['string', 'string_list', 'array'],
  before: ['date', 'date_time'], after: ['date', 'date_time'],
};
/** The ops that fit a path of this type, as the rule below judges them (the builder offers only these). */
export function opsFor(type: DataType | undefined): Op[] {
  const kind = type?.kind ?? 'unknown';
  if (kind === 'unknown') return [...OPS];
  return OPS.filter((op) => NO_VALUE.has(op) || (kind !== 'object' && FITS[op]!.includes(kind)));
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function* comparisons(c: Condition, field: string): Generator<[Comparison, string]> {
  if ('all' in c) for (const [i, x] of c.all.entries()) yield* comparisons(x, `${field}.all[${i}]`);
  else if ('any' in c) for (const [i, x] of c.any.entries()) yield* comparisons(x, `${field}.any[${i}]`);
  else if ('not' in c) yield* comparisons(c.not, `${field}.not`);
  else yield [c, field];
}

export const conditions: Rule = (ctx) => typedTasks(ctx).flatMap((task) => {
  if (task.type !== 'logic' || !ctx.an.reachable(task.id)) return [];
  return task.branches.flatMap((b, i) => [...comparisons(b.when, `branches[${i}].when`)]
    .flatMap(([c, field]) => checkComparison(ctx, task.id, c, field)));
});

function checkComparison(ctx: RuleContext, at: string, c: Comparison, field: string): Problem[] {
  const where = pathOf(ctx, at, field);
  const r = resolvePath(ctx, c.path, at, `${field}.path`);
  const out: Problem[] = r.ok ? [] : [r.problem];
  const v = c.value;
  if (NO_VALUE.has(c.op)) {
    if (v !== undefined) out.push(problem('unexpected_value', at, `${where}.value`, `op ${c.op} takes no value: remove value`));
    return out;
  }
  if (v === undefined) return [...out, problem('missing_value', at, `${where}.value`, `op ${c.op} compares ${c.path} with a value: add value`)];
  let valueType: DataType | null = null;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'path' in v) {
    const rv = resolvePath(ctx, v.path, at, `${field}.value.path`);
    if (!rv.ok) out.push(rv.problem); else valueType = rv.type;
  }
  if (!r.ok) return out;
  const kind = r.type.kind;
  if (kind !== 'unknown' && kind !== 'object' && !FITS[c.op]!.includes(kind)) {
    out.push(problem('op_type_mismatch', at, `${where}.op`,
      `${c.path} is a ${kind}; op ${c.op} needs a ${FITS[c.op]!.join(' or ')}: pick an op that fits a ${kind}`));
    return out;
  }
  if (kind === 'object') {
    out.push(problem('op_type_mismatch', at, `${where}.op`, `${c.path} is an object; ${c.op} compares a single value: name one of its fields`));
    return out;
  }
  const mismatch = valueMismatch(c, r.type, valueType);
  if (mismatch) out.push(problem('value_type_mismatch', at, `${where}.value`, `${c.path} ${c.op} ${JSON.stringify(v)}: ${mismatch}`));
  return out;
}

function valueMismatch(c: Comparison, type: DataType, valueType: DataType | null): string | null {
  const v = c.value;
  const isRelative = v !== null && typeof v === 'object' && !Array.isArray(v) && 'relative' in v;
  if (isRelative && c.op !== 'before' && c.op !== 'after') return 'a relative date only works with before and after';
  if (ORDERING.has(c.op) && !valueType && typeof v !== 'number') return `use a number: ${c.op} compares numbers`;
  if (ORDERING.has(c.op) && valueType && valueType.kind !== 'unknown' && valueType.kind !== 'number') {
    return `the value path is a ${valueType.kind}: ${c.op} compares numbers`;
  }
  if (valueType) {
    if (type.kind === 'unknown' || valueType.kind === 'unknown') return null;
    const dates = ['date', 'date_time'];
    const same = type.kind === valueType.kind || (dates.includes(type.kind) && dates.includes(valueType.kind));
    return same || c.op === 'contains' || c.op === 'not_contains' || c.op === 'in' || c.op === 'not_in' ? null : `the value path is a ${valueType.kind}, the path a ${type.kind}`;
  }
  const scalar = (x: unknown, kind: string): boolean => {
    if (kind === 'unknown') return ['string', 'number', 'boolean'].includes(typeof x) || x === null;
    if (kind === 'date' || kind === 'date_time') return typeof x === 'string' && ISO_DATE.test(x);
    if (kind === 'string' || kind === 'string_list' || kind === 'array') return typeof x === 'string';
    return typeof x === kind;
  };
  const allowed = type.kind === 'string' && 'values' in type && type.values ? type.values : null;
  const okScalar = (x: unknown) => scalar(x, type.kind) && (!allowed || allowed.includes(x as string));
  const expect = allowed ? `one of ${allowed.join(', ')}` : `a ${type.kind === 'string_list' ? 'string' : type.kind}${type.kind.startsWith('date') ? ' (YYYY-MM-DD or ISO date-time)' : ''}`;
  switch (c.op) {
    case 'in': case 'not_in':
      return Array.isArray(v) && v.every(okScalar) ? null : `use a list of values, each ${expect}`;
    case 'before': case 'after':
      return isRelative || scalar(v, 'date') ? null : 'use an ISO date, or { "relative": "-P18Y" }';
    default:
      return okScalar(v) ? null : `use ${expect}`;
  }
}
