/** Shared test setup: a virtual clock, counters for ids, a control plane and the API over the fake engine. */
import type { Engine } from '../../contract';
import { createSfnApi, type SfnApi } from '../api';
import { ControlPlane, type ControlPlaneOptions } from '../control-plane';
import { FakeEngine } from './fake-engine';

export class TestClock {
  constructor(public ms = Date.UTC(2025, 0, 1)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const pass = (result?: unknown): string => JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', ...(result !== undefined ? { Result: result } : {}), End: true } } });
export const waitForToken = JSON.stringify({
  StartAt: 'Wait',
  States: {
    Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'approve', 'Payload.$': '$' }, Next: 'Done' },
    Done: { Type: 'Pass', End: true },
  },
});
export const ROLE = 'arn:aws:iam::000000000000:role/Test';

export interface Harness {
  clock: TestClock;
  controlPlane: ControlPlane;
  engine: Engine;
  fake?: FakeEngine;
  api: SfnApi;
  rolls: number[];
}

/** `rolls` feeds the alias router's random numbers; ids count up so ARNs are predictable. */
export async function harness(options: ControlPlaneOptions & { engine?: (clock: TestClock) => Engine } = {}): Promise<Harness> {
  const clock = new TestClock();
  const rolls: number[] = [];
  let ids = 0;
  const controlPlane = await ControlPlane.open({ clock, newId: () => `id-${++ids}`, random: () => rolls.shift() ?? 0, ...options });
  const fake = options.engine ? undefined : new FakeEngine(clock);
  const engine = options.engine ? options.engine(clock) : (fake as FakeEngine);
  return { clock, controlPlane, engine, ...(fake ? { fake } : {}), api: createSfnApi({ engine, controlPlane }), rolls };
}

/** Awaits a promise expected to reject with an SfnApiError, and returns its name and message. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message };
  }
  throw new Error('expected the call to fail');
}
