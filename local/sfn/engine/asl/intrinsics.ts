import { createHash } from 'node:crypto';
import { StatesError, StatesErrors } from './errors';
import { isObject, jsonEqual, type Json } from './json';
import type { Randomness } from './randomness';

/** A parsed intrinsic call argument. */
type Arg = { k: 'lit'; v: Json } | { k: 'path'; path: string } | { k: 'call'; name: string; args: Arg[] };

export function isIntrinsic(s: string): boolean { return /^States\.[A-Za-z0-9]+\(/.test(s.trim()); }

const fail = (msg: string): never => { throw new StatesError(StatesErrors.IntrinsicFailure, msg); };

/** Parses `States.Fn(arg, ...)`; string literals use single quotes with \\ escapes. */
export function parseIntrinsic(text: string): Arg {
  let i = 0;
  const s = text.trim();
  const ws = () => { while (s[i] === ' ' || s[i] === '\n' || s[i] === '\t') i++; };
  function call(): Arg {
    const m = /^States\.([A-Za-z0-9]+)\(/.exec(s.slice(i));
    if (!m) return fail(`Invalid intrinsic function call: ${text}`);
    i += m[0].length;
    const args: Arg[] = [];
    ws();
    if (s[i] === ')') { i++; return { k: 'call', name: m[1] as string, args }; }
    for (;;) {
      ws();
      args.push(arg());
      ws();
      if (s[i] === ',') { i++; continue; }
      if (s[i] === ')') { i++; break; }
      fail(`Invalid intrinsic function call: ${text}`);
    }
    return { k: 'call', name: m[1] as string, args };
  }
  function arg(): Arg {
    const c = s[i];
    if (c === '\'') {
      let out = ''; i++;
      while (i < s.length && s[i] !== '\'') {
        if (s[i] === '\\') { out += s[i + 1] === '{' || s[i + 1] === '}' ? `\\${s[i + 1]}` : (s[i + 1] ?? ''); i += 2; } else out += s[i++];
      }
      i++;
      return { k: 'lit', v: out };
    }
    if (s.startsWith('States.', i)) return call();
    if (c === '$') {
      const start = i; let depth = 0; let quote: string | undefined;
      for (; i < s.length; i++) {
        const ch = s[i];
        if (quote) { if (ch === quote) quote = undefined; continue; }
        if (ch === '\'' || ch === '"') quote = ch;
        else if (ch === '[' || ch === '(') depth++;
        else if (ch === ']' || (ch === ')' && depth > 0)) depth--;
        else if ((ch === ',' || ch === ')') && depth === 0) break;
      }
      return { k: 'path', path: s.slice(start, i).trim() };
    }
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(s.slice(i));
    if (!m) return fail(`Invalid intrinsic function argument at '${s.slice(i, i + 20)}' in ${text}`);
    i += m[0].length;
    return { k: 'lit', v: JSON.parse(m[0]) as Json };
  }
  const r = call();
  ws();
  if (i !== s.length) fail(`Unexpected text after intrinsic function: ${text}`);
  return r;
}

/** Evaluates an intrinsic call; `read` resolves path arguments. */
export function evalIntrinsic(text: string, read: (path: string) => Json, rng: Randomness): Json {
  const ev = (a: Arg): Json => (a.k === 'lit' ? (typeof a.v === 'string' ? a.v.replace(/\\([{}])/g, '$1') : a.v) : a.k === 'path' ? read(a.path) : apply(a.name, a.args.map(ev), a.args, rng));
  return ev(parseIntrinsic(text));
}

const str = (v: Json | undefined, fn: string): string => (typeof v === 'string' ? v : fail(`${fn} expects a string argument, got ${JSON.stringify(v)}`));
const arr = (v: Json | undefined, fn: string): Json[] => (Array.isArray(v) ? v : fail(`${fn} expects an array argument, got ${JSON.stringify(v)}`));
const int = (v: Json | undefined, fn: string): number => (typeof v === 'number' && Number.isInteger(v) ? v : fail(`${fn} expects an integer argument, got ${JSON.stringify(v)}`));
const numArg = (v: Json | undefined, fn: string): number => (typeof v === 'number' ? v : fail(`${fn} expects a number argument, got ${JSON.stringify(v)}`));

function apply(name: string, a: Json[], raw: Arg[], rng: Randomness): Json {
  const fn = `States.${name}`;
  switch (name) {
    case 'Format': {
      const tpl = raw[0]?.k === 'lit' && typeof raw[0].v === 'string' ? raw[0].v : str(a[0], fn);
      let n = 1; let out = '';
      for (let i = 0; i < tpl.length; i++) {
        if (tpl[i] === '\\' && (tpl[i + 1] === '{' || tpl[i + 1] === '}')) { out += tpl[i + 1]; i++; continue; }
        if (tpl[i] === '{' && tpl[i + 1] === '}') {
          if (n >= a.length) fail(`${fn}: more placeholders than arguments`);
          const v = a[n++] as Json;
          out += javaString(v);
          i++;
          continue;
        }
        out += tpl[i];
      }
      if (n !== a.length) fail(`${fn}: more arguments than placeholders`);
      return out;
    }
    case 'StringToJson': try { const t = str(a[0], fn); return t.trim() === '' ? null : JSON.parse(t) as Json; } catch { return fail(`${fn}: not JSON: ${a[0]}`); }
    case 'JsonToString': return JSON.stringify(a[0]);
    case 'Array': return a;
    case 'ArrayPartition': {
      const xs = arr(a[0], fn), size = int(a[1], fn);
      if (size < 1) fail(`${fn}: chunk size must be positive`);
      const out: Json[] = [];
      for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
      return out;
    }
    case 'ArrayContains': return arr(a[0], fn).some((x) => jsonEqual(x, a[1]));
    case 'ArrayRange': {
      const [s, e, st] = [int(a[0], fn), int(a[1], fn), int(a[2], fn)];
      if (st === 0) fail(`${fn}: step must not be 0`);
      const out: number[] = [];
      for (let i = s; st > 0 ? i <= e : i >= e; i += st) out.push(i);
      if (out.length > 1000) fail(`${fn}: at most 1000 items`);
      return out;
    }
    case 'ArrayGetItem': { const xs = arr(a[0], fn); const i = int(a[1], fn); return i >= 0 && i < xs.length ? (xs[i] as Json) : fail(`${fn}: index ${i} out of range`); }
    case 'ArrayLength': return arr(a[0], fn).length;
    case 'ArrayUnique': { const out: Json[] = []; for (const x of arr(a[0], fn)) if (!out.some((y) => jsonEqual(x, y))) out.push(x); return out; }
    case 'Base64Encode': return Buffer.from(str(a[0], fn), 'utf8').toString('base64');
    case 'Base64Decode': return Buffer.from(str(a[0], fn), 'base64').toString('utf8');
    case 'Hash': {
      const algos: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
      const algo = algos[str(a[1], fn)] ?? fail(`${fn}: unsupported algorithm ${a[1]}`);
      const data = typeof a[0] === 'string' ? a[0] : JSON.stringify(a[0]);
      return createHash(algo).update(data).digest('hex');
    }
    case 'JsonMerge': {
      if (!isObject(a[0]) || !isObject(a[1])) return fail(`${fn} expects two objects`);
      if (a[2] !== false) fail(`${fn}: only shallow merge (false) is supported`);
      return { ...a[0], ...a[1] };
    }
    case 'MathRandom': { const lo = int(a[0], fn), hi = int(a[1], fn); return lo + Math.floor(rng.random() * (hi - lo)); }
    case 'MathAdd': return Math.round(numArg(a[0], fn)) + Math.round(numArg(a[1], fn));  // AWS adds the rounded integers
    case 'StringSplit': {
      const s = str(a[0], fn), d = str(a[1], fn);
      const parts = d.length ? s.split(new RegExp(`[${d.replace(/[\]\\^-]/g, '\\$&')}]`)) : [s];
      return parts.filter((p) => p !== '');
    }
    case 'UUID': return rng.uuid();
    default: return fail(`Unsupported intrinsic function ${fn}`);
  }
}

/** How AWS (Java) prints a value inside States.Format: {a=1, b=[x, y]}. */
function javaString(v: Json): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (isObject(v)) return `{${Object.entries(v).map(([k, x]) => `${k}=${javaString(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}
