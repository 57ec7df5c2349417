import type { StateDef } from '../asl/definition';
import { StatesErrors, unsupported } from '../asl/errors';
import type { Json } from '../asl/json';
import { branchScope, mapScope } from '../asl/program';
import type { StepCtx } from './ctx';
import type { Dialect } from './dialect';
import { complete, dialectOf, failState, guarded } from './run';
import type { FanoutSnap, ThreadSnap } from './snapshot';

/** Parallel: every branch gets the same input; results keep branch order. */
export async function startParallel(x: StepCtx, t: ThreadSnap, st: StateDef, d: Dialect): Promise<void> {
  const eff = await d.effectiveInput(x, t, st);
  const input = await d.args(x, t, st, eff);
  x.emit(t, 'ParallelStateStarted');
  const n = st.Branches?.length ?? 0;
  t.fanout = fanout('parallel', Array.from({ length: n }, () => input), eff, { maxConcurrency: 0 });
  t.phase = 'fanout';
  await launch(x, t, st, d);
}

/** Map (inline; a DISTRIBUTED processor without ItemReader runs the same way). */
export async function startMap(x: StepCtx, t: ThreadSnap, st: StateDef, d: Dialect): Promise<void> {
  if (st.ItemReader !== undefined) throw unsupported(`ItemReader in Map state '${t.state}'`);
  if (st.ResultWriter !== undefined) throw unsupported(`ResultWriter in Map state '${t.state}'`);
  if (st.ItemBatcher !== undefined) throw unsupported(`ItemBatcher in Map state '${t.state}'`);
  const eff = await d.effectiveInput(x, t, st);
  const limits = await d.mapLimits(x, t, st, eff);
  const items = await d.mapItems(x, t, st, eff);
  x.emit(t, 'MapStateStarted', { length: items.length });
  t.fanout = fanout('map', items, eff, limits);
  t.phase = 'fanout';
  await launch(x, t, st, d);
}

function fanout(kind: FanoutSnap['kind'], inputs: Json[], eff: Json, l: { maxConcurrency: number; toleratedCount?: number; toleratedPercentage?: number }): FanoutSnap {
  return { kind, inputs, results: new Array<Json>(inputs.length).fill(null), nextIndex: 0, running: [], succeeded: 0, failed: 0,
    maxConcurrency: l.maxConcurrency, toleratedCount: l.toleratedCount, toleratedPercentage: l.toleratedPercentage, effectiveInput: eff };
}

/** Starts children up to MaxConcurrency; finishes the state when there is nothing left to run. */
async function launch(x: StepCtx, t: ThreadSnap, st: StateDef, d: Dialect): Promise<void> {
  const f = t.fanout as FanoutSnap;
  while (f.nextIndex < f.inputs.length && (f.maxConcurrency <= 0 || f.running.length < f.maxConcurrency)) {
    const i = f.nextIndex++;
    const raw = f.inputs[i] ?? null;
    const input = f.kind === 'map' ? await d.mapItemInput(x, t, st, f.effectiveInput, raw, i) : raw;
    if (f.kind === 'map') x.emit(t, 'MapIterationStarted', { index: i, name: t.state });
    const scope = f.kind === 'map' ? mapScope(t.scope, t.state) : branchScope(t.scope, t.state, i);
    const machine = x.program.scopes.get(scope);
    if (!machine) throw new Error(`internal: scope ${scope} missing`);
    const id = x.snap.nextThreadId++;
    x.snap.threads[id] = { id, parent: t.id, slot: i, scope, state: machine.StartAt, input, vars: {}, phase: 'ready',
      enteredEventId: 0, enteredTime: 0, lastEventId: t.lastEventId, retries: [], retryCount: 0 };
    f.running.push(id);
    x.queue.push(id);
  }
  if (f.running.length === 0 && f.nextIndex >= f.inputs.length) {
    x.emit(t, f.kind === 'map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded');
    t.phase = 'ready';
    complete(x, t, st, await d.finish(x, t, st, f.effectiveInput, f.results));
    if (t.phase === 'ready') x.queue.push(t.id);
  }
}

/** A child thread ended: record its result, enforce failure tolerance, start the next one. */
export async function onChildDone(x: StepCtx, childId: number): Promise<void> {
  const c = x.snap.threads[childId];
  delete x.snap.threads[childId];
  if (!c || c.parent === undefined) return;
  const p = x.snap.threads[c.parent];
  const f = p?.fanout;
  if (!p || !f || p.phase !== 'fanout') return;
  f.running = f.running.filter((id) => id !== childId);
  const st = x.stateOf(p);
  const d = dialectOf(x, st);
  const o = c.outcome ?? { ok: false, error: StatesErrors.Runtime, cause: 'branch ended without outcome' };
  if (o.ok) {
    f.results[c.slot] = o.output;
    f.succeeded++;
    if (f.kind === 'map') x.emit(p, 'MapIterationSucceeded', { index: c.slot, name: p.state });
  } else {
    f.failed++;
    if (f.kind === 'map') x.emit(p, 'MapIterationFailed', { index: c.slot, name: p.state });
    if (f.kind === 'parallel' || exceedsTolerance(f)) {
      abortChildren(x, p);
      p.phase = 'ready';
      const tolerant = f.toleratedCount !== undefined || f.toleratedPercentage !== undefined;
      const [error, cause] = f.kind === 'map' && tolerant
        ? [StatesErrors.ExceedToleratedFailureThreshold, 'The specified tolerance threshold for the Map run has been exceeded']
        : [o.error ?? '', o.cause];
      await failState(x, p, st, error, cause);
      if (p.phase === 'ready') x.queue.push(p.id);
      return;
    }
  }
  await guarded(x, p, st, () => launch(x, p, st, d));
}

function exceedsTolerance(f: FanoutSnap): boolean {
  if (f.toleratedCount === undefined && f.toleratedPercentage === undefined) return true;
  if (f.toleratedCount !== undefined && f.failed > f.toleratedCount) return true;
  return f.toleratedPercentage !== undefined && (f.failed * 100) / Math.max(f.inputs.length, 1) > f.toleratedPercentage;
}

/** Removes every running descendant (their timers and tokens die with them). */
export function abortChildren(x: StepCtx, p: ThreadSnap): void {
  for (const id of p.fanout?.running ?? []) {
    const c = x.snap.threads[id];
    if (!c) continue;
    abortChildren(x, c);
    if (c.task?.token) x.deadTokens.push(c.task.token);
    if (p.fanout?.kind === 'map') x.emit(p, 'MapIterationAborted', { index: c.slot, name: p.state });
    x.clearTimers(id);
    delete x.snap.threads[id];
  }
  if (p.fanout) p.fanout.running = [];
  const q = new Set(x.queue.filter((id) => x.snap.threads[id]));
  x.queue.splice(0, x.queue.length, ...q);
}
