import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExecutionRecord } from '../contract';
import { createEngine, type EngineOptions, type SfnEngine } from './index';

/** Test support: a virtual clock and helpers to start executions (used by *.test.ts only). */
export class VirtualClock {
  constructor(public t = Date.parse('2025-01-01T00:00:00.000Z')) {}
  now(): number { return this.t; }
  advance(seconds: number): void { this.t += seconds * 1000; }
}

export const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:test';
let seq = 0;

export function testEngine(opts: EngineOptions = {}): { engine: SfnEngine; clock: VirtualClock } {
  const clock = opts.clock instanceof VirtualClock ? opts.clock : new VirtualClock();
  return { engine: createEngine({ clock, ...opts }), clock };
}

export async function run(engine: SfnEngine, definition: object, input: unknown = {}, name = `exec-${++seq}`): Promise<ExecutionRecord> {
  const executionArn = `arn:aws:states:us-east-1:123456789012:execution:test:${name}`;
  await engine.start({ executionArn, stateMachineArn: MACHINE, name, definition: JSON.stringify(definition), input: JSON.stringify(input) });
  await engine.idle();
  return (await engine.describe(executionArn)) as ExecutionRecord;
}

export async function refresh(engine: SfnEngine, r: ExecutionRecord): Promise<ExecutionRecord> {
  await engine.idle();
  return (await engine.describe(r.executionArn)) as ExecutionRecord;
}

export const out = (r: ExecutionRecord): unknown => (r.output === undefined ? undefined : JSON.parse(r.output));

export function tempDir(): string { return fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-engine-')); }

/** Token of the last TaskScheduled event (it is in the parameters the task received). */
export async function lastToken(engine: SfnEngine, r: ExecutionRecord): Promise<string> {
  const h = await engine.history(r.executionArn);
  const ev = [...h].reverse().find((e) => e.type === 'TaskScheduled');
  const params = JSON.parse((ev?.taskScheduledEventDetails as { parameters: string }).parameters) as { Payload?: { token?: string } };
  const token = params.Payload?.token;
  if (!token) throw new Error('no token in the last TaskScheduled event');
  return token;
}

export const jsonata = (states: object, startAt?: string): object => ({ QueryLanguage: 'JSONata', StartAt: startAt ?? Object.keys(states)[0], States: states });
