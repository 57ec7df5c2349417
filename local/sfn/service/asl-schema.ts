/**
 * asl-validator's JSON-schema check, with its Ajv built and its schemas compiled once per process.
 * asl-validator 4 builds a new Ajv and compiles its 15 schemas on every call: ~0.3 s of CPU for
 * each definition (several seconds on a busy machine), paid by every CreateStateMachine of a new
 * definition and so by every workflow activation and most test files. This is the same check:
 * the same schemas, formats and error selection as its `checks/json-schema-errors.js` (4.0.0),
 * ported; `useCachedSchemaCheck()` makes asl-validator call it (its validator reads the check from
 * that module's exports on every call). test/../asl-schema.test.ts compares both on many definitions.
 */
import { createRequire } from 'node:module';
import type Ajv from 'ajv';
import type { ErrorObject, Format } from 'ajv';

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
const addFormats = (fromValidator('ajv-formats') as { default: (ajv: Ajv) => Ajv }).default;
const jsonata = fromValidator('jsonata') as (expr: string) => unknown;
const { registerAll } = fromValidator('asl-path-validator') as { registerAll: (ajv: Ajv) => void };

const jsonataOk = (value: string) => {
  const trimmed = value.trim();
  let expr = trimmed.startsWith('{%') ? trimmed.slice(2) : trimmed;
  expr = expr.endsWith('%}') ? expr.slice(0, -2) : expr;
  try { jsonata(expr); return true; } catch { return false; }
};

function buildAjv(o: Options): Ajv {
  const ajv = new AjvClass({ schemas: SCHEMAS.map((s) => fromValidator(`./schemas/${s}.json`) as object), allowUnionTypes: true });
  addFormats(ajv);
  ajv.addFormat('jsonata_string', jsonataOk);
  const maybe: Format = (v: string) => (v.trim().startsWith('{%') || v.trim().endsWith('%}') ? jsonataOk(v.trim()) : true);
  ajv.addFormat('maybe_jsonata_string', maybe);
  if (o.checkPaths) registerAll(ajv);
  else for (const f of ['asl_path', 'asl_ref_path', 'asl_payload_template', 'asl_result_path']) ajv.addFormat(f, () => true);
  ajv.addFormat('asl_arn', o.checkArn ? isArnFormatValid : () => true);
  return ajv;
}

const ajvs = new Map<string, Ajv>();
let builds = 0;
/** How many Ajv instances this process built (one per option set). */
export const ajvBuilds = () => builds;

/** The schema errors of `definition`, selected as asl-validator selects them (the deepest, oneOf first, no duplicates). */
export const cachedSchemaErrors: SchemaCheck = (definition, options) => {
  const key = `${options.checkPaths}/${options.checkArn}`;
  let ajv = ajvs.get(key);
  if (!ajv) { ajvs.set(key, ajv = buildAjv(options)); builds++; }
  ajv.validate('http://asl-validator.cloud/state-machine.json#', definition);
  return select(ajv.errors ?? []);
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
