/**
 * The personal-data lifecycle on this machine, standing in for what the CDK stack deploys
 * (lib/lifecycle.ts: an EventBridge Scheduler schedule starting the purge state machine):
 *  - a local scheduler runs the lifecycle function (lambdas/lifecycle/handler.ts, the same
 *    handler) every `intervalMs`, one sweep at a time, logging a failed one and trying again at
 *    the next tick (the state machine's retries and alarm in AWS);
 *  - a rule on `workflow_run.purged` (source `studio.lifecycle`) forgets what the embedded
 *    services still hold on the purged run: the engine's execution (journal and history), the
 *    bus's pending deliveries and the stack's dead letters of its events. AWS keeps an
 *    execution's history 90 days and offers no delete: see README.md, "Personal data".
 */
import type { LocalEventBus, BusEvent } from '../events';
import type { SfnEngine } from '../sfn/engine';
import type { ExecutionEvents } from './execution-events';

export const LIFECYCLE_SOURCE = 'studio.lifecycle';
export const RUN_PURGED = 'workflow_run.purged';
const RULE = { name: 'studio-lifecycle-forget', target: 'studio-lifecycle-forget' };
/**
 * How often `npm start` sweeps (AWS: every 15 minutes). Sweeping every second, an idle `studio
 * start` and its DynamoDB Local used 2.05-2.55 s of CPU in 30 s (7-8.5% of a core); every 5 s,
 * 1.15-1.25 s (~4%), and a due purge or a resend waits at most 5 s (2026-12-02, two runs each).
 */
export const LIFECYCLE_INTERVAL_MS = 5000;

export class LocalScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly run: () => Promise<unknown>, private readonly intervalMs: number, private readonly log: (l: string) => void) {}

  start(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => { void this.tick(); }, this.intervalMs);
    this.timer.unref();
  }

  /** One sweep after the one in progress (tests, and every tick). */
  tick(): Promise<void> {
    this.running = this.running.then(async () => {
      try { await this.run(); } catch (e) { this.log(`lifecycle: sweep failed, retried at the next tick: ${e instanceof Error ? e.message : String(e)}`); }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

export interface Forgettable { engine: SfnEngine; bus: LocalEventBus; executionEvents: ExecutionEvents; deadLetters: Array<{ event: BusEvent }> }

/** Wires the rule that forgets a purged run's execution and events (ids from the event's detail). */
export function wireForgetPurgedRuns(productBus: string, s: Forgettable, log: (l: string) => void): void {
  s.bus.registerTarget(RULE.target, async (event) => {
    const detail = event.detail as { workflow_run_id?: unknown; execution_arn?: unknown };
    const ids = [detail.workflow_run_id, detail.execution_arn].filter((v): v is string => typeof v === 'string' && v.length > 0);
    if (ids.length === 0) return;
    const arn = typeof detail.execution_arn === 'string' ? detail.execution_arn : undefined;
    if (arn) {
      await s.engine.forget(arn).catch((e: unknown) => log(`lifecycle: execution ${arn} not forgotten: ${String(e)}`));
      s.executionEvents.forget(arn);
    }
    const mentions = (e: BusEvent) => e.detail !== event.detail && ids.some((id) => JSON.stringify(e).includes(id));
    s.bus.dropPending(mentions);
    for (let i = s.deadLetters.length - 1; i >= 0; i--) if (mentions(s.deadLetters[i]!.event)) s.deadLetters.splice(i, 1);
  });
  s.bus.putRule({ Name: RULE.name, EventBusName: productBus, EventPattern: { source: [LIFECYCLE_SOURCE], 'detail-type': [RUN_PURGED] } });
  s.bus.putTargets(RULE.name, [{ Id: 'forget', Arn: RULE.target }], productBus);
}
