/**
 * At-least-once delivery of matched events to in-process targets: one queue entry per
 * (event, rule, target), attempted at once, retried with exponential back-off on a throw, and
 * handed to the dead-letter callback after the last attempt. With a data folder every pending
 * entry is journaled (one JSON file) before PutEvents answers and removed once settled, so an
 * accepted event survives a crash or a restart.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BusEvent } from './model';

export interface RetryPolicy { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; factor: number }
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000, factor: 2 };

export interface Delivery { id: string; event: BusEvent; rule: string; targetId: string; arn: string; attempt: number; dueAt: number; lastError?: string }

export interface DeliveryQueueOptions {
  now: () => number;
  /** 'auto' runs due deliveries on setTimeout; 'manual' only on runDue(). */
  timers: 'auto' | 'manual';
  retry: RetryPolicy;
  journalDir?: string;
  send: (d: Delivery) => Promise<void>;
  deadLetter: (d: Delivery, error: string) => void | Promise<void>;
}

export class DeliveryQueue {
  private readonly pending = new Map<string, Delivery>();
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly o: DeliveryQueueOptions) {
    if (o.journalDir) {
      mkdirSync(o.journalDir, { recursive: true });
      for (const f of readdirSync(o.journalDir).filter((n) => n.endsWith('.json'))) {
        const d = JSON.parse(readFileSync(path.join(o.journalDir, f), 'utf8')) as Delivery;
        this.pending.set(d.id, d);
      }
    }
  }

  enqueue(ds: Delivery[]): void {
    for (const d of ds) { this.journal(d); this.pending.set(d.id, d); }
    this.wake();
  }

  /** Starts every delivery due now and waits for them (and for any retry they make due now). */
  async runDue(): Promise<void> {
    for (;;) {
      const due = [...this.pending.values()].filter((d) => d.dueAt <= this.o.now());
      for (const d of due) this.attempt(d);
      if (!this.running.size) return;
      await Promise.all([...this.running]);
    }
  }

  /** Earliest pending attempt (ms epoch), for virtual-clock drivers. */
  nextDue(): number | undefined {
    let min: number | undefined;
    for (const d of this.pending.values()) if (!this.isRunning(d) && (min === undefined || d.dueAt < min)) min = d.dueAt;
    return min;
  }

  size(): number { return this.pending.size; }

  /** Drops the pending deliveries (not the one being attempted) whose event matches, journal files too; returns how many. */
  drop(match: (event: BusEvent) => boolean): number {
    let n = 0;
    for (const d of [...this.pending.values()]) {
      if (this.isRunning(d) || !match(d.event)) continue;
      this.settle(d);
      n++;
    }
    return n;
  }

  async idle(): Promise<void> { while (this.running.size) await Promise.all([...this.running]); }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  private readonly inFlight = new Set<string>();
  private isRunning(d: Delivery) { return this.inFlight.has(d.id); }

  private attempt(d: Delivery): void {
    if (this.inFlight.has(d.id) || this.closed) return;
    this.inFlight.add(d.id);
    const p = this.o.send(d).then(() => this.settle(d), async (e: unknown) => {
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      if (d.attempt + 1 >= this.o.retry.maxAttempts) {
        await Promise.resolve(this.o.deadLetter(d, error)).catch(() => undefined);
        this.settle(d);
        return;
      }
      const { baseDelayMs, factor, maxDelayMs } = this.o.retry;
      const next: Delivery = { ...d, attempt: d.attempt + 1, dueAt: this.o.now() + Math.min(maxDelayMs, baseDelayMs * factor ** d.attempt), lastError: error };
      this.journal(next);
      this.pending.set(d.id, next);
    }).finally(() => { this.inFlight.delete(d.id); this.running.delete(p); this.wake(); });
    this.running.add(p);
  }

  private settle(d: Delivery): void {
    this.pending.delete(d.id);
    if (this.o.journalDir) rmSync(path.join(this.o.journalDir, `${d.id}.json`), { force: true });
  }

  private journal(d: Delivery): void {
    if (!this.o.journalDir) return;
    const file = path.join(this.o.journalDir, `${d.id}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(d));
    renameSync(`${file}.tmp`, file);
  }

  private wake(): void {
    if (this.o.timers !== 'auto' || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    const due = this.nextDue();
    if (due === undefined) return;
    this.timer = setTimeout(() => { this.timer = undefined; void this.runDue(); }, Math.max(0, due - this.o.now()));
    this.timer.unref?.();
  }
}
