import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesError, StatesErrors } from './errors';
import { isObject, toJson, type Json } from './json';
import { seededRandom, type Randomness } from './randomness';

const EXPR = /^\{%([\s\S]*)%\}$/;
const compiled = new Map<string, jsonata.Expression>();

/** Returns the JSONata expression inside `{% ... %}`, or undefined for a literal string. */
export function expressionOf(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  // Template strings come from definitions: remember what each one holds.
  let e = exprOf.get(v);
  if (e === undefined) {
    const m = EXPR.exec(v);
    e = m ? (m[1] ?? '').trim() : null;
    if (exprOf.size > 20000) exprOf.clear();
    exprOf.set(v, e);
  }
  return e ?? undefined;
}
const exprOf = new Map<string, string | null>();

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
  parse: (text: string) => {
    if (typeof text !== 'string') fail('$parse expects a string');
    try { return JSON.parse(text) as unknown; } catch { return fail(`$parse could not parse: ${text}`); }
  },
  eval: () => fail('The JSONata function $eval is not supported by Step Functions; use $parse'),
};

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
  /** The variables visible to the state (own properties only). */
  vars: Record<string, unknown>;
  /** The `$states` object. */
  readonly states: Record<string, unknown>;
  /** `$states.<name>`, without building `$states`. */
  stateField(name: string): unknown;
  /** The cause prefix ("An error occurred while executing the state ..."), built when read. */
  readonly prefix: string;
  /** The engine's clock (ms epoch): `$now()` and `$millis()` read it, never the host's clock. */
  now?(): number;
  /** The engine's randomness: `$random()` without a seed and `$uuid()` draw from it. */
  readonly rng: Randomness;
}

/** What JSONata binds: the variables plus `$states`. */
function bindingsOf(scope: JsonataScope): Record<string, unknown> {
  const b: Record<string, unknown> = { ...scope.vars, states: scope.states };
  const rng = scope.rng;
  b.random = (seed?: number) => (seed === undefined ? rng.random() : seededRandom(seed)());
  b.uuid = () => rng.uuid();
  if (scope.now) {
    // One instant per evaluation, as JSONata's own $now/$millis; bindings shadow the built-ins.
    const ms = scope.now();
    b.millis = () => ms;
    b.now = (picture?: string, timezone?: string) =>
      picture === undefined && timezone === undefined ? new Date(ms).toISOString() : fromMillis.evaluate(null, { ms, picture, timezone });
  }
  return b;
}

const fromMillis = jsonata('$fromMillis($ms, $picture, $timezone)');

const NOT_SIMPLE = Symbol('not simple');
type Fast = { path: string[]; op?: '=' | '!=' | '<' | '<=' | '>' | '>='; num?: number } | null;
const SIMPLE = /^\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)$/;
const COMPARE = /^\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*(<=|>=|!=|<|>|=)\s*(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const fastForms = new Map<string, Fast>();
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/** `$var.a.b` and `$var.a.b <op> <number>` need no JSONata (which is async and allocates a lot). */
function fastForm(expr: string): Fast {
  let f = fastForms.get(expr);
  if (f === undefined) {
    const m = SIMPLE.exec(expr);
    const c = m ? undefined : COMPARE.exec(expr);
    if (m) f = { path: (m[1] as string).split('.') };
    else if (c) f = { path: (c[1] as string).split('.'), op: c[2] as NonNullable<Fast>['op'], num: Number(c[3]) };
    else f = null;
    if (f && f.path[0] === 'eval') f = null;
    if (f && f.op !== undefined && f.path.some((n) => KEYWORDS.has(n))) f = null;
    if (fastForms.size > 5000) fastForms.clear();
    fastForms.set(expr, f);
  }
  return f;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Follows a path through plain objects; NOT_SIMPLE where JSONata's sequence semantics would matter. */
function lookup(path: string[], scope: JsonataScope): unknown {
  const head = path[0] as string;
  let v: unknown;
  let i = 1;
  if (head === 'states') {
    if (path.length === 1) v = scope.states;
    else { v = scope.stateField(path[1] as string); i = 2; }
  } else if (hasOwn.call(scope.vars, head)) v = scope.vars[head];
  else return NOT_SIMPLE;
  for (; i < path.length; i++) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return NOT_SIMPLE;
    v = (v as Record<string, unknown>)[path[i] as string];
  }
  return Array.isArray(v) || v === undefined ? NOT_SIMPLE : v;
}

/** The value of a simple expression without JSONata, or NOT_SIMPLE. */
function fastEval(expr: string, scope: JsonataScope): unknown {
  const f = fastForm(expr);
  if (f === null) return NOT_SIMPLE;
  const v = lookup(f.path, scope);
  if (f.op === undefined || v === NOT_SIMPLE) return v;
  // A number compared with a number literal: JSONata's result is the plain JS comparison.
  if (typeof v !== 'number') return NOT_SIMPLE;
  const n = f.num as number;
  switch (f.op) {
    case '=': return v === n;
    case '!=': return v !== n;
    case '<': return v < n;
    case '<=': return v <= n;
    case '>': return v > n;
    case '>=': return v >= n;
  }
}

/** Evaluates one expression; undefined results are returned as undefined for the caller to judge. */
export async function evalExpression(expr: string, scope: JsonataScope, field: string): Promise<unknown> {
  const fast = fastEval(expr, scope);
  if (fast !== NOT_SIMPLE) return fast;
  try {
    return await compile(expr).evaluate(null, bindingsOf(scope));
  } catch (e) {
    if (e instanceof StatesError) throw new StatesError(e.error, `${scope.prefix} The JSONata expression '${expr}' specified for the field '${field}' threw an error during evaluation. ${e.causeText ?? ''}`.trim(), field);
    const err = e as { code?: string; message?: string };
    throw new StatesError(StatesErrors.QueryEvaluationError,
      `${scope.prefix} The JSONata expression '${expr}' specified for the field '${field}' threw an error during evaluation. ${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`, field);
  }
}

export const NOT_SYNC: unique symbol = NOT_SIMPLE as never;

/** A simple expression's value (see fastEval), or NOT_SYNC. */
export function fastExpression(expr: string, scope: JsonataScope): unknown {
  return fastEval(expr, scope);
}

/**
 * A template whose expressions are all simple (see fastEval), evaluated synchronously; NOT_SYNC
 * if one is not (the caller then uses evalTemplate, which also produces the errors).
 * Values read from the scope are returned as they are (JSON values are never mutated in place).
 */
export function evalTemplateSync(value: Json | undefined, scope: JsonataScope): Json | typeof NOT_SYNC {
  if (value === undefined) return null;
  if (typeof value === 'string') {
    const expr = expressionOf(value);
    if (expr === undefined) return value;
    return fastEval(expr, scope) as Json | typeof NOT_SYNC;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: Json[] = new Array<Json>(value.length);
    for (let i = 0; i < value.length; i++) {
      const r = evalTemplateSync(value[i], scope);
      if (r === NOT_SYNC) return NOT_SYNC;
      out[i] = r;
    }
    return out;
  }
  const out: Record<string, Json> = {};
  for (const k of Object.keys(value)) {
    const r = evalTemplateSync(value[k], scope);
    if (r === NOT_SYNC) return NOT_SYNC;
    out[k] = r;
  }
  return out;
}

/** Evaluates every `{% %}` string at any depth of a field's value. */
export async function evalTemplate(value: Json | undefined, scope: JsonataScope, field: string): Promise<Json> {
  if (value === undefined) return null;
  const fast = evalTemplateSync(value, scope);
  if (fast !== NOT_SYNC) return fast;
  return evalTemplateAsync(value, scope, field);
}

async function evalTemplateAsync(value: Json, scope: JsonataScope, field: string): Promise<Json> {
  const expr = expressionOf(value);
  if (expr !== undefined) {
    const r = await evalExpression(expr, scope, field);
    if (r === undefined) throw new StatesError(StatesErrors.QueryEvaluationError, `${scope.prefix} The JSONata expression '${expr}' specified for the field '${field}' returned nothing (undefined).`, field);
    return typeof r === 'object' ? toJson(r) : (r as Json);
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (let i = 0; i < value.length; i++) out.push(await evalTemplateAsync(value[i] as Json, scope, `${field}[${i}]`));
    return out;
  }
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evalTemplateAsync(v, scope, `${field}/${k}`);
    return out;
  }
  return value;
}
