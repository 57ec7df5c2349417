/**
 * asl-validator's JSON-schema check, compiled once and kept. asl-validator 4 builds a new Ajv and
 * compiles its 15 schemas on every call: ~0.3 s of CPU for each definition (several seconds on a
 * busy machine), paid by every CreateStateMachine of a new definition and so by every workflow
 * activation and most test files. This is the same check: the same schemas, formats and error
 * selection as its `checks/json-schema-errors.js` (4.0.0), ported; `useCachedSchemaCheck()` makes
 * asl-validator call it (its validator reads the check from that module's exports on every call).
 * test/../asl-schema.test.ts compares both on many definitions.
 *
 * The compiled check is Ajv's standalone code, kept in the user's private cache folder
 * (../../private-cache.ts) under the sha256 of what it is made from (`cacheKey`: the versions,
 * Ajv's options, the formats' kinds and the schemas): a later process, or a later jest file in its own module registry,
 * loads it (~10 ms of CPU) instead of compiling the schemas again (~0.3 s). The code holds no
 * format: the formats, which differ with the options, are handed to it when it is loaded.
 * STUDIO_ASL_CACHE=off keeps nothing on disk (compiled once per process, as before).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type Ajv from 'ajv';
import type { ErrorObject, Format } from 'ajv';
import { cacheRoot, privateDir } from '../../private-cache';

interface Options { checkPaths: boolean; checkArn: boolean }
export interface SchemaError { 'Error code': string; Message: string; schemaError: { instancePath: string; schemaPath: string } }
type SchemaCheck = (definition: unknown, options: Options) => SchemaError[];

// asl-validator's own files and its dependencies (ajv, ajv-formats, jsonata, asl-path-validator), resolved from
// asl-validator as it resolves them: the same versions. asl-validator ships no types.
// Resolved here, loaded by this module's own `require` (jest's registry under jest: the instance asl-validator uses).
const resolveFromValidator = createRequire(require.resolve('asl-validator')).resolve;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fromValidator = (id: string): unknown => require(resolveFromValidator(id));
const SCHEMAS = ['common', 'paths', 'jsonata', 'choice', 'fail', 'parallel', 'pass', 'base-state-machine', 'state-machine', 'state', 'succeed', 'task', 'wait', 'map', 'errors'];
const schemaModule = () => fromValidator('./checks/json-schema-errors') as { jsonSchemaErrors: SchemaCheck };
const { isArnFormatValid } = fromValidator('./checks/formats') as { isArnFormatValid: (s: string) => boolean };
const SCHEMA_FAILED = (fromValidator('./types') as { StateMachineErrorCode: { SchemaValidationFailed: string } }).StateMachineErrorCode.SchemaValidationFailed;
const AjvClass = (fromValidator('ajv') as { default: typeof Ajv }).default;
const { fullFormats } = fromValidator('ajv-formats/dist/formats') as { fullFormats: Record<string, Format> };
const { _ } = fromValidator('ajv') as { _: (strings: TemplateStringsArray) => unknown };
const standaloneCode = (fromValidator('ajv/dist/standalone') as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;
const jsonata = fromValidator('jsonata') as (expr: string) => unknown;
const { registerAll } = fromValidator('asl-path-validator') as { registerAll: (ajv: Ajv) => void };

const jsonataOk = (value: string) => {
  const trimmed = value.trim();
  let expr = trimmed.startsWith('{%') ? trimmed.slice(2) : trimmed;
  expr = expr.endsWith('%}') ? expr.slice(0, -2) : expr;
  try { jsonata(expr); return true; } catch { return false; }
};

/** The formats the schemas name, for `o`: ajv-formats' full set (as its `addFormats` adds them), JSONata, ASL paths, ARNs. */
export function aslFormats(o: Options): Record<string, Format> {
  const out: Record<string, Format> = { ...fullFormats };
  const add = (name: string, format: Format) => { out[name] = format; };
  add('jsonata_string', jsonataOk);
  add('maybe_jsonata_string', (v: string) => (v.trim().startsWith('{%') || v.trim().endsWith('%}') ? jsonataOk(v.trim()) : true));
  if (o.checkPaths) registerAll({ addFormat: add, logger: console } as unknown as Ajv);
  else for (const f of ['asl_path', 'asl_ref_path', 'asl_payload_template', 'asl_result_path']) add(f, () => true);
  add('asl_arn', o.checkArn ? isArnFormatValid : () => true);
  return out;
}

const STATE_MACHINE = 'http://asl-validator.cloud/state-machine.json#';
const AJV_OPTIONS = { allowUnionTypes: true };
type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
type Compiled = (formats: Record<string, Format>) => Validate;

let builds = 0;
/** How many times this process compiled the schemas (0 when the kept code was loaded). */
export const ajvBuilds = () => builds;

/** Ajv's standalone code of the state machine schema; its formats come from a `formats` variable. */
function generate(): string {
  const ajv = new AjvClass({ schemas: SCHEMAS.map((s) => fromValidator(`./schemas/${s}.json`) as object), ...AJV_OPTIONS, code: { source: true, formats: _`formats` as never } });
  for (const [name, format] of Object.entries(aslFormats({ checkPaths: true, checkArn: true }))) ajv.addFormat(name, format);
  builds++;
  return standaloneCode(ajv, { stateMachine: STATE_MACHINE });
}

/** The check's code made runnable; throws if it is not a module exporting the check. */
function load(code: string): Compiled {
  const body = new Function('module', 'exports', 'formats', code);
  const run: Compiled = (f) => {
    const module = { exports: {} as { stateMachine?: Validate } };
    body(module, module.exports, f);
    if (typeof module.exports.stateMachine !== 'function') throw new Error('the kept schema code exports no check');
    return module.exports.stateMachine;
  };
  run({}); // its formats are read only when a string is checked
  return run;
}

/** What the code is made from: a change to any of it is a new file. The code calls each format as
 *  what it was when compiled (a function, a RegExp's `test`, an object's `validate`): their kinds count too. */
function cacheKey(): string {
  const hash = createHash('sha256').update(`asl-schema 1\0${JSON.stringify(AJV_OPTIONS)}\0${STATE_MACHINE}\0`);
  for (const id of ['ajv/package.json', 'ajv-formats/package.json', 'asl-validator/package.json']) hash.update(String((fromValidator(id) as { version: string }).version)).update('\0');
  const kind = (f: Format) => (f instanceof RegExp ? 'regexp' : typeof f === 'object' ? `object ${typeof (f as { validate?: unknown }).validate}` : typeof f);
  for (const [name, f] of Object.entries(aslFormats({ checkPaths: true, checkArn: true }))) hash.update(`${name} ${kind(f)}\0`);
  for (const s of SCHEMAS) hash.update(readFileSync(resolveFromValidator(`./schemas/${s}.json`))).update('\0');
  return hash.digest('hex').slice(0, 32);
}

/** The compiled check: kept code if there is some (and it loads), else compiled now and kept. */
export function compiledCheck(dir = process.env.STUDIO_ASL_CACHE ?? path.join(cacheRoot(), 'asl-schema')): Compiled {
  let file: string | undefined;
  if (dir !== 'off') {
    try {
      file = path.join(privateDir(dir), `state-machine-${cacheKey()}.js`);
      return load(readFileSync(file, 'utf8'));
    } catch { /* not kept yet, unreadable, or not ours: compile */ }
  }
  const code = generate();
  const compiled = load(code);
  if (file) {
    // Written whole under another name, then renamed: a reader never sees half a file.
    const tmp = `${file}.${process.pid}.writing`;
    try { writeFileSync(tmp, code, { mode: 0o600 }); renameSync(tmp, file); } catch { rmSync(tmp, { force: true }); }
    // Code kept for other versions (an upgrade made this one): removed.
    for (const f of readdirSync(path.dirname(file))) if (/^state-machine-[0-9a-f]+\.js$/.test(f) && f !== path.basename(file)) rmSync(path.join(path.dirname(file), f), { force: true });
  }
  return compiled;
}

let compiled: Compiled | undefined;
const validators = new Map<string, Validate>();

/** The schema errors of `definition`, selected as asl-validator selects them (the deepest, oneOf first, no duplicates). */
export const cachedSchemaErrors: SchemaCheck = (definition, options) => {
  const key = `${options.checkPaths}/${options.checkArn}`;
  let validate = validators.get(key);
  if (!validate) { compiled ??= compiledCheck(); validators.set(key, validate = compiled(aslFormats(options))); }
  validate(definition);
  return select(validate.errors ?? []);
};

function select(errors: ErrorObject[]): SchemaError[] {
  let selected: ErrorObject[] = [];
  let deepest = 0;
  for (const e of errors) {
    const depth = e.instancePath.split('/').length;
    if (depth === deepest) selected.push(e);
    else if (depth > deepest) selected = [e];
    deepest = Math.max(deepest, depth);
  }
  const withOneOf = new Set(selected.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const out = selected.filter((e) => e.keyword === 'oneOf' || !withOneOf.has(e.instancePath)).map((e): SchemaError => ({
    'Error code': SCHEMA_FAILED, Message: `${e.instancePath} is invalid. ${e.message ?? ''}`,
    schemaError: { instancePath: e.instancePath, schemaPath: decodeURIComponent(e.schemaPath) },
  }));
  return out.filter((v, i) => out.findIndex((w) => w.schemaError.schemaPath === v.schemaError.schemaPath && w.schemaError.instancePath === v.schemaError.instancePath) === i);
}

/** asl-validator's own check (uncached), kept for the comparison test. */
export const originalSchemaErrors: SchemaCheck = schemaModule().jsonSchemaErrors;

/** Makes asl-validator use the cached check; idempotent. */
export function useCachedSchemaCheck(): void {
  schemaModule().jsonSchemaErrors = cachedSchemaErrors;
}
