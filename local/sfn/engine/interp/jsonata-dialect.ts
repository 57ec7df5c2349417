import type { ChoiceRule } from '../asl/definition';
import { StatesError, StatesErrors, statePrefix } from '../asl/errors';
import { evalExpression, evalTemplate, expressionOf, type JsonataScope } from '../asl/jsonata';
import { jsonTypeName, toJson, type Json } from '../asl/json';
import type { StepCtx } from './ctx';
import type { Dialect, Finished } from './dialect';
import type { ThreadSnap } from './snapshot';

interface StatesVars { input: Json; result?: Json; errorOutput?: Json; token?: string; item?: { Index: number; Value: Json } }

function scope(x: StepCtx, t: ThreadSnap, s: StatesVars): JsonataScope {
  // The context object is built only if an expression reads it: most never do.
  let ctx: Record<string, Json> | undefined;
  const states: Record<string, unknown> = { input: s.input };
  Object.defineProperty(states, 'context', { enumerable: true, get: () => (ctx ??= x.context(t, { token: s.token, item: s.item })) });
  if (s.result !== undefined) states.result = s.result;
  if (s.errorOutput !== undefined) states.errorOutput = s.errorOutput;
  return { bindings: { ...x.vars(t), states }, prefix: statePrefix(t.state, t.enteredEventId) };
}

async function assign(x: StepCtx, t: ThreadSnap, a: Record<string, Json> | undefined, s: StatesVars): Promise<Record<string, Json> | undefined> {
  if (a === undefined) return undefined;
  const v = await evalTemplate(a, scope(x, t, s), 'Assign');
  return v as Record<string, Json>;
}

/** A field that may be a literal or a `{% %}` expression and must evaluate to a given type. */
async function typed(x: StepCtx, t: ThreadSnap, v: Json | undefined, field: string, expected: 'number' | 'array' | 'boolean' | 'string', s: StatesVars): Promise<Json | undefined> {
  if (v === undefined) return undefined;
  const expr = expressionOf(v);
  if (expr === undefined) return v;
  const sc = scope(x, t, s);
  const r = await evalExpression(expr, sc, field);
  if (r === undefined) throw new StatesError(StatesErrors.QueryEvaluationError, `${sc.prefix} The JSONata expression '${expr}' specified for the field '${field}' returned nothing (undefined).`, field);
  const j = toJson(r);
  if (jsonTypeName(j) !== expected) {
    throw new StatesError(StatesErrors.QueryEvaluationError, `${sc.prefix} The JSONata expression '${expr}' specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(j)}' for value: ${JSON.stringify(j)}`, field);
  }
  return j;
}

function num(v: Json | undefined): number | undefined { return typeof v === 'number' ? v : undefined; }

export const jsonataDialect: Dialect = {
  async effectiveInput(_x, t) { return t.input; },

  async args(x, t, st, eff, token) {
    if (st.Arguments === undefined) return eff;
    return evalTemplate(st.Arguments, scope(x, t, { input: t.input, token }), 'Arguments');
  },

  async finish(x, t, st, _eff, result, rule?: ChoiceRule): Promise<Finished> {
    const s: StatesVars = { input: t.input, result };
    const outDef = rule ? (rule.Output ?? st.Output) : st.Output;
    const assignDef = rule ? rule.Assign : st.Assign;
    const assigned = await assign(x, t, assignDef, s);
    const output = outDef !== undefined ? await evalTemplate(outDef, scope(x, t, s), 'Output') : (result !== undefined ? result : t.input);
    return { output, assigned };
  },

  async catchOutput(x, t, _st, c, errorOutput) {
    const s: StatesVars = { input: t.input, errorOutput };
    const assigned = await assign(x, t, c.Assign, s);
    const output = c.Output !== undefined ? await evalTemplate(c.Output, scope(x, t, s), 'Output') : errorOutput;
    return { output, assigned };
  },

  async choose(x, t, st) {
    for (const [i, rule] of (st.Choices ?? []).entries()) {
      const r = await typed(x, t, rule.Condition ?? null, `Choices[${i}].Condition`, 'boolean', { input: t.input });
      if (r === true) return rule;
    }
    return undefined;
  },

  async waitUntil(x, t, st) {
    const s = { input: t.input };
    if (st.Seconds !== undefined) {
      const v = await typed(x, t, st.Seconds, 'Seconds', 'number', s);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new StatesError(StatesErrors.QueryEvaluationError, `${statePrefix(t.state, t.enteredEventId)} The Seconds field must be a non-negative integer but was: ${JSON.stringify(v)}`, 'Seconds');
      return x.env.now() + v * 1000;
    }
    const ts = await typed(x, t, st.Timestamp, 'Timestamp', 'string', s);
    const ms = typeof ts === 'string' ? Date.parse(ts) : NaN;
    if (Number.isNaN(ms)) throw new StatesError(StatesErrors.QueryEvaluationError, `${statePrefix(t.state, t.enteredEventId)} The Timestamp field is not a valid ISO-8601 timestamp: ${JSON.stringify(ts)}`, 'Timestamp');
    return ms;
  },

  async failFields(x, t, st) {
    const s = { input: t.input };
    const e = await typed(x, t, st.Error, 'Error', 'string', s);
    const c = await typed(x, t, st.Cause, 'Cause', 'string', s);
    return { error: typeof e === 'string' ? e : undefined, cause: typeof c === 'string' ? c : undefined };
  },

  async mapItems(x, t, st) {
    if (st.Items === undefined) {
      if (!Array.isArray(t.input)) throw new StatesError(StatesErrors.QueryEvaluationError, `${statePrefix(t.state, t.enteredEventId)} Map state input must be an array but was: ${JSON.stringify(t.input)}`);
      return t.input;
    }
    if (expressionOf(st.Items) === undefined) {
      if (!Array.isArray(st.Items)) throw new StatesError(StatesErrors.QueryEvaluationError, `${statePrefix(t.state, t.enteredEventId)} Items must be an array`);
      return (await evalTemplate(st.Items, scope(x, t, { input: t.input }), 'Items')) as Json[];
    }
    return (await typed(x, t, st.Items, 'Items', 'array', { input: t.input })) as Json[];
  },

  async mapItemInput(x, t, st, _eff, item, index) {
    if (st.ItemSelector === undefined) return item;
    return evalTemplate(st.ItemSelector, scope(x, t, { input: t.input, item: { Index: index, Value: item } }), 'ItemSelector');
  },

  async mapLimits(x, t, st) {
    const s = { input: t.input };
    const mc = num(await typed(x, t, st.MaxConcurrency, 'MaxConcurrency', 'number', s)) ?? 0;
    const tc = num(await typed(x, t, st.ToleratedFailureCount, 'ToleratedFailureCount', 'number', s));
    const tp = num(await typed(x, t, st.ToleratedFailurePercentage, 'ToleratedFailurePercentage', 'number', s));
    return { maxConcurrency: mc, toleratedCount: tc, toleratedPercentage: tp };
  },

  async taskTimeouts(x, t, st) {
    const s = { input: t.input };
    return {
      timeout: num(await typed(x, t, st.TimeoutSeconds, 'TimeoutSeconds', 'number', s)),
      heartbeat: num(await typed(x, t, st.HeartbeatSeconds, 'HeartbeatSeconds', 'number', s)),
    };
  },
};

