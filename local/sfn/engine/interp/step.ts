import type { HistoryEvent } from '../../contract';
import { StatesErrors } from '../asl/errors';
import type { Json } from '../asl/json';
import type { Program } from '../asl/program';
import { enteredType, NOT_TRUNCATED, StepCtx, type Effect, type StepEnv } from './ctx';
import { onChildDone } from './fanout';
import { completeNow, dialectOf, endExecution, guarded, textOf } from './run';
import { chooseSync, finishSync } from './jsonata-dialect';
import { NOT_SYNC } from '../asl/jsonata';
import { languageOf } from '../asl/program';
import type { StateDef } from '../asl/definition';
import type { Finished } from './dialect';
import type { ExecSnapshot, ThreadSnap } from './snapshot';
import { stateBodies, waitDone } from './states';
import { taskFailed, taskHeartbeat, taskSubmitted, taskSucceeded, taskTimedOut } from './task';

export type StepEvent =
  | { t: 'start' }
  | { t: 'taskSucceeded'; thread: number; attempt: number; output: Json; text?: string }
  | { t: 'taskSubmitted'; thread: number; attempt: number; output: Json; text?: string }
  | { t: 'taskFailed'; thread: number; attempt: number; error?: string; cause?: string }
  | { t: 'heartbeat'; thread: number; attempt: number }
  | { t: 'timers' }
  | { t: 'stop'; error?: string; cause?: string };

export interface StepResult { events: HistoryEvent[]; effects: Effect[]; deadTokens: string[] }

/**
 * Advances an execution by one outside event: mutates `snap` in place and returns the history
 * events, the effects to run (task invocations) and the tokens that stopped being valid.
 * It performs no I/O; time and token randomness come from `env`.
 */
export async function step(program: Program, snap: ExecSnapshot, ev: StepEvent, env: StepEnv): Promise<StepResult> {
  return stepNow(program, snap, ev, env);
}

/** `step`, returning the result directly when nothing had to wait (no promise hop per event). */
export function stepNow(program: Program, snap: ExecSnapshot, ev: StepEvent, env: StepEnv): StepResult | Promise<StepResult> {
  const x = new StepCtx(program, snap, env);
  if (snap.record.status === 'RUNNING') {
    try {
      const a = apply(x, ev);
      const d = a ? a.then(() => drain(x)) : drain(x);
      if (d) return d.then(() => result(x), (e: unknown) => { internalError(x, e); return result(x); });
    } catch (e) {
      internalError(x, e);
    }
  }
  return result(x);
}

/** An engine bug must not leave the execution hanging: fail it visibly. */
function internalError(x: StepCtx, e: unknown): void {
  endExecution(x, { ok: false, error: StatesErrors.Runtime, cause: `Internal engine error: ${(e as Error).stack ?? String(e)}` });
}

function result(x: StepCtx): StepResult {
  return { events: x.events, effects: x.snap.record.status === 'RUNNING' ? x.effects : [], deadTokens: x.deadTokens };
}

/** Applies the outside event; a promise only when some of it had to wait for JSONata. */
function apply(x: StepCtx, ev: StepEvent): Promise<void> | undefined | void {
  switch (ev.t) {
    case 'taskSucceeded': {
      const p = taskSucceeded(x, x.snap.threads[ev.thread], ev.attempt, ev.output, ev.text);
      if (p) return p.then(() => ready(x, ev.thread));
      return ready(x, ev.thread);
    }
    default: return applyOther(x, ev);
  }
}

async function applyOther(x: StepCtx, ev: StepEvent): Promise<void> {
  const th = (id: number): ThreadSnap | undefined => x.snap.threads[id];
  switch (ev.t) {
    case 'start': return start(x);
    case 'taskSucceeded': await taskSucceeded(x, th(ev.thread), ev.attempt, ev.output, ev.text); return ready(x, ev.thread);
    case 'taskSubmitted': return taskSubmitted(x, th(ev.thread), ev.attempt, ev.output, ev.text);
    case 'taskFailed': await taskFailed(x, th(ev.thread), ev.attempt, ev.error, ev.cause); return ready(x, ev.thread);
    case 'heartbeat': return taskHeartbeat(x, th(ev.thread), ev.attempt);
    case 'timers': return fireTimers(x);
    case 'stop': return endExecution(x, { aborted: true, error: ev.error, cause: ev.cause });
  }
}

function start(x: StepCtx): void {
  const r = x.snap.record;
  x.emit(undefined, 'ExecutionStarted', { input: r.input, inputDetails: NOT_TRUNCATED, roleArn: x.snap.roleArn ?? '' });
  const root = x.program.root;
  x.snap.threads[0] = { id: 0, slot: 0, scope: '', state: root.StartAt, input: JSON.parse(r.input) as Json, vars: {}, phase: 'ready',
    enteredEventId: 0, enteredTime: 0, lastEventId: 0, retries: [], retryCount: 0 };
  x.snap.nextThreadId = 1;
  if (root.TimeoutSeconds !== undefined) x.addTimer('execTimeout', 0, r.startDate + root.TimeoutSeconds * 1000);
  x.queue.push(0);
}

function ready(x: StepCtx, id: number): void {
  if (x.snap.threads[id]?.phase === 'ready') x.queue.push(id);
}

/** Fires every timer due now, earliest first, running the execution forward after each. */
async function fireTimers(x: StepCtx): Promise<void> {
  const now = x.env.now();
  const due = x.snap.timers.filter((tm) => tm.due <= now).sort((a, b) => a.due - b.due || a.id - b.id);
  for (const tm of due) {
    if (x.snap.record.status !== 'RUNNING') return;
    if (!x.snap.timers.some((k) => k.id === tm.id)) continue;  // cancelled by an earlier timer
    x.snap.timers = x.snap.timers.filter((k) => k.id !== tm.id);
    const t = x.snap.threads[tm.thread];
    if (tm.kind === 'execTimeout') { endExecution(x, { timedOut: true }); return; }
    if (!t) continue;
    if (tm.kind === 'wait' && t.phase === 'wait') await waitDone(x, t);
    else if (tm.kind === 'retry' && t.phase === 'retry') {
      const st = x.stateOf(t);
      t.phase = 'running';
      await guarded(x, t, st, () => stateBodies[st.Type](x, t, st, dialectOf(x, st)));
    } else if (tm.kind === 'taskTimeout' || tm.kind === 'heartbeat') await taskTimedOut(x, t, tm.attempt ?? 0, tm.kind === 'heartbeat');
    ready(x, t.id);
    await drain(x);
  }
}

/** Runs queued threads (and reports finished children) until everything is blocked; a promise only if something waited. */
export function drain(x: StepCtx): Promise<void> | undefined {
  while (x.snap.record.status === 'RUNNING') {
    const child = x.childDone.shift();
    if (child !== undefined) return resume(x, onChildDone(x, child));
    const id = x.queue.shift();
    if (id === undefined) return undefined;
    const t = x.snap.threads[id];
    while (runnable(x, t)) {
      const p = enter(x, t);
      if (p) return resume(x, p, t);
    }
  }
  return undefined;
}

function runnable(x: StepCtx, t: ThreadSnap | undefined): t is ThreadSnap {
  return !!t && t.phase === 'ready' && !!x.snap.threads[t.id] && x.snap.record.status === 'RUNNING';
}

/** `drain` after a state that had to wait: finish that thread's run, then the rest. */
async function resume(x: StepCtx, p: Promise<void>, t?: ThreadSnap): Promise<void> {
  await p;
  while (runnable(x, t)) await enter(x, t);
  await drain(x);
}

function enter(x: StepCtx, t: ThreadSnap): Promise<void> | undefined {
  const st = x.stateOf(t);
  t.enteredTime = x.env.now();
  if (t.retries.length) t.retries = [];
  t.retryCount = 0;
  t.task = undefined;
  t.fanout = undefined;
  t.phase = 'running';
  t.enteredEventId = x.emit(t, enteredType(st.Type), { input: textOf(x, t.input), inputDetails: NOT_TRUNCATED, name: t.state });
  const fast = quickState(x, t, st);
  if (fast) return completeNow(x, t, st, fast.f, fast.next);
  return guarded(x, t, st, () => stateBodies[st.Type](x, t, st, dialectOf(x, st)));
}

/**
 * A JSONata Pass, Succeed or Choice state whose expressions are all simple runs without
 * promises; undefined means "take the general (async) path", which evaluates from scratch.
 */
function quickState(x: StepCtx, t: ThreadSnap, st: StateDef): { f: Finished; next?: string } | undefined {
  if (languageOf(x.program, st) !== 'JSONata') return undefined;
  if (st.Type === 'Pass' || st.Type === 'Succeed') {
    const f = finishSync(x, t, st, undefined);
    return f && { f };
  }
  if (st.Type === 'Choice') {
    const rule = chooseSync(x, t, st);
    if (rule === NOT_SYNC || (!rule && st.Default === undefined)) return undefined;
    const f = finishSync(x, t, st, undefined, rule);
    return f && { f, next: rule ? rule.Next : st.Default };
  }
  return undefined;
}
