import type { ChoiceRule, StateDef } from '../asl/definition';
import { StatesError, StatesErrors, statePrefix } from '../asl/errors';
import { evalExpression, evalTemplate, evalTemplateSync, expressionOf, fastExpression, NOT_SYNC, type JsonataScope } from '../asl/jsonata';
import { jsonTypeName, toJson, type Json } from '../asl/json';
import type { Randomness } from '../asl/randomness';
import type { StepCtx } from './ctx';
import type { Dialect, Finished } from './dialect';
import type { ThreadSnap } from './snapshot';

interface StatesVars { input: Json; result?: Json; errorOutput?: Json; token?: string; item?: { Index: number; Value: Json }; scope?: JsonataScope }

class Scope implements JsonataScope {
  private statesObj?: Record<string, unknown>;
  private ctx?: Record<string, Json>;
  constructor(private readonly x: StepCtx, private readonly t: ThreadSnap, readonly vars: Record<string, unknown>, private readonly s: StatesVars) {}
  get prefix(): string { return statePrefix(this.t.state, this.t.enteredEventId); }
  now(): number { return this.x.env.now(); }
  get rng(): Randomness { return this.x.env; }

  /** `$states`, built when an expression needs the whole object. */
  get states(): Record<string, unknown> {
    if (this.statesObj) return this.statesObj;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const states: Record<string, unknown> = { input: this.s.input, get context() { return self.context(); } };
    if (this.s.result !== undefined) states.result = this.s.result;
    if (this.s.errorOutput !== undefined) states.errorOutput = this.s.errorOutput;
    return (this.statesObj = states);
  }

  stateField(name: string): unknown {
    switch (name) {
      case 'input': return this.s.input;
      case 'context': return this.context();
      case 'result': return this.s.result;
      case 'errorOutput': return this.s.errorOutput;
      default: return this.states[name];
    }
  }

  /** The context object is built only if an expression reads it: most never do. */
  private context(): Record<string, Json> {
    return (this.ctx ??= this.x.context(this.t, { token: this.s.token, item: this.s.item }));
  }
}

function scope(x: StepCtx, t: ThreadSnap, s: StatesVars): JsonataScope {
  // One scope per StatesVars: Assign and Output of a state see the same variables and $states.
  return (s.scope ??= new Scope(x, t, x.vars(t), s));
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

/**
 * `finish` without promises when every expression involved is simple (see evalTemplateSync);
 * undefined otherwise, and then the caller uses `finish`, which evaluates again from scratch
 * (evaluation has no side effects) and reports any error.
 */
export function finishSync(x: StepCtx, t: ThreadSnap, st: StateDef, result: Json | undefined, rule?: ChoiceRule): Finished | undefined {
  const s: StatesVars = { input: t.input, result };
  const outDef = rule ? (rule.Output ?? st.Output) : st.Output;
  const assignDef = rule ? rule.Assign : st.Assign;
  let assigned: Record<string, Json> | undefined;
  if (assignDef !== undefined) {
    const a = evalTemplateSync(assignDef, scope(x, t, s));
    if (a === NOT_SYNC) return undefined;
    assigned = a as Record<string, Json>;
  }
  let output: Json;
  if (outDef !== undefined) {
    const o = evalTemplateSync(outDef, scope(x, t, s));
    if (o === NOT_SYNC) return undefined;
    output = o;
  } else output = result !== undefined ? result : t.input;
  return { output, assigned };
}

/** `choose` without promises when every condition tried is simple and boolean; NOT_SYNC otherwise. */
export function chooseSync(x: StepCtx, t: ThreadSnap, st: StateDef): ChoiceRule | undefined | typeof NOT_SYNC {
  const rules = st.Choices ?? [];
  let s: StatesVars | undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as ChoiceRule;
    const c = rule.Condition ?? null;
    const expr = expressionOf(c);
    if (expr === undefined) {
      if (c === true) return rule;
      continue;
    }
    const r = fastExpression(expr, scope(x, t, (s ??= { input: t.input })));
    if (typeof r !== 'boolean') return NOT_SYNC;
    if (r) return rule;
  }
  return undefined;
}

/** Task arguments without promises (see finishSync); NOT_SYNC otherwise. */
export function argsSync(x: StepCtx, t: ThreadSnap, st: StateDef, token: string | undefined): Json | typeof NOT_SYNC {
  if (st.Arguments === undefined) return t.input;
  return evalTemplateSync(st.Arguments, scope(x, t, { input: t.input, token }));
}

/** Task timeouts given literally (or not at all); undefined when one is an expression. */
export function taskTimeoutsSync(st: StateDef): { timeout?: number; heartbeat?: number } | undefined {
  const ts = st.TimeoutSeconds, hb = st.HeartbeatSeconds;
  if (expressionOf(ts) !== undefined || expressionOf(hb) !== undefined) return undefined;
  return { timeout: num(ts as Json | undefined), heartbeat: num(hb as Json | undefined) };
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

