import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalEventBus, type BusEvent } from '.';

function setup(opts: { dataDir?: string; fail?: number } = {}) {
  const clock = { t: Date.parse('2026-01-01T00:00:00Z'), now() { return this.t; } };
  const dead: Array<{ event: BusEvent; attempts: number; error: string }> = [];
  const bus = new LocalEventBus({
    clock, retry: { maxAttempts: 4, baseDelayMs: 1000, factor: 2, maxDelayMs: 60_000 }, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    onDeadLetter: (event, t, error) => { dead.push({ event, attempts: t.attempts, error }); },
  });
  const calls: Array<{ at: number; attempt: number; event: BusEvent }> = [];
  let failures = opts.fail ?? 0;
  bus.registerTarget('fn', async (event, ctx) => {
    calls.push({ at: clock.t, attempt: ctx.attempt, event });
    if (failures-- > 0) throw new Error('target down');
  });
  bus.putRule({ Name: 'r', EventBusName: 'studio', EventPattern: { source: ['studio.workflows'] } });
  bus.putTargets('r', [{ Id: 't', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:fn' }], 'studio');
  /** Moves the virtual clock to the next due delivery and runs it. */
  const advance = async () => { const due = bus.nextDue(); if (due !== undefined) clock.t = Math.max(clock.t, due); await bus.runDue(); };
  return { bus, clock, calls, dead, advance };
}
const put = (bus: LocalEventBus, detail: object = { ok: true }, source = 'studio.workflows') =>
  bus.putEvents([{ EventBusName: 'studio', Source: source, DetailType: 'workflow_run.completed', Detail: JSON.stringify(detail) }]);

test('a matching event is delivered once, shaped as EventBridge delivers it', async () => {
  const { bus, calls } = setup();
  const out = await put(bus, { n: 1 });
  await put(bus, { n: 2 }, 'other');
  await bus.runDue();
  expect(out).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
  expect(calls).toHaveLength(1);
  expect(calls[0]!.event).toEqual({ version: '0', id: out.Entries[0]!.EventId, 'detail-type': 'workflow_run.completed', source: 'studio.workflows',
    account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { n: 1 } });
});

test('malformed entries fail alone', async () => {
  const { bus } = setup();
  const out = await bus.putEvents([{ Source: 's', DetailType: 'd', Detail: 'nope' }, { DetailType: 'd', Detail: '{}' }, { Source: 's', DetailType: 'd', Detail: '{}' }]);
  expect(out.FailedEntryCount).toBe(2);
  expect(out.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual(['MalformedDetail', 'InvalidArgument', 'ok']);
});

test('a throwing target is retried with exponential back-off on the virtual clock', async () => {
  const { bus, clock, calls, dead, advance } = setup({ fail: 2 });
  const start = clock.t;
  await put(bus);
  for (let i = 0; i < 5 && bus.pendingDeliveries() > 0; i++) await advance();
  expect(calls.map((c) => [c.at - start, c.attempt])).toEqual([[0, 1], [1000, 2], [3000, 3]]);
  expect(dead).toEqual([]);
  expect(bus.pendingDeliveries()).toBe(0);
});

test('after the last attempt the event goes to the dead-letter callback', async () => {
  const { bus, calls, dead, advance } = setup({ fail: 99 });
  await put(bus);
  for (let i = 0; i < 10 && bus.pendingDeliveries() > 0; i++) await advance();
  expect(calls).toHaveLength(4);
  expect(dead).toEqual([{ event: expect.objectContaining({ source: 'studio.workflows' }), attempts: 4, error: 'Error: target down' }]);
});

test('with a data folder, rules and pending deliveries survive a restart', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'events-'));
  try {
    const first = setup({ dataDir: dir, fail: 1 });
    await put(first.bus, { n: 7 });
    await first.bus.runDue();
    expect(first.bus.pendingDeliveries()).toBe(1);
    await first.bus.close();
    const second = new LocalEventBus({ dataDir: dir, clock: { now: () => first.clock.t + 60_000 } });
    const got: unknown[] = [];
    second.registerTarget('fn', async (e) => { got.push(e.detail); });
    expect(second.listRules('studio').map((r) => r.Name)).toEqual(['r']);
    await second.runDue();
    expect(got).toEqual([{ n: 7 }]);
    expect(second.pendingDeliveries()).toBe(0);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
