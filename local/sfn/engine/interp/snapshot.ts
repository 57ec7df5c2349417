import type { ExecutionRecord } from '../../contract';
import type { Json } from '../asl/json';

/**
 * The whole durable state of one execution. It is plain JSON: persisted after every step and
 * enough, with the definition, to resume after a restart. Branches of Parallel and Map run as
 * child threads of the thread that entered the Parallel/Map state.
 */
export interface ExecSnapshot {
  v: 1;
  record: ExecutionRecord;
  definition: string;
  roleArn?: string;
  nextEventId: number;
  nextThreadId: number;
  nextTimerId: number;
  threads: Record<string, ThreadSnap>;
  timers: TimerSnap[];
  /** Tokens whose task ended by timing out: sending to them is TaskTimedOut, not TaskDoesNotExist. */
  timedOutTokens: string[];
}

export type Phase = 'ready' | 'running' | 'task' | 'wait' | 'retry' | 'fanout' | 'done';

export interface ThreadSnap {
  id: number;
  parent?: number;
  slot: number;              // branch index (Parallel) or item index (Map)
  scope: string;             // Program scope key of the machine this thread runs
  state: string;
  input: Json;               // raw input of the current state
  vars: Record<string, Json>;
  phase: Phase;
  enteredEventId: number;
  enteredTime: number;
  lastEventId: number;
  retries: number[];         // attempts used per retrier of the current state
  retryCount: number;
  task?: TaskSnap;
  fanout?: FanoutSnap;
  outcome?: Outcome;
}

export type Outcome = { ok: true; output: Json } | { ok: false; error?: string; cause?: string };

export interface TaskSnap {
  resource: string;
  args: Json;
  attempt: number;           // increases at every (re)try; stale results are ignored
  token?: string;
  /** The callback task was delivered (TaskSubmitted); a restart must not deliver it again. */
  submitted?: boolean;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** Raw state input after InputPath, kept for ResultPath (JSONPath). */
  effectiveInput: Json;
}

export interface FanoutSnap {
  kind: 'map' | 'parallel';
  inputs: Json[];            // per child input (after ItemSelector / Arguments)
  results: Json[];
  nextIndex: number;
  running: number[];         // child thread ids
  succeeded: number;
  failed: number;
  maxConcurrency: number;    // 0 = unbounded
  toleratedCount?: number;
  toleratedPercentage?: number;
  effectiveInput: Json;
  firstFailure?: { error?: string; cause?: string };
}

export type TimerKind = 'wait' | 'retry' | 'taskTimeout' | 'heartbeat' | 'execTimeout';
export interface TimerSnap { id: number; due: number; kind: TimerKind; thread: number; attempt?: number }
