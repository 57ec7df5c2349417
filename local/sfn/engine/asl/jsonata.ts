import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesError, StatesErrors } from './errors';
import { isObject, toJson, type Json } from './json';

const EXPR = /^\{%([\s\S]*)%\}$/;
const compiled = new Map<string, jsonata.Expression>();

/** Returns the JSONata expression inside `{% ... %}`, or undefined for a literal string. */
export function expressionOf(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = EXPR.exec(v);
  return m ? (m[1] ?? '').trim() : undefined;
}

function asSequence(items: unknown[]): unknown[] {
  // JSONata unwraps one-item sequences, which is how AWS's $range(1, 9, 9) yields 1.
  Object.defineProperty(items, 'sequence', { value: true, enumerable: false });
  return items;
}

const fail = (cause: string): never => { throw new StatesError(StatesErrors.QueryEvaluationError, cause); };

/** The functions AWS adds to JSONata (and the $eval it removes). */
const awsFunctions: Record<string, (...args: never[]) => unknown> = {
  partition: (array: unknown[], size: number) => {
    if (!Array.isArray(array) || typeof size !== 'number' || size < 1) fail('$partition expects an array and a positive chunk size');
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range: (start: number, end: number, step = 1) => {
    if (![start, end, step].every((n) => typeof n === 'number' && Number.isInteger(n)) || step === 0) fail('$range expects integer start, end and a non-zero step');
    const out: number[] = [];
    for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(i);
    return asSequence(out);
  },
  hash: (data: string, algorithm: string) => {
    const algos: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
    const a = algos[algorithm];
    if (typeof data !== 'string' || !a) return fail(`$hash expects a string and one of ${Object.keys(algos).join(', ')}`);
    return createHash(a).update(data).digest('hex');
  },
  random: (seed?: number) => (seed === undefined ? Math.random() : seededRandom(seed)),
  uuid: () => randomUUID(),
  parse: (text: string) => {
    if (typeof text !== 'string') fail('$parse expects a string');
    try { return JSON.parse(text) as unknown; } catch { return fail(`$parse could not parse: ${text}`); }
  },
  eval: () => fail('The JSONata function $eval is not supported by Step Functions; use $parse'),
};

function seededRandom(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function compile(expr: string): jsonata.Expression {
  let e = compiled.get(expr);
  if (!e) {
    e = jsonata(expr);
    for (const [name, fn] of Object.entries(awsFunctions)) e.registerFunction(name, fn as (...a: unknown[]) => unknown);
    if (compiled.size > 5000) compiled.clear();
    compiled.set(expr, e);
  }
  return e;
}

export interface JsonataScope {
  bindings: Record<string, unknown>;
  /** Builds the cause prefix ("An error occurred while executing the state ..."). */
  prefix: string;
}

const SIMPLE = /^\$[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const NOT_SIMPLE = Symbol('not simple');

/** `$var.a.b` through plain objects needs no JSONata (which is async and allocates a lot). */
function simplePath(expr: string, bindings: Record<string, unknown>): unknown {
  if (!SIMPLE.test(expr)) return NOT_SIMPLE;
  const parts = expr.slice(1).split('.');
  const head = parts[0] as string;
  if (head === 'eval' || !Object.prototype.hasOwnProperty.call(bindings, head)) return NOT_SIMPLE;
  let v: unknown = bindings[head];
  for (let i = 1; i < parts.length; i++) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return NOT_SIMPLE;
    v = (v as Record<string, unknown>)[parts[i] as string];
  }
  return Array.isArray(v) || v === undefined ? NOT_SIMPLE : v;
}

/** Evaluates one expression; undefined results are returned as undefined for the caller to judge. */
export async function evalExpression(expr: string, scope: JsonataScope, field: string): Promise<unknown> {
  const fast = simplePath(expr, scope.bindings);
  if (fast !== NOT_SIMPLE) return fast;
  try {
    return await compile(expr).evaluate(null, scope.bindings);
  } catch (e) {
    if (e instanceof StatesError) throw new StatesError(e.error, `${scope.prefix} The JSONata expression '${expr}' specified for the field '${field}' threw an error during evaluation. ${e.causeText ?? ''}`.trim(), field);
    const err = e as { code?: string; message?: string };
    throw new StatesError(StatesErrors.QueryEvaluationError,
      `${scope.prefix} The JSONata expression '${expr}' specified for the field '${field}' threw an error during evaluation. ${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`, field);
  }
}

/** Evaluates every `{% %}` string at any depth of a field's value. */
export async function evalTemplate(value: Json | undefined, scope: JsonataScope, field: string): Promise<Json> {
  if (value === undefined) return null;
  const expr = expressionOf(value);
  if (expr !== undefined) {
    const r = await evalExpression(expr, scope, field);
    if (r === undefined) throw new StatesError(StatesErrors.QueryEvaluationError, `${scope.prefix} The JSONata expression '${expr}' specified for the field '${field}' returned nothing (undefined).`, field);
    return typeof r === 'object' ? toJson(r) : (r as Json);
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (let i = 0; i < value.length; i++) out.push(await evalTemplate(value[i], scope, `${field}[${i}]`));
    return out;
  }
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evalTemplate(v, scope, `${field}/${k}`);
    return out;
  }
  return value;
}
