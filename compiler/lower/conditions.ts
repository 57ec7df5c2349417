/**
 * Logic conditions → JSONata boolean expressions. Every leaf yields true or false (never
 * undefined, never a type error): a missing value compares false, ops check the runtime type.
 */
import type { Comparison, ComparisonValue, Condition } from '../model';
import { lit, pathExpr } from './jsonata';

export function conditionExpr(c: Condition): string {
  if ('all' in c) return `(${c.all.map(conditionExpr).join(' and ')})`;
  if ('any' in c) return `(${c.any.map(conditionExpr).join(' or ')})`;
  if ('not' in c) return `$not(${conditionExpr(c.not)})`;
  return comparisonExpr(c);
}

const isPathValue = (v: ComparisonValue | undefined): v is { path: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && 'path' in v;
const isRelative = (v: ComparisonValue | undefined): v is { relative: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && 'relative' in v;

function valueExpr(v: ComparisonValue | undefined): string {
  if (isPathValue(v)) return pathExpr(v.path);
  if (isRelative(v)) return relativeMillis(v.relative);
  return lit(v ?? null);
}

function comparisonExpr(c: Comparison): string {
  const p = pathExpr(c.path);
  const v = valueExpr(c.value);
  // Both sides checked: JSONata refuses to order a number against anything else (States.QueryEvaluationError).
  // A literal that is not a number (the validator refuses it) compares false.
  const num = (op: string) => isPathValue(c.value)
    ? `($type(${p}) = "number" and $type(${v}) = "number" and ${p} ${op} ${v})`
    : typeof c.value === 'number' ? `($type(${p}) = "number" and ${p} ${op} ${v})` : 'false';
  const contains = `($type(${p}) = "string" ? ($type(${v}) = "string" and $contains(${p}, ${v})) : (${v} in ${p}))`;
  const exists = `($exists(${p}) and $type(${p}) != "null")`;
  const empty = `($not(${exists}) or ${p} = "" or ($type(${p}) = "array" and $count(${p}) = 0) or ($type(${p}) = "object" and $count($keys(${p})) = 0))`;
  switch (c.op) {
    case 'eq': return `(${p} = ${v})`;
    case 'neq': return `$not(${p} = ${v})`;
    case 'gt': return num('>');
    case 'gte': return num('>=');
    case 'lt': return num('<');
    case 'lte': return num('<=');
    case 'in': return `(${p} in ${v})`;
    case 'not_in': return `$not(${p} in ${v})`;
    case 'contains': return contains;
    case 'not_contains': return `$not(${contains})`;
    case 'exists': return exists;
    case 'not_exists': return `$not(${exists})`;
    case 'is_empty': return empty;
    case 'is_not_empty': return `$not(${empty})`;
    case 'before': return dateCompare(p, c.value, '<');
    case 'after': return dateCompare(p, c.value, '>');
  }
}

const DATE_LIKE = '/^\\d{4}-\\d{2}-\\d{2}/';
const millis = (e: string) => `($type(${e}) = "string" and $contains(${e}, ${DATE_LIKE}))`;

function dateCompare(p: string, value: ComparisonValue | undefined, op: '<' | '>'): string {
  if (isRelative(value)) return `(${millis(p)} and $toMillis(${p}) ${op} ${relativeMillis(value.relative)})`;
  const v = valueExpr(value);
  return `(${millis(p)} and ${millis(v)} and $toMillis(${p}) ${op} $toMillis(${v}))`;
}

/**
 * The instant `now + duration` in epoch milliseconds, calendar-correct: years and months move
 * the calendar date (31 March − 1 month = 28/29 February), weeks, days and times add exactly.
 * Evaluated when the condition is, so "-P18Y" is always eighteen years before that moment.
 */
export function relativeMillis(duration: string): string {
  const m = /^([+-]?)P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m) throw new Error(`not an ISO-8601 duration: ${duration}`);
  const sign = m[1] === '-' ? -1 : 1;
  const n = (i: number) => Number(m[i] ?? 0);
  const months = sign * (n(2) * 12 + n(3));
  const ms = sign * ((n(4) * 7 + n(5)) * 86400000 + (n(6) * 3600 + n(7) * 60 + n(8)) * 1000);
  const shifted = months === 0 ? '$toMillis($n)' : [
    '($y := $number($substring($n, 0, 4)); $mo := $number($substring($n, 5, 2)); $d := $number($substring($n, 8, 2));',
    `$t := $y * 12 + $mo - 1 + ${months}; $ny := $floor($t / 12); $nm := $t - $ny * 12 + 1;`,
    '$ym := function($yy, $mm) { $pad($string($yy), -4, "0") & "-" & $pad($string($mm), -2, "0") };',
    '$first := $toMillis($ym($ny, $nm) & "-01T00:00:00.000Z");',
    '$next := $toMillis(($nm = 12 ? $ym($ny + 1, 1) : $ym($ny, $nm + 1)) & "-01T00:00:00.000Z");',
    '$dim := ($next - $first) / 86400000;',
    '$toMillis($ym($ny, $nm) & "-" & $pad($string($min([$d, $dim])), -2, "0") & $substring($n, 10)))',
  ].join(' ');
  return `($n := $now(); ${shifted}${ms === 0 ? '' : ` + ${ms}`})`;
}
