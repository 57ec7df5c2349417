import type { Catcher, ChoiceRule, StateDef } from '../asl/definition';
import type { Json } from '../asl/json';
import type { StepCtx } from './ctx';
import type { ThreadSnap } from './snapshot';

export interface Finished { output: Json; assigned?: Record<string, Json> }
export interface MapLimits { maxConcurrency: number; toleratedCount?: number; toleratedPercentage?: number }

/**
 * How a query language turns state input into arguments and results into output.
 * `eff` is the input after InputPath (JSONPath) or the raw input (JSONata).
 */
export interface Dialect {
  effectiveInput(x: StepCtx, t: ThreadSnap, st: StateDef): Promise<Json>;
  /** Task/Parallel arguments; Pass result. `token` is the task token for `.waitForTaskToken`. */
  args(x: StepCtx, t: ThreadSnap, st: StateDef, eff: Json, token?: string): Promise<Json>;
  finish(x: StepCtx, t: ThreadSnap, st: StateDef, eff: Json, result: Json | undefined, rule?: ChoiceRule): Promise<Finished>;
  catchOutput(x: StepCtx, t: ThreadSnap, st: StateDef, c: Catcher, errorOutput: Json): Promise<Finished>;
  choose(x: StepCtx, t: ThreadSnap, st: StateDef, eff: Json): Promise<ChoiceRule | undefined>;
  waitUntil(x: StepCtx, t: ThreadSnap, st: StateDef, eff: Json): Promise<number>;
  failFields(x: StepCtx, t: ThreadSnap, st: StateDef): Promise<{ error?: string; cause?: string }>;
  mapItems(x: StepCtx, t: ThreadSnap, st: StateDef, eff: Json): Promise<Json[]>;
  mapItemInput(x: StepCtx, t: ThreadSnap, st: StateDef, eff: Json, item: Json, index: number): Promise<Json>;
  mapLimits(x: StepCtx, t: ThreadSnap, st: StateDef, eff: Json): Promise<MapLimits>;
  taskTimeouts(x: StepCtx, t: ThreadSnap, st: StateDef, eff: Json): Promise<{ timeout?: number; heartbeat?: number }>;
}
