import type { HistoryEvent } from '../../contract';
import type { StateDef } from '../asl/definition';
import type { Json } from '../asl/json';
import type { Program } from '../asl/program';
import type { Randomness } from '../asl/randomness';
import type { ExecSnapshot, ThreadSnap, TimerKind } from './snapshot';

/** What the step function needs from outside: time and randomness only. */
export interface StepEnv extends Randomness {
  now(): number;
  newToken(): string;
  region: string;
}

/** An effect the engine runs after the step's snapshot is durably stored. */
export interface InvokeEffect {
  t: 'invoke';
  thread: number;
  attempt: number;
  resource: string;
  args: Json;
  token?: string;
  state: string;
}
export type Effect = InvokeEffect;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** `{ truncated: false }`, shared by every event that carries a payload. */
export const NOT_TRUNCATED: Readonly<{ truncated: false }> = Object.freeze({ truncated: false });

const enteredTypes: Record<string, string> = {};
const exitedTypes: Record<string, string> = {};
/** `PassStateEntered` etc., built once per state type. */
export const enteredType = (stateType: string): string => (enteredTypes[stateType] ??= `${stateType}StateEntered`);
export const exitedType = (stateType: string): string => (exitedTypes[stateType] ??= `${stateType}StateExited`);

/** Mutable working state of one step: the snapshot plus what the step produced. */
export class StepCtx {
  readonly events: HistoryEvent[] = [];
  readonly effects: Effect[] = [];
  readonly queue: number[] = [];
  /** Children that ended and whose Parallel/Map has not yet been told. */
  readonly childDone: number[] = [];
  /** Tokens that stopped being valid in this step. */
  readonly deadTokens: string[] = [];
  /** The JSON text of the last state output (`exitValue`), reused by the next StateEntered. */
  exitValue: Json | undefined;
  exitText: string | undefined;

  constructor(readonly program: Program, readonly snap: ExecSnapshot, readonly env: StepEnv) {}

  thread(id: number): ThreadSnap {
    const t = this.snap.threads[id];
    if (!t) throw new Error(`internal: thread ${id} missing`);
    return t;
  }

  stateOf(t: ThreadSnap): StateDef {
    const st = this.program.scopes.get(t.scope)?.States[t.state];
    if (!st) throw new Error(`internal: state '${t.state}' missing in scope '${t.scope}'`);
    return st;
  }

  /** Appends a history event; `t` links previousEventId to the thread's last event. */
  emit(t: ThreadSnap | undefined, type: string, details?: Record<string, unknown>, prev?: number): number {
    const id = this.snap.nextEventId++;
    const ev: HistoryEvent = { id, previousEventId: prev ?? t?.lastEventId ?? id - 1, timestamp: this.env.now(), type };
    if (details) ev[detailsKey(type)] = details;
    this.events.push(ev);
    if (t) t.lastEventId = id;
    return id;
  }

  /** Variables visible to a thread: its own over its ancestors'. */
  vars(t: ThreadSnap): Record<string, Json> {
    if (t.parent === undefined) return t.vars;
    return { ...this.vars(this.thread(t.parent)), ...t.vars };
  }

  /** The context object ($$ in JSONPath, $states.context in JSONata). */
  context(t: ThreadSnap, extra?: { token?: string; item?: { Index: number; Value: Json } }): Record<string, Json> {
    const r = this.snap.record;
    const ctx: Record<string, Json> = {
      Execution: { Id: r.executionArn, Input: JSON.parse(r.input) as Json, Name: r.name, RoleArn: this.snap.roleArn ?? '', StartTime: iso(r.startDate), RedriveCount: 0 },
      State: { EnteredTime: iso(t.enteredTime), Name: t.state, RetryCount: t.retryCount },
      StateMachine: { Id: r.stateMachineArn, Name: r.stateMachineArn.split(':').pop() ?? '' },
    };
    if (extra?.token !== undefined) ctx.Task = { Token: extra.token };
    if (extra?.item) ctx.Map = { Item: extra.item };
    return ctx;
  }

  addTimer(kind: TimerKind, thread: number, due: number, attempt?: number): void {
    this.snap.timers.push({ id: this.snap.nextTimerId++, due, kind, thread, attempt });
  }

  clearTimers(thread: number, kinds?: TimerKind[]): void {
    this.snap.timers = this.snap.timers.filter((x) => x.thread !== thread || (kinds !== undefined && !kinds.includes(x.kind)));
  }
}

const detailsKeys = new Map<string, string>();

function detailsKey(type: string): string {
  let k = detailsKeys.get(type);
  if (k === undefined) detailsKeys.set(type, (k = computeDetailsKey(type)));
  return k;
}

function computeDetailsKey(type: string): string {
  const special: Record<string, string> = {
    PassStateEntered: 'stateEnteredEventDetails', PassStateExited: 'stateExitedEventDetails',
  };
  if (special[type]) return special[type];
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}
