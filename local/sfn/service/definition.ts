/**
 * Checks an ASL definition: JSON syntax, asl-validator's schema and graph checks on a view in
 * which the fields its schema gets wrong are checked by AWS's rules instead (definition-rules.ts),
 * and the rules AWS adds on top (Express machines support neither `.sync` nor `.waitForTaskToken`).
 * Every problem is reported at once, as ValidateStateMachineDefinition's diagnostics, with AWS's codes.
 */
// asl-validator ships no types; this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as (definition: unknown, options?: { checkPaths: boolean; checkArn: boolean }) => {
  isValid: boolean;
  errors: { 'Error code': string; Message: string; schemaError?: { instancePath?: string } }[];
};
import { useCachedSchemaCheck } from './asl-schema';
import { awsCode, awsRules, schemaView } from './definition-rules';
import { InvalidDefinitionError } from './errors';
import type { MachineType } from './model';

export interface Diagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  location?: string;
}

export const MAX_DEFINITION_BYTES = 1024 * 1024;

// asl-validator compiles its JSON schemas on every call (~0.3 s of CPU): it uses ours, compiled once and kept (asl-schema.ts);
// results are memoized per text too.
useCachedSchemaCheck();
const CACHE_SIZE = 256;
const cache = new Map<string, Diagnostic[]>();

export function checkDefinition(definition: string, type: MachineType = 'STANDARD'): Diagnostic[] {
  const key = `${type}\n${definition}`;
  const cached = cache.get(key);
  if (cached) return cached.map((d) => ({ ...d }));
  const diagnostics = uncachedCheck(definition, type);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, diagnostics);
  return diagnostics.map((d) => ({ ...d }));
}

function uncachedCheck(definition: string, type: MachineType): Diagnostic[] {
  if (Buffer.byteLength(definition, 'utf8') > MAX_DEFINITION_BYTES) {
    return [{ severity: 'ERROR', code: 'DEFINITION_TOO_LARGE', message: `The definition is ${Buffer.byteLength(definition)} bytes; the limit is 1 MiB.` }];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (err) {
    return [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: `The definition is not valid JSON: ${(err as Error).message}` }];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'The definition must be a JSON object with StartAt and States.', location: '/' }];
  }
  const { view, diagnostics } = schemaView(parsed as Record<string, unknown>);
  const result = aslValidator(view, { checkPaths: true, checkArn: true });
  diagnostics.push(...result.errors.map((e): Diagnostic => ({
    severity: 'ERROR',
    code: awsCode(e['Error code']),
    message: e.Message,
    ...(e.schemaError?.instancePath ? { location: e.schemaError.instancePath } : {}),
  })));
  diagnostics.push(...awsRules(parsed as Record<string, unknown>));
  if (type === 'EXPRESS') diagnostics.push(...expressDiagnostics(parsed));
  return diagnostics;
}

/** Walks every state of every nested States object, with its JSON-pointer location. */
function* statesOf(node: unknown, at: string): Generator<{ state: Record<string, unknown>; at: string }> {
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'States' && typeof value === 'object' && value !== null) {
      for (const [name, state] of Object.entries(value)) {
        if (typeof state === 'object' && state !== null) yield { state: state as Record<string, unknown>, at: `${at}/States/${name}` };
      }
    }
    yield* statesOf(value, `${at}/${key}`);
  }
}

function expressDiagnostics(definition: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { state, at } of statesOf(definition, '')) {
    const resource = state['Resource'];
    if (state['Type'] !== 'Task' || typeof resource !== 'string' || seen.has(at)) continue;
    seen.add(at);
    const pattern = /\.(sync(:2)?|waitForTaskToken)$/.exec(resource);
    if (pattern) {
      out.push({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', location: `${at}/Resource`, message: `Express state machines do not support the '.${pattern[1]}' integration pattern (${resource}); use a STANDARD machine.` });
    }
  }
  return out;
}

/** Throws InvalidDefinition listing every problem, as Create/UpdateStateMachine do. */
export function assertValidDefinition(definition: string, type: MachineType): void {
  const errors = checkDefinition(definition, type).filter((d) => d.severity === 'ERROR');
  if (errors.length === 0) return;
  const list = errors.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`).join(', ');
  throw new InvalidDefinitionError(`Invalid State Machine Definition: '${list}'`);
}
