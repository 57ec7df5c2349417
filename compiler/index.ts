/**
 * The compiler's only door (nothing outside compiler/ imports past it; eslint.config.mjs): parse → validate → lower → emit.
 * Pure: no I/O, no AWS SDK; the same input always gives byte-identical output.
 */
import { lower, type CompileContextInput, type StateMachine } from './lower';
import { validate, type Problem } from './validate';

export * from './model';
export { validate, opsFor, parse, APPLICANT_TYPES, PROBLEM_CODES, type Problem, type ProblemCode, type Validation } from './validate';
export { analyse, buildGraph, type Analysis } from './graph';
export { CompileContext, LOCAL_CONTEXT, type CompileContextInput, type StateMachine } from './lower';
export { TEMPLATES, findTemplate, type Template } from './templates';
export { REGISTRY, latestVersion, isInteractive, isWaiting } from './tasks/registry';
export { TASK_DISPLAY_NAMES, RESULT_DISPLAY_NAMES, displayName } from './tasks/display-names';
export { toMermaid } from './mermaid';
export { references, keepPaths, sourceTaskIds, type Kept, type References } from './references';
export { availableUpdates, pinTaskVersions } from './updates';
export { workflowJsonSchema } from './json-schema';
export * from './runtime-contract';
export type { DataType } from './tasks/types';
export { splitPath } from './tasks/types';

export type Compilation =
  | { ok: true; asl: StateMachine; json: string; problems: [] }
  | { ok: false; problems: Problem[] };

/** Validates and compiles a definition (parsed JSON, or JSON text). */
export function compile(definition: unknown, context: CompileContextInput): Compilation {
  let input = definition;
  if (typeof definition === 'string') {
    try { input = JSON.parse(definition); } catch (e) {
      return { ok: false, problems: [{ code: 'invalid_json', task: null, path: '', message: `the definition is not JSON: ${(e as Error).message}` }] };
    }
  }
  const v = validate(input);
  if (!v.valid || !v.context || !v.workflow) return { ok: false, problems: v.problems };
  const asl = lower(v.context, v.workflow.name, context);
  return { ok: true, asl, json: emit(asl), problems: [] };
}

/** Phase 4, emit: stable JSON text (2-space indent, trailing newline). */
export const emit = (asl: StateMachine): string => `${JSON.stringify(asl, null, 2)}\n`;
