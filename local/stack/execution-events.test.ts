/**
 * Status-change events of the local engine's executions: each start gives RUNNING and each end
 * its status, and a check describes only the executions the engine reported ended, not every
 * execution still waiting (which made each run created cost in proportion to the waiting ones).
 */
import type { ExecutionRecord } from '../sfn/contract';
import { createEngine, type SfnEngine } from '../sfn/engine';
import { VirtualClock } from '../sfn/engine/test-harness';
import { LocalEventBus } from '../events';
import type { BusEvent } from '../events/model';
import { ExecutionEvents, STATUS_CHANGE } from './execution-events';

const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:events';
const WAITS = JSON.stringify({ StartAt: 'w', States: { w: { Type: 'Wait', Seconds: 3600, End: true } } });
const PASSES = JSON.stringify({ StartAt: 'p', States: { p: { Type: 'Pass', End: true } } });

function setup(): { engine: SfnEngine; clock: VirtualClock; events: ExecutionEvents; seen: Array<{ arn: string; status: string }>; described: () => number } {
  const clock = new VirtualClock();
  const engine = createEngine({ clock });
  let describes = 0;
  const counted: SfnEngine = Object.assign(Object.create(engine) as SfnEngine, {
    describe: (arn: string) => { describes++; return engine.describe(arn); },
  });
  const seen: Array<{ arn: string; status: string }> = [];
  const bus = new LocalEventBus({ clock, onEvent: (e: BusEvent) => {
    if (e['detail-type'] !== STATUS_CHANGE) return;
    const d = e.detail as { executionArn: string; status: string };
    seen.push({ arn: d.executionArn, status: d.status });
  } });
  return { engine, clock, events: new ExecutionEvents(counted, bus, 0), seen, described: () => describes };
}

const start = (api: ReturnType<ExecutionEvents['wrap']>, name: string, definition: string): Promise<ExecutionRecord> =>
  api.start({ executionArn: `arn:aws:states:us-east-1:123456789012:execution:events:${name}`, stateMachineArn: MACHINE, name, definition, input: '{}' });

describe('ExecutionEvents on the local engine', () => {
  it('describes only the executions that ended, however many wait', async () => {
    const { engine, clock, events, seen, described } = setup();
    await events.start();
    const api = events.wrap();
    for (let i = 0; i < 50; i++) await start(api, `wait-${i}`, WAITS);
    await engine.idle();
    await events.check();
    expect(described()).toBe(0);
    expect(seen.filter((s) => s.status === 'RUNNING')).toHaveLength(50);

    const quick = await start(api, 'quick', PASSES);
    await engine.idle();
    await events.check();
    expect(described()).toBe(1);
    expect(seen.slice(-2)).toEqual([{ arn: quick.executionArn, status: 'RUNNING' }, { arn: quick.executionArn, status: 'SUCCEEDED' }]);

    clock.advance(3600);
    await engine.fireDueTimers();
    await events.check();
    expect(seen.filter((s) => s.status === 'SUCCEEDED')).toHaveLength(51);
    expect(described()).toBe(51);
    await engine.close();
  });

  it('sends the end of an execution stopped through the API after its RUNNING event', async () => {
    const { engine, events, seen } = setup();
    await events.start();
    const api = events.wrap();
    const r = await start(api, 'stopped', WAITS);
    await api.stop(r.executionArn, 'Stopped', 'by the test');
    await events.check();
    expect(seen).toEqual([{ arn: r.executionArn, status: 'RUNNING' }, { arn: r.executionArn, status: 'ABORTED' }]);
    await engine.close();
  });
});
