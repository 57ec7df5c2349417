/**
 * Where asl-validator's schema and AWS disagree, AWS wins. asl-validator refuses definitions AWS
 * runs (recorded in the conformance corpus): JSONata `Output` that is not an object, `Output`
 * on a Choice, a constant `Condition`, a fractional `ToleratedFailurePercentage`, arrays of
 * scalars in templates (`Assign`, `Parameters`, ...). `schemaView` checks those fields here, by
 * the rules AWS applies, and hands asl-validator a copy in which they are replaced by forms its
 * schema accepts. `awsRules` adds what AWS checks and asl-validator does not; `awsCode` maps
 * asl-validator's codes to the diagnostic codes AWS's ValidateStateMachineDefinition uses.
 */
import jsonata from 'jsonata';
import type { Diagnostic } from './definition';

type Obj = Record<string, unknown>;
type Language = 'JSONata' | 'JSONPath';
interface Located { state: Obj; name: string; at: string; language: Language; states: Obj }

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const error = (code: string, message: string, location: string): Diagnostic => ({ severity: 'ERROR', code, message, location });

/** Every state of the machine and of its Parallel branches and Map processors; the language is the state's own or the top level's. */
export function* statesOf(machine: Obj, top: Language, at = ''): Generator<Located> {
  const states = machine['States'];
  if (!isObj(states)) return;
  for (const [name, state] of Object.entries(states)) {
    if (!isObj(state)) continue;
    const where = `${at}/States/${name}`;
    const own = state['QueryLanguage'];
    yield { state, name, at: where, language: own === 'JSONata' || own === 'JSONPath' ? own : top, states };
    const branches = state['Branches'];
    if (Array.isArray(branches)) for (const [i, b] of branches.entries()) if (isObj(b)) yield* statesOf(b, top, `${where}/Branches/${i}`);
    for (const key of ['ItemProcessor', 'Iterator']) {
      const processor = state[key];
      if (isObj(processor)) yield* statesOf(processor, top, `${where}/${key}`);
    }
  }
}

const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector', 'Arguments', 'Assign', 'Output'];

/** Arrays in templates may hold any JSON: scalars become `{}` for asl-validator, whose schema wants objects there. */
function relaxArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? relaxArrays(v) : {}));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relaxArrays(v)]));
  return value;
}

/** Checks every `{% ... %}` string at any depth of a JSONata field's value. */
function jsonataProblems(value: unknown, field: string, at: string): Diagnostic[] {
  if (typeof value === 'string') {
    if (!value.startsWith('{%') || !value.endsWith('%}')) return [];
    try {
      jsonata(value.slice(2, -2));
      return [];
    } catch (e) {
      return [error('SCHEMA_VALIDATION_FAILED', `The JSONata expression '${value}' specified for the field '${field}' is invalid: ${(e as Error).message}`, at)];
    }
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonataProblems(v, field, `${at}/${i}`));
  if (isObj(value)) return Object.entries(value).flatMap(([k, v]) => jsonataProblems(v, field, `${at}/${k}`));
  return [];
}

/** The fields of a state, its Catchers and its Choice rules that hold JSONata templates. */
function* jsonataHolders(state: Obj, at: string): Generator<{ holder: Obj; at: string }> {
  yield { holder: state, at };
  for (const key of ['Catch', 'Choices']) {
    const list = state[key];
    if (Array.isArray(list)) for (const [i, item] of list.entries()) if (isObj(item)) yield { holder: item, at: `${at}/${key}/${i}` };
  }
}

/** A copy of the definition for asl-validator, plus the diagnostics of the fields checked here instead. */
export function schemaView(definition: Obj): { view: Obj; diagnostics: Diagnostic[] } {
  const view = structuredClone(definition);
  const top: Language = view['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath';
  const diagnostics: Diagnostic[] = [];
  for (const { state, at, language } of statesOf(view, top)) {
    for (const field of TEMPLATE_FIELDS) if (field in state) state[field] = relaxArrays(state[field]);
    const percentage = state['ToleratedFailurePercentage'];
    // AWS takes any number from 0 to 100 (the corpus records 0.5); the schema wants an integer.
    if (typeof percentage === 'number' && percentage >= 0 && percentage <= 100) state['ToleratedFailurePercentage'] = Math.floor(percentage);
    if (language !== 'JSONata') continue;
    for (const { holder, at: where } of jsonataHolders(state, at)) {
      for (const field of ['Output', 'Assign', 'Condition']) {
        if (!(field in holder)) continue;
        const value = holder[field];
        if (field === 'Condition' && typeof value === 'boolean') {
          holder[field] = `{% ${value} %}`;
          continue;
        }
        diagnostics.push(...jsonataProblems(value, field, `${where}/${field}`));
        // Output may be any JSON value (AWS accepts strings, numbers, arrays, null), Choice included.
        if (field === 'Output' && state['Type'] !== 'Fail') holder[field] = {};
        if (field === 'Assign' && isObj(value)) holder[field] = Object.fromEntries(Object.keys(value).map((k) => [k, null]));
      }
    }
  }
  return { view, diagnostics };
}

/** asl-validator's codes → the codes AWS's ValidateStateMachineDefinition reports. */
export function awsCode(code: string): string {
  switch (code) {
    case 'MISSING_TERMINAL_STATE': return 'MISSING_END_STATE';
    case 'DUPLICATE_STATE_NAMES': return 'DUPLICATE_STATE_NAME';
    case 'MISSING_TRANSITION_TARGET':
    case 'BRANCH_OUTBOUND_TRANSITION_TARGET':
    case 'MAP_OUTBOUND_TRANSITION_TARGET': return 'MISSING_TRANSITION_TARGET';
    default: return 'SCHEMA_VALIDATION_FAILED';
  }
}

/** `States.ALL` appears alone, in the last retrier or catcher (AWS's error-handling rules). */
function errorListProblems(list: unknown, field: 'Retry' | 'Catch', at: string): Diagnostic[] {
  if (!Array.isArray(list)) return [];
  const out: Diagnostic[] = [];
  list.forEach((item, i) => {
    const errors = isObj(item) ? item['ErrorEquals'] : undefined;
    if (!Array.isArray(errors) || !errors.includes('States.ALL')) return;
    const where = `${at}/${field}/${i}/ErrorEquals`;
    if (errors.length > 1) out.push(error('SCHEMA_VALIDATION_FAILED', `'States.ALL' must appear alone in ErrorEquals`, where));
    if (i !== list.length - 1) out.push(error('SCHEMA_VALIDATION_FAILED', `'States.ALL' must appear in the last ${field === 'Retry' ? 'retrier' : 'catcher'}`, where));
  });
  return out;
}

function retrierProblems(list: unknown, at: string): Diagnostic[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((r, i) => {
    if (!isObj(r)) return [];
    const where = `${at}/Retry/${i}`;
    const out: Diagnostic[] = [];
    const backoff = r['BackoffRate'];
    if (typeof backoff === 'number' && backoff < 1) out.push(error('SCHEMA_VALIDATION_FAILED', `BackoffRate must be at least 1.0, got ${backoff}`, `${where}/BackoffRate`));
    const jitter = r['JitterStrategy'];
    if (jitter !== undefined && jitter !== 'FULL' && jitter !== 'NONE') out.push(error('SCHEMA_VALIDATION_FAILED', `JitterStrategy must be FULL or NONE, got ${JSON.stringify(jitter)}`, `${where}/JitterStrategy`));
    return out;
  });
}

/** What AWS refuses and asl-validator lets through. */
export function awsRules(definition: Obj): Diagnostic[] {
  const top: Language = definition['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath';
  const out: Diagnostic[] = [];
  for (const { state, at } of statesOf(definition, top)) {
    out.push(...errorListProblems(state['Retry'], 'Retry', at), ...errorListProblems(state['Catch'], 'Catch', at), ...retrierProblems(state['Retry'], at));
    const [timeout, heartbeat] = [state['TimeoutSeconds'], state['HeartbeatSeconds']];
    if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
      out.push(error('SCHEMA_VALIDATION_FAILED', `HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout})`, `${at}/HeartbeatSeconds`));
    }
  }
  return out;
}
