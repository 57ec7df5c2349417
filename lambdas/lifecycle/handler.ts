/**
 * The lifecycle function: one sweep (lifecycle/sweep.ts) per invocation. In AWS the purge state
 * machine invokes it (started every 15 minutes by an EventBridge Scheduler schedule, lib/lifecycle.ts);
 * locally the stack's scheduler does (local/stack/lifecycle.ts).
 */
import { lambdaHandler } from '../shared/lambda';
import { systemRuntime, type Runtime } from '../shared/ids';
import { sweep, type SweepResult } from './sweep';

export function createLifecycleHandler(rt: Runtime = systemRuntime) {
  return async (): Promise<SweepResult> => sweep(rt.now());
}

export const handler = lambdaHandler(createLifecycleHandler());
