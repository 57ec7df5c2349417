import type { HistoryEvent } from '../../contract';
import type { ExecSnapshot } from '../interp/snapshot';

export interface StoredExecution { snapshot: ExecSnapshot; history: HistoryEvent[] }

/**
 * Where executions live. `save` is called after every step with the whole (small) snapshot and
 * the history events that step produced; it must be atomic per call: after a crash an
 * execution is exactly as of some completed `save`.
 */
export interface ExecutionStore {
  loadAll(): Promise<StoredExecution[]>;
  /** May return nothing when the save completed synchronously. */
  save(snapshot: ExecSnapshot, newEvents: HistoryEvent[]): Promise<void> | void;
  history(executionArn: string): Promise<HistoryEvent[]>;
  /** Removes an execution (snapshot, history) for good. */
  forget(executionArn: string): void;
  close(): Promise<void>;
}

export class MemoryStore implements ExecutionStore {
  private readonly histories = new Map<string, HistoryEvent[]>();
  private readonly snapshots = new Map<string, ExecSnapshot>();

  async loadAll(): Promise<StoredExecution[]> {
    return [...this.snapshots.values()].map((s) => ({ snapshot: s, history: this.histories.get(s.record.executionArn) ?? [] }));
  }

  save(snapshot: ExecSnapshot, newEvents: HistoryEvent[]): void {
    const arn = snapshot.record.executionArn;
    this.snapshots.set(arn, snapshot);
    let h = this.histories.get(arn);
    if (!h) this.histories.set(arn, (h = []));
    for (const e of newEvents) h.push(e);
  }

  async history(executionArn: string): Promise<HistoryEvent[]> {
    return this.histories.get(executionArn) ?? [];
  }

  forget(executionArn: string): void {
    this.snapshots.delete(executionArn);
    this.histories.delete(executionArn);
  }

  async close(): Promise<void> { /* nothing to release */ }
}
