import { StatesError, StatesErrors } from './errors';
import { evalIntrinsic, isIntrinsic } from './intrinsics';
import { isObject, type Json } from './json';
import { compilePath, normalised, readPath } from './jsonpath';
import type { Randomness } from './randomness';

/** What `$`, `$$` and `$name` mean while evaluating a JSONPath-mode field. */
export interface PathScope {
  input: Json;
  context: () => Json;
  vars: Record<string, Json>;
  prefix: string;
  /** The engine's randomness, for States.UUID and States.MathRandom. */
  rng: Randomness;
}

/** Resolves `$...`, `$$...` or `$var...` against a scope; `field` names the field for errors. */
export function resolvePath(path: string, s: PathScope, field: string): Json {
  const root = compilePath(path).root;
  if (root === '$$') return readPath(path, s.context(), () => missing(path, s, field, s.context()));
  if (root !== '$') {
    const name = root.slice(1);
    if (!(name in s.vars)) throw new StatesError(StatesErrors.Runtime, `${s.prefix} The variable '${root}' specified for the field '${field}' is not defined.`.trim());
    return readPath(`$${path.slice(root.length)}`, s.vars[name] as Json, () => missing(path, s, field, s.vars[name] as Json));
  }
  return readPath(path, s.input, () => missing(path, s, field, s.input));
}

function missing(path: string, s: PathScope, field: string, input: Json): never {
  throw new StatesError(StatesErrors.Runtime, `${s.prefix} The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`.trim());
}

/** A path as InputPath/OutputPath/ItemsPath use it: a miss is AWS's "Invalid path" error. */
export function resolveInputPath(path: string, s: PathScope): Json {
  const p = compilePath(path);
  const target = p.root === '$$' ? s.context() : p.root === '$' ? s.input : undefined;
  if (target === undefined) return resolvePath(path, s, 'path');
  return readPath(path, target, () => {
    throw new StatesError(StatesErrors.Runtime, `${s.prefix} Invalid path '${path}' : No results for path: ${normalised(p)}`.trim());
  });
}

/** Evaluates a value given as a path or an intrinsic function call (a `.$` field). */
export function evalDollarValue(v: string, s: PathScope, field: string): Json {
  if (isIntrinsic(v)) return evalIntrinsic(v, (p) => resolvePath(p, s, field), s.rng);
  return resolvePath(v, s, field);
}

/** Parameters / ResultSelector / ItemSelector / Assign: keys ending in `.$` are evaluated. */
export function evalPayload(tpl: Json, s: PathScope): Json {
  if (Array.isArray(tpl)) return tpl.map((x) => evalPayload(x, s));
  if (!isObject(tpl)) return tpl;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(tpl)) {
    if (k.endsWith('.$')) {
      if (typeof v !== 'string') throw new StatesError(StatesErrors.Runtime, `${s.prefix} The value of the field '${k}' must be a JSONPath or an intrinsic function`.trim());
      out[k.slice(0, -2)] = evalDollarValue(v, s, k);
    } else out[k] = evalPayload(v, s);
  }
  return out;
}
