import { StatesError, StatesErrors } from './errors';
import { isObject, type Json } from './json';

/** A compiled JSONPath (Jayway-flavoured, as Step Functions uses). */
type Seg =
  | { k: 'name'; name: string }
  | { k: 'names'; names: string[] }
  | { k: 'index'; idx: number[] }
  | { k: 'slice'; start?: number; end?: number; step?: number }
  | { k: 'wild' }
  | { k: 'deep'; seg: Seg }
  | { k: 'filter'; expr: string };

export interface CompiledPath { root: string; segs: Seg[]; definite: boolean; text: string }

const cache = new Map<string, CompiledPath>();

export class PathSyntaxError extends Error {}

/** Parses `$...`, `$$...` or `$var...`. */
export function compilePath(text: string): CompiledPath {
  const hit = cache.get(text);
  if (hit) return hit;
  const m = /^(\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$)/.exec(text);
  if (!m) throw new PathSyntaxError(`Invalid JSONPath '${text}': it must start with '$'`);
  const root = m[1] as string;
  const segs: Seg[] = [];
  let i = root.length;
  const readName = (): string => {
    const s = i;
    while (i < text.length && !'.['.includes(text[i] as string)) i++;
    if (s === i) throw new PathSyntaxError(`Invalid JSONPath '${text}': empty name at ${s}`);
    return text.slice(s, i);
  };
  while (i < text.length) {
    const c = text[i];
    if (text.startsWith('..', i)) {
      i += 2;
      if (text[i] === '[') segs.push({ k: 'deep', seg: readBracket() });
      else if (text[i] === '*') { i++; segs.push({ k: 'deep', seg: { k: 'wild' } }); } else segs.push({ k: 'deep', seg: { k: 'name', name: readName() } });
    } else if (c === '.') {
      i++;
      if (text[i] === '*') { i++; segs.push({ k: 'wild' }); } else if (text[i] === '[') segs.push(readBracket());
      else segs.push({ k: 'name', name: readName() });
    } else if (c === '[') segs.push(readBracket());
    else throw new PathSyntaxError(`Invalid JSONPath '${text}': unexpected '${c}' at ${i}`);
  }
  function readBracket(): Seg {
    const close = findClose(text, i);
    const inner = text.slice(i + 1, close).trim();
    i = close + 1;
    if (inner === '*') return { k: 'wild' };
    if (inner.startsWith('?(') && inner.endsWith(')')) return { k: 'filter', expr: inner.slice(2, -1) };
    if (/^['"]/.test(inner)) {
      const names = splitTop(inner).map((p) => unquote(p.trim(), text));
      return names.length === 1 ? { k: 'name', name: names[0] as string } : { k: 'names', names };
    }
    const sl = /^(-?\d*)\s*:\s*(-?\d*)(?:\s*:\s*(-?\d*))?$/.exec(inner);
    if (sl) return { k: 'slice', start: num(sl[1]), end: num(sl[2]), step: num(sl[3]) };
    if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner)) return { k: 'index', idx: inner.split(',').map((s) => Number(s.trim())) };
    throw new PathSyntaxError(`Invalid JSONPath '${text}': unsupported selector [${inner}]`);
  }
  const definite = segs.every((s) => s.k === 'name' || (s.k === 'index' && s.idx.length === 1));
  const p: CompiledPath = { root, segs, definite, text };
  if (cache.size > 5000) cache.clear();
  cache.set(text, p);
  return p;
}

function num(s: string | undefined): number | undefined { return s === undefined || s === '' ? undefined : Number(s); }

function findClose(text: string, open: number): number {
  let depth = 0; let quote: string | undefined;
  for (let j = open; j < text.length; j++) {
    const c = text[j];
    if (quote) { if (c === '\\') j++; else if (c === quote) quote = undefined; continue; }
    if (c === '\'' || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') { depth--; if (depth === 0 && c === ']') return j; }
  }
  throw new PathSyntaxError(`Invalid JSONPath '${text}': unclosed '['`);
}

function splitTop(s: string): string[] {
  const out: string[] = []; let quote: string | undefined; let cur = '';
  for (let j = 0; j < s.length; j++) {
    const c = s[j] as string;
    if (quote) { cur += c; if (c === '\\') cur += s[++j] ?? ''; else if (c === quote) quote = undefined; continue; }
    if (c === '\'' || c === '"') quote = c;
    if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

function unquote(s: string, text: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1]) throw new PathSyntaxError(`Invalid JSONPath '${text}': bad quoted name ${s}`);
  const q = s[0] as string;
  return s.slice(1, -1).split(`\\${q}`).join(q);  // only the quote itself is escaped; other backslashes are literal
}

/** Jayway's normalised form, used in AWS error messages: $['a']['b'][0]. */
export function normalised(p: CompiledPath): string {
  return p.root + p.segs.map((s) => (s.k === 'name' ? `['${s.name}']` : s.k === 'index' ? `[${s.idx.join(',')}]` : s.k === 'wild' ? '[*]' : '')).join('');
}

/** All matches of a path (objects' own keys in order). */
export function selectAll(p: CompiledPath, root: Json): Json[] {
  let cur: Json[] = [root];
  for (const s of p.segs) cur = cur.flatMap((v) => applySeg(s, v, root));
  return cur;
}

function applySeg(s: Seg, v: Json, root: Json): Json[] {
  switch (s.k) {
    case 'name': return isObject(v) && Object.prototype.hasOwnProperty.call(v, s.name) ? [v[s.name] as Json] : [];
    case 'names': return isObject(v) ? s.names.filter((n) => n in v).map((n) => v[n] as Json) : [];
    case 'index': return Array.isArray(v) ? s.idx.map((i) => (i < 0 ? v[v.length + i] : v[i])).filter((x): x is Json => x !== undefined) : [];
    case 'wild': return Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
    case 'slice': {
      if (!Array.isArray(v)) return [];
      const n = v.length, step = s.step ?? 1;
      const norm = (x: number | undefined, d: number) => (x === undefined ? d : x < 0 ? Math.max(n + x, 0) : Math.min(x, n));
      const out: Json[] = [];
      for (let i = norm(s.start, 0); i < norm(s.end, n); i += step) out.push(v[i] as Json);
      return out;
    }
    case 'deep': {
      const out: Json[] = [];
      const walk = (x: Json): void => {
        out.push(...applySeg(s.seg, x, root));
        if (Array.isArray(x)) x.forEach(walk); else if (isObject(x)) Object.values(x).forEach(walk);
      };
      walk(v);
      return out;
    }
    case 'filter': {
      const items = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
      return items.filter((item) => evalFilter(s.expr, item, root));
    }
  }
}

/** Filters: comparisons of @-paths with literals, joined by && / ||; a bare @-path tests existence. */
function evalFilter(expr: string, item: Json, root: Json): boolean {
  const ors = expr.split('||');
  return ors.some((or) => or.split('&&').every((term) => evalTerm(term.trim(), item, root)));
}

function evalTerm(term: string, item: Json, root: Json): boolean {
  const m = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(term);
  const operand = (s: string): { found: boolean; v?: Json } => {
    s = s.trim();
    if (s.startsWith('@') || s.startsWith('$')) {
      const p = compilePath(s.startsWith('@') ? `$${s.slice(1)}` : s);
      const r = selectAll(p, s.startsWith('@') ? item : root);
      return r.length ? { found: true, v: r[0] } : { found: false };
    }
    if (/^'.*'$/.test(s)) return { found: true, v: s.slice(1, -1) };
    try { return { found: true, v: JSON.parse(s) as Json }; } catch { throw new PathSyntaxError(`Unsupported JSONPath filter operand: ${s}`); }
  };
  if (!m) return operand(term).found;
  const a = operand(m[1] as string), b = operand(m[3] as string);
  if (!a.found || !b.found) return m[2] === '!=' && a.found !== b.found;
  const x = a.v, y = b.v;
  switch (m[2]) {
    case '==': return JSON.stringify(x) === JSON.stringify(y);
    case '!=': return JSON.stringify(x) !== JSON.stringify(y);
    default: {
      if (!((typeof x === 'number' && typeof y === 'number') || (typeof x === 'string' && typeof y === 'string'))) return false;
      return m[2] === '<' ? x < y : m[2] === '<=' ? x <= y : m[2] === '>' ? x > y : x >= y;
    }
  }
}

/** Reads a path; a definite path that matches nothing is reported through `missing`. */
export function readPath(text: string, root: Json, missing: (p: CompiledPath) => never): Json {
  let p: CompiledPath;
  try { p = compilePath(text); } catch (e) { throw new StatesError(StatesErrors.Runtime, (e as Error).message); }
  const r = selectAll(p, root);
  if (p.definite) return r.length ? (r[0] as Json) : missing(p);
  return r;
}

/** Writes `value` at a definite path of a copy of `root` (ResultPath), creating objects on the way. */
export function writePath(text: string, root: Json, value: Json): Json {
  const p = compilePath(text);
  if (p.root !== '$' || !p.definite) throw new StatesError(StatesErrors.Runtime, `Invalid ResultPath '${text}': it must be a definite path from '$'`);
  if (p.segs.length === 0) return value;
  const out: Json = isObject(root) ? { ...root } : Array.isArray(root) ? [...root] : {};
  let cur: Json = out;
  p.segs.forEach((s, i) => {
    const last = i === p.segs.length - 1;
    if (s.k === 'name') {
      if (!isObject(cur)) throw new StatesError(StatesErrors.ResultPathMatchFailure, `Unable to apply ResultPath '${text}'`);
      const next: Json = last ? value : isObject(cur[s.name]) ? { ...(cur[s.name] as object) } as Json : Array.isArray(cur[s.name]) ? [...(cur[s.name] as Json[])] : {};
      cur[s.name] = next;
      cur = next;
    } else if (s.k === 'index') {
      const idx = s.idx[0] as number;
      if (!Array.isArray(cur) || idx >= cur.length) throw new StatesError(StatesErrors.ResultPathMatchFailure, `Unable to apply ResultPath '${text}'`);
      const next: Json = last ? value : isObject(cur[idx]) ? { ...(cur[idx] as object) } as Json : Array.isArray(cur[idx]) ? [...(cur[idx] as Json[])] : {};
      cur[idx] = next;
      cur = next;
    }
  });
  return out;
}
