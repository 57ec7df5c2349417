/**
 * EventBridge event patterns: every key of the pattern must match; an array lists alternatives
 * (OR); an object descends into the event; `$or` lists alternative sub-patterns. Leaf matchers:
 * literals, prefix, suffix, equals-ignore-case, wildcard, anything-but, exists, numeric. An
 * array in the event matches when any of its elements does.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class PatternError extends Error {
  override readonly name = 'PatternError';
}

/** Parses and checks a pattern (JSON text or object); throws PatternError with the reason. */
export function parsePattern(pattern: string | unknown): Obj {
  let p: unknown = pattern;
  if (typeof pattern === 'string') {
    try { p = JSON.parse(pattern); } catch { throw new PatternError(`Event pattern is not valid JSON: ${pattern.slice(0, 100)}`); }
  }
  if (!isObj(p)) throw new PatternError('Event pattern must be a JSON object');
  return p;
}

export function matches(pattern: Obj, event: unknown): boolean {
  for (const [key, want] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(want) || !want.some((alt) => isObj(alt) && matches(alt, event))) return false;
      continue;
    }
    const present = isObj(event) && Object.prototype.hasOwnProperty.call(event, key);
    const value = present ? (event as Obj)[key] : undefined;
    if (isObj(want)) {
      if (!isObj(value) && !(Array.isArray(value) && value.some(isObj))) { if (!absentOk(want)) return false; continue; }
      const objs = Array.isArray(value) ? value.filter(isObj) : [value as Obj];
      if (!objs.some((o) => matches(want, o))) return false;
      continue;
    }
    if (!Array.isArray(want)) throw new PatternError(`Pattern value of "${key}" must be an array or an object`);
    if (!want.some((m) => leaf(m, present, value))) return false;
  }
  return true;
}

/** A nested pattern over a missing field matches only if all its leaves are `exists: false`. */
function absentOk(p: Obj): boolean {
  return Object.values(p).every((v) => (isObj(v) ? absentOk(v) : Array.isArray(v) && v.some((m) => isObj(m) && m.exists === false)));
}

function leaf(m: Json, present: boolean, value: Json | undefined): boolean {
  if (isObj(m) && 'exists' in m) return m.exists === (present && value !== undefined);
  if (!present || value === undefined) return false;
  const values: Json[] = Array.isArray(value) ? value : [value];
  if (isObj(m) && 'anything-but' in m) return values.every((v) => !anythingButHit(m['anything-but'] ?? null, v));
  return values.some((v) => one(m, v));
}

function anythingButHit(spec: Json, v: Json): boolean {
  if (Array.isArray(spec)) return spec.some((s) => s === v);
  if (isObj(spec)) return one(spec, v);
  return spec === v;
}

function one(m: Json, v: Json): boolean {
  if (!isObj(m)) return m === v;
  if ('prefix' in m) return typeof v === 'string' && (isObj(m.prefix) ? v.toLowerCase().startsWith(String(m.prefix['equals-ignore-case']).toLowerCase()) : v.startsWith(String(m.prefix)));
  if ('suffix' in m) return typeof v === 'string' && (isObj(m.suffix) ? v.toLowerCase().endsWith(String(m.suffix['equals-ignore-case']).toLowerCase()) : v.endsWith(String(m.suffix)));
  if ('equals-ignore-case' in m) return typeof v === 'string' && v.toLowerCase() === String(m['equals-ignore-case']).toLowerCase();
  if ('wildcard' in m) return typeof v === 'string' && wildcard(String(m.wildcard)).test(v);
  if ('numeric' in m) return typeof v === 'number' && numeric(m.numeric, v);
  throw new PatternError(`Unsupported matcher ${JSON.stringify(m)}`);
}

const wildcard = (w: string) => new RegExp(`^${w.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');

function numeric(spec: Json, v: number): boolean {
  if (!Array.isArray(spec) || spec.length % 2) throw new PatternError(`numeric needs operator/value pairs, got ${JSON.stringify(spec)}`);
  for (let i = 0; i < spec.length; i += 2) {
    const op = spec[i];
    const n = Number(spec[i + 1]);
    const ok = op === '=' ? v === n : op === '<' ? v < n : op === '<=' ? v <= n : op === '>' ? v > n : op === '>=' ? v >= n : undefined;
    if (ok === undefined) throw new PatternError(`Unknown numeric operator ${JSON.stringify(op)}`);
    if (!ok) return false;
  }
  return true;
}
