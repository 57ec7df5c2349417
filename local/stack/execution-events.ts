/**
 * "Step Functions Execution Status Change" events, which the embedded engine does not emit:
 * the engine is wrapped so that every start is seen (RUNNING); an engine that tells when an
 * execution ends (`onExecutionEnd`, the local engine) has only those executions described,
 * any other has every running execution described after each API call that can move them and
 * on a short interval; a status change is put on the default bus, shaped as AWS shapes it
 * (source `aws.states`). Describing every running execution per start cost the stack time in
 * proportion to the executions waiting (a capture, a Send/Receive task): ~2 ms per run created
 * with 500 waiting, and growing.
 */
import type { Engine, ExecutionRecord } from '../sfn/contract';
import type { LocalEventBus } from '../events';

export const STATUS_CHANGE = 'Step Functions Execution Status Change';

/** An engine that may say when an execution ends (SfnEngine does). */
type Watched = Engine & { onExecutionEnd?: (listener: (executionArn: string) => void) => () => void };

export class ExecutionEvents {
  private readonly running = new Set<string>();
  /** Ended executions not yet emitted (only with an engine that reports ends). */
  private readonly ended: Set<string> | undefined;
  /** Executions whose start has not returned yet: an end reported meanwhile waits for their RUNNING event. */
  private readonly starting = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(private readonly engine: Watched, private readonly bus: LocalEventBus, private readonly intervalMs = 250) {
    if (engine.onExecutionEnd) {
      const ended = this.ended = new Set<string>();
      engine.onExecutionEnd((arn) => { ended.add(arn); void this.check(); });
    }
  }

  /** Tracks executions already running (after a restart) and starts the interval. */
  async start(): Promise<void> {
    for (const r of await this.engine.list({ status: 'RUNNING' })) this.running.add(r.executionArn);
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => { void this.check(); }, this.intervalMs);
      this.timer.unref();
    }
  }

  stop(): void { if (this.timer) clearInterval(this.timer); }

  /** Stops tracking an execution (forgotten by the engine: local/stack/lifecycle.ts). */
  forget(executionArn: string): void { this.running.delete(executionArn); }

  /**
   * Emits an event for every tracked execution that is no longer running. Checks run one at a
   * time; a check asked for while another is queued (not yet started) joins the queued one,
   * which will see everything this one would: every start and every SendTask* asks for a check,
   * and each check describes every running execution, so queueing one per call was quadratic.
   */
  check(): Promise<void> {
    if (this.queued) return this.queued;
    const queued = this.checking.then(async () => {
      if (this.queued === queued) this.queued = undefined;
      for (const arn of this.candidates()) {
        const r = await this.engine.describe(arn).catch(() => undefined);
        if (!r || r.status === 'RUNNING') continue;
        this.running.delete(arn);
        await this.emit(r);
      }
    }).catch((e: unknown) => console.error('execution events: check failed', e));
    this.queued = queued;
    this.checking = queued;
    return queued;
  }

  /** The executions a check describes: those reported ended and tracked, or (no reports) every running one. */
  private candidates(): string[] {
    if (!this.ended) return [...this.running];
    const arns: string[] = [];
    for (const arn of this.ended) {
      if (this.running.has(arn)) arns.push(arn);
      if (!this.starting.has(arn)) this.ended.delete(arn);
    }
    return arns;
  }

  /** The engine as the control plane should see it. */
  wrap(): Engine {
    const e = this.engine;
    const after = <T>(p: Promise<T>): Promise<T> => p.finally(() => { void this.check(); });
    return {
      start: async (req) => {
        this.starting.set(req.executionArn, (this.starting.get(req.executionArn) ?? 0) + 1);
        try {
          const r = await e.start(req);
          // An execution may already have ended when start returns: RUNNING first, as AWS does, then check() sends the end.
          if (!this.running.has(r.executionArn)) {
            this.running.add(r.executionArn);
            await this.emit({ executionArn: r.executionArn, stateMachineArn: r.stateMachineArn, name: r.name, status: 'RUNNING', input: r.input, startDate: r.startDate });
          }
          return r;
        } finally {
          const n = (this.starting.get(req.executionArn) ?? 1) - 1;
          if (n > 0) this.starting.set(req.executionArn, n); else this.starting.delete(req.executionArn);
          void this.check();
        }
      },
      describe: (arn) => e.describe(arn),
      list: (f) => e.list(f),
      history: (arn) => e.history(arn),
      stop: (arn, error, cause) => after(e.stop(arn, error, cause)),
      sendTaskSuccess: (t, o) => after(e.sendTaskSuccess(t, o)),
      sendTaskFailure: (t, er, c) => after(e.sendTaskFailure(t, er, c)),
      sendTaskHeartbeat: (t) => e.sendTaskHeartbeat(t),
      idle: () => e.idle(),
      fireDueTimers: () => after(e.fireDueTimers()),
      close: () => e.close(),
    };
  }

  private async emit(r: ExecutionRecord): Promise<void> {
    const detail = {
      executionArn: r.executionArn, stateMachineArn: r.stateMachineArn, name: r.name, status: r.status,
      startDate: r.startDate, stopDate: r.stopDate ?? null, input: r.input, output: r.output ?? null,
      inputDetails: { included: true }, outputDetails: r.output === undefined ? null : { included: true },
      error: r.error ?? null, cause: r.cause ?? null,
    };
    await this.bus.putEvents([{ Source: 'aws.states', DetailType: STATUS_CHANGE, Resources: [r.executionArn], Detail: JSON.stringify(detail) }]);
  }
}
