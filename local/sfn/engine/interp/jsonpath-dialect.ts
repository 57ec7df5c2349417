import { evalRule } from '../asl/choice-rules';
import type { StateDef } from '../asl/definition';
import { StatesError, StatesErrors, statePrefix } from '../asl/errors';
import type { Json } from '../asl/json';
import { writePath } from '../asl/jsonpath';
import { evalDollarValue, evalPayload, resolveInputPath, resolvePath, type PathScope } from '../asl/payload';
import type { StepCtx } from './ctx';
import type { Dialect, Finished } from './dialect';
import type { ThreadSnap } from './snapshot';

function scope(x: StepCtx, t: ThreadSnap, input: Json, extra?: { token?: string; item?: { Index: number; Value: Json } }): PathScope {
  let ctx: Json | undefined;
  return { input, context: () => (ctx ??= x.context(t, extra)), vars: x.vars(t), prefix: statePrefix(t.state, t.enteredEventId), rng: x.env };
}

function runtime(t: ThreadSnap, msg: string): StatesError {
  return new StatesError(StatesErrors.Runtime, `${statePrefix(t.state, t.enteredEventId)} ${msg}`);
}

/** A number given literally or through `<field>Path`; AWS's messages for bad values. */
function intField(x: StepCtx, t: ThreadSnap, st: StateDef, field: 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage' | 'TimeoutSeconds' | 'HeartbeatSeconds', eff: Json): number | undefined {
  const literal = st[field];
  if (typeof literal === 'number') return literal;
  const path = st[`${field}Path` as keyof StateDef];
  if (typeof path !== 'string') return undefined;
  let v = resolvePath(path, scope(x, t, eff), `${field}Path`);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) v = Number(v);
  const ok = field === 'ToleratedFailurePercentage' ? typeof v === 'number' : typeof v === 'number' && Number.isInteger(v);
  if (!ok) throw runtime(t, `The ${field}Path field refers to value "${typeof v === 'string' ? v : JSON.stringify(v)}" which is not a valid ${field === 'ToleratedFailurePercentage' ? 'number' : 'integer'}: ${path}`);
  return v as number;
}

export const jsonpathDialect: Dialect = {
  async effectiveInput(x, t, st) {
    if (st.InputPath === null) return {};
    if (st.InputPath === undefined) return t.input;
    return resolveInputPath(st.InputPath, scope(x, t, t.input));
  },

  async args(x, t, st, eff, token) {
    if (st.Parameters === undefined) return eff;
    return evalPayload(st.Parameters, scope(x, t, eff, { token }));
  },

  async finish(x, t, st, eff, result): Promise<Finished> {
    const r = result !== undefined && st.ResultSelector !== undefined ? evalPayload(st.ResultSelector, scope(x, t, result)) : result;
    const base = r !== undefined ? r : eff;
    const assigned = st.Assign !== undefined ? (evalPayload(st.Assign, scope(x, t, base)) as Record<string, Json>) : undefined;
    let output: Json = base;
    if (r !== undefined && st.ResultPath !== undefined) output = st.ResultPath === null ? t.input : writePath(st.ResultPath, t.input, r);
    if (st.OutputPath === null) output = {};
    else if (st.OutputPath !== undefined) output = resolveInputPath(st.OutputPath, scope(x, t, output));
    return { output, assigned };
  },

  async catchOutput(x, t, _st, c, errorOutput) {
    const assigned = c.Assign !== undefined ? (evalPayload(c.Assign, scope(x, t, errorOutput)) as Record<string, Json>) : undefined;
    const output = c.ResultPath === undefined ? errorOutput : c.ResultPath === null ? t.input : writePath(c.ResultPath, t.input, errorOutput);
    return { output, assigned };
  },

  async choose(x, t, st, eff) {
    const s = scope(x, t, eff);
    return (st.Choices ?? []).find((r) => evalRule(r, s));
  },

  async waitUntil(x, t, st, eff) {
    const now = x.env.now();
    if (typeof st.Seconds === 'number') return now + st.Seconds * 1000;
    if (typeof st.Timestamp === 'string') return Date.parse(st.Timestamp);
    if (st.SecondsPath !== undefined) {
      const v = resolvePath(st.SecondsPath, scope(x, t, eff), 'SecondsPath');
      if (typeof v !== 'number' || !Number.isInteger(v)) throw runtime(t, `The SecondsPath parameter cannot be parsed as a long value: ${st.SecondsPath} == ${JSON.stringify(v)}`);
      if (v < 0) throw runtime(t, `The SecondsPath parameter references a negative value: ${st.SecondsPath} == ${v}`);
      return now + v * 1000;
    }
    if (st.TimestampPath !== undefined) {
      const v = resolvePath(st.TimestampPath, scope(x, t, eff), 'TimestampPath');
      const ms = typeof v === 'string' ? Date.parse(v) : NaN;
      if (Number.isNaN(ms)) throw runtime(t, `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${st.TimestampPath} == ${JSON.stringify(v)}`);
      return ms;
    }
    throw runtime(t, 'A Wait state needs Seconds, Timestamp, SecondsPath or TimestampPath');
  },

  async failFields(x, t, st) {
    const s = scope(x, t, t.input);
    const pick = (lit: string | undefined, path: string | undefined, field: string): string | undefined => {
      if (lit !== undefined) return lit;
      if (path === undefined) return undefined;
      const v = evalDollarValue(path, s, field);
      return typeof v === 'string' ? v : JSON.stringify(v);
    };
    return { error: pick(st.Error, st.ErrorPath, 'ErrorPath'), cause: pick(st.Cause, st.CausePath, 'CausePath') };
  },

  async mapItems(x, t, st, eff) {
    const items = st.ItemsPath === undefined ? eff : resolveInputPath(st.ItemsPath, scope(x, t, eff));
    if (!Array.isArray(items)) throw runtime(t, `Map state input must be an array but was: ${JSON.stringify(items)}`);
    return items;
  },

  async mapItemInput(x, t, st, eff, item, index) {
    const sel = st.ItemSelector ?? st.Parameters;
    if (sel === undefined) return item;
    return evalPayload(sel, scope(x, t, eff, { item: { Index: index, Value: item } }));
  },

  async mapLimits(x, t, st, eff) {
    const tc = intField(x, t, st, 'ToleratedFailureCount', eff);
    if (tc !== undefined && tc < 0) throw runtime(t, 'ToleratedFailureCount cannot be negative.');
    const tp = intField(x, t, st, 'ToleratedFailurePercentage', eff);
    if (tp !== undefined && (tp < 0 || tp > 100)) throw runtime(t, 'ToleratedFailurePercentage must be between 0 and 100.');
    const mc = intField(x, t, st, 'MaxConcurrency', eff) ?? 0;
    if (mc < 0) throw runtime(t, 'MaxConcurrency cannot be negative.');
    return { maxConcurrency: mc, toleratedCount: tc, toleratedPercentage: tp };
  },

  async taskTimeouts(x, t, st, eff) {
    return { timeout: intField(x, t, st, 'TimeoutSeconds', eff), heartbeat: intField(x, t, st, 'HeartbeatSeconds', eff) };
  },
};
