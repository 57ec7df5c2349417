import type { StateDef } from '../asl/definition';
import { StatesError, StatesErrors } from '../asl/errors';
import { languageOf } from '../asl/program';
import type { StepCtx } from './ctx';
import type { Dialect } from './dialect';
import { startMap, startParallel } from './fanout';
import { complete, dialectOf, finishThread, guarded } from './run';
import type { ThreadSnap } from './snapshot';
import { startTask } from './task';

type Body = (x: StepCtx, t: ThreadSnap, st: StateDef, d: Dialect) => Promise<void> | undefined;

/** What each state type does after StateEntered (and again on every retry). */
export const stateBodies: Record<StateDef['Type'], Body> = {
  async Pass(x, t, st, d) {
    const eff = await d.effectiveInput(x, t, st);
    const jsonpath = languageOf(x.program, st) === 'JSONPath';
    const result = jsonpath ? (st.Result !== undefined ? st.Result : await d.args(x, t, st, eff)) : undefined;
    complete(x, t, st, await d.finish(x, t, st, eff, result));
  },

  async Choice(x, t, st, d) {
    const eff = await d.effectiveInput(x, t, st);
    const rule = await d.choose(x, t, st, eff);
    if (!rule && st.Default === undefined) throw new StatesError(StatesErrors.NoChoiceMatched, 'No Matches!');
    complete(x, t, st, await d.finish(x, t, st, eff, undefined, rule), rule ? rule.Next : st.Default);
  },

  async Wait(x, t, st, d) {
    const eff = await d.effectiveInput(x, t, st);
    const due = await d.waitUntil(x, t, st, eff);
    t.phase = 'wait';
    x.addTimer('wait', t.id, due);
  },

  async Succeed(x, t, st, d) {
    const eff = await d.effectiveInput(x, t, st);
    complete(x, t, st, await d.finish(x, t, st, eff, undefined));
  },

  async Fail(x, t, st, d) {
    const f = await d.failFields(x, t, st);
    finishThread(x, t, { ok: false, error: f.error, cause: f.cause });
  },

  Task: startTask,
  Parallel: startParallel,
  Map: startMap,
};

/** A Wait state's timer fired. */
export async function waitDone(x: StepCtx, t: ThreadSnap): Promise<void> {
  const st = x.stateOf(t);
  const d = dialectOf(x, st);
  t.phase = 'ready';
  await guarded(x, t, st, async () => {
    const eff = await d.effectiveInput(x, t, st);
    complete(x, t, st, await d.finish(x, t, st, eff, undefined));
  });
}
