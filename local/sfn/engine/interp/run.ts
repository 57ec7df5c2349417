import type { StateDef } from '../asl/definition';
import { StatesError, StatesErrors } from '../asl/errors';
import type { Json } from '../asl/json';
import { languageOf } from '../asl/program';
import { exitedType, NOT_TRUNCATED, type StepCtx } from './ctx';
import type { Dialect, Finished } from './dialect';
import { jsonataDialect } from './jsonata-dialect';
import { jsonpathDialect } from './jsonpath-dialect';
import type { Outcome, ThreadSnap } from './snapshot';

export function dialectOf(x: StepCtx, st: StateDef): Dialect {
  return languageOf(x.program, st) === 'JSONata' ? jsonataDialect : jsonpathDialect;
}

const MAX_PAYLOAD = 256 * 1024;
export const json = (v: Json): string => JSON.stringify(v);

/** Runs part of a state; a StatesError goes through Retry/Catch. */
export function guarded(x: StepCtx, t: ThreadSnap, st: StateDef, f: () => Promise<void> | undefined | void): Promise<void> | undefined {
  const onError = (e: unknown): Promise<void> => {
    if (!(e instanceof StatesError)) throw e;
    return failState(x, t, st, e.error, e.causeText, e.location);
  };
  let p: Promise<void> | undefined | void;
  try { p = f(); } catch (e) { return onError(e); }
  return p ? p.then(undefined, onError) : undefined;
}

/** `complete` outside `guarded`: a StatesError (payload too large) goes through Retry/Catch. */
export function completeNow(x: StepCtx, t: ThreadSnap, st: StateDef, f: Finished, next?: string): Promise<void> | undefined {
  try {
    complete(x, t, st, f, next);
    return undefined;
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
    return failState(x, t, st, e.error, e.causeText, e.location);
  }
}

/** Leaves a state successfully: Output/Assign (already evaluated), StateExited, then Next or End. */
export function complete(x: StepCtx, t: ThreadSnap, st: StateDef, f: Finished, next?: string): void {
  const out = json(f.output);
  // A UTF-16 unit is at most 3 UTF-8 bytes: only long texts need counting.
  if (out.length * 3 > MAX_PAYLOAD && Buffer.byteLength(out) > MAX_PAYLOAD) {
    throw new StatesError(StatesErrors.DataLimitExceeded, `The state/task '${t.state}' returned a result with a size exceeding the maximum number of bytes service limit.`);
  }
  const d: Record<string, unknown> = { name: t.state, output: out, outputDetails: NOT_TRUNCATED };
  if (f.assigned) {
    const shown: Record<string, string> = {};
    const a = f.assigned;
    for (const k of Object.keys(a)) { const v = a[k] as Json; t.vars[k] = v; shown[k] = json(v); }
    d.assignedVariables = shown;
    d.assignedVariablesDetails = NOT_TRUNCATED;
  }
  x.emit(t, exitedType(st.Type), d);
  // The next StateEntered (or ExecutionSucceeded) shows the same text.
  x.exitValue = f.output;
  x.exitText = out;
  const target = next ?? st.Next;
  if (st.Type === 'Succeed' || (st.End && next === undefined) || target === undefined) return finishThread(x, t, { ok: true, output: f.output });
  t.state = target;
  t.input = f.output;
  t.phase = 'ready';
}

/** JSON text of a value that may be the last state output. */
export function textOf(x: StepCtx, v: Json): string {
  return x.exitText !== undefined && x.exitValue === v ? x.exitText : json(v);
}

/** Fails the current state: retriers first, then catchers, else the thread fails. */
export async function failState(x: StepCtx, t: ThreadSnap, st: StateDef, error: string, cause?: string, location?: string): Promise<void> {
  if (error === StatesErrors.QueryEvaluationError && location !== undefined) {
    const d: Record<string, unknown> = { error, state: t.state, location: location.split('/')[0] };
    if (cause !== undefined) d.cause = cause;
    x.emit(t, 'EvaluationFailed', d);
  }
  if (st.Type === 'Map') x.emit(t, 'MapStateFailed');
  if (st.Type === 'Parallel') x.emit(t, 'ParallelStateFailed');
  const canHandle = st.Type === 'Task' || st.Type === 'Map' || st.Type === 'Parallel';
  if (canHandle && scheduleRetry(x, t, st, error)) return;
  if (canHandle) {
    const c = (st.Catch ?? []).find((k) => matches(k.ErrorEquals, error));
    if (c) {
      const errorOutput: Json = cause === undefined ? { Error: error } : { Error: error, Cause: cause };
      try {
        const f = await dialectOf(x, st).catchOutput(x, t, st, c, errorOutput);
        complete(x, t, st, f, c.Next);
        return;
      } catch (e) {
        if (!(e instanceof StatesError)) throw e;
        return finishThread(x, t, { ok: false, error: e.error, cause: e.causeText });
      }
    }
  }
  finishThread(x, t, { ok: false, error: error || undefined, cause });
}

/** ErrorEquals matching: States.ALL and States.TaskFailed never match States.Runtime/DataLimitExceeded. */
export function matches(errorEquals: string[], error: string): boolean {
  const terminal = error === StatesErrors.Runtime || error === StatesErrors.DataLimitExceeded;
  return errorEquals.some((e) => e === error ||
    (e === StatesErrors.ALL && !terminal) ||
    (e === StatesErrors.TaskFailed && !terminal && error !== StatesErrors.Timeout));
}

function scheduleRetry(x: StepCtx, t: ThreadSnap, st: StateDef, error: string): boolean {
  const retriers = st.Retry ?? [];
  const i = retriers.findIndex((r) => matches(r.ErrorEquals, error));
  const r = retriers[i];
  if (!r) return false;
  const used = t.retries[i] ?? 0;
  if (used >= (r.MaxAttempts ?? 3)) return false;
  t.retries[i] = used + 1;
  t.retryCount++;
  let delay = (r.IntervalSeconds ?? 1) * Math.pow(r.BackoffRate ?? 2, used);
  if (r.MaxDelaySeconds !== undefined) delay = Math.min(delay, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') delay = x.env.random() * delay;
  t.phase = 'retry';
  x.addTimer('retry', t.id, x.env.now() + Math.round(delay * 1000));
  return true;
}

/** A thread ended; the root ends the execution, a child reports to its Parallel/Map. */
export function finishThread(x: StepCtx, t: ThreadSnap, o: Outcome): void {
  t.phase = 'done';
  t.outcome = o;
  x.clearTimers(t.id);
  if (t.parent === undefined) return endExecution(x, o);
  const parent = x.snap.threads[t.parent];
  if (parent) x.childDone.push(t.id);
}

export function endExecution(x: StepCtx, o: Outcome | { timedOut: true } | { aborted: true; error?: string; cause?: string }): void {
  const r = x.snap.record;
  const now = x.env.now();
  if ('timedOut' in o) {
    r.status = 'TIMED_OUT';
    x.emit(undefined, 'ExecutionTimedOut', {});
  } else if ('aborted' in o) {
    r.status = 'ABORTED';
    r.error = o.error; r.cause = o.cause;
    x.emit(undefined, 'ExecutionAborted', strip({ error: o.error, cause: o.cause }));
  } else if (o.ok) {
    r.status = 'SUCCEEDED';
    r.output = textOf(x, o.output);
    x.emit(undefined, 'ExecutionSucceeded', { output: r.output, outputDetails: NOT_TRUNCATED });
  } else {
    r.status = 'FAILED';
    r.error = o.error; r.cause = o.cause;
    x.emit(undefined, 'ExecutionFailed', strip({ error: o.error, cause: o.cause }));
  }
  r.stopDate = now;
  for (const th of Object.values(x.snap.threads)) if (th.task?.token) x.deadTokens.push(th.task.token);
  x.snap.threads = {};
  x.snap.timers = [];
  x.queue.length = 0;
}

function strip(o: Record<string, string | undefined>): Record<string, string> {
  const r: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) r[k] = v;
  return r;
}
