import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HistoryEvent } from '../../contract';
import type { ExecSnapshot } from '../interp/snapshot';
import { crc32 } from './crc32';
import type { ExecutionStore, StoredExecution } from './store';

interface JournalRecord { s: Omit<ExecSnapshot, 'definition'>; d?: string; e: HistoryEvent[] }

const COMPACT_AFTER = 200;

/**
 * One append-only journal per execution: each line is `<crc32 hex> <json>` holding the snapshot
 * after a step and the events it added. A torn last line (crash mid-write) fails its checksum
 * and is ignored, so an execution always reloads as of its last complete step. Appends are not
 * fsynced (a killed process loses nothing; a power cut may lose the last steps); compaction
 * rewrites the journal to one record via fsync + rename, asynchronously (on libuv's thread
 * pool): an fsync takes milliseconds, and every execution's end compacts, so a synchronous one
 * stalled every request of the process (the API, the other executions) meanwhile.
 */
export class FileStore implements ExecutionStore {
  private readonly dir: string;
  private readonly records = new Map<string, number>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'executions');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private file(arn: string): string {
    return path.join(this.dir, `${createHash('sha1').update(arn).digest('hex')}.jnl`);
  }

  async loadAll(): Promise<StoredExecution[]> {
    const out: StoredExecution[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith('.jnl')) continue;
      const loaded = this.read(path.join(this.dir, name));
      if (!loaded) continue;
      out.push(loaded.exec);
      const file = path.join(this.dir, name);
      // A torn tail would hide later appends: rewrite the journal without it.
      if (loaded.torn) await this.compact(file, loaded.exec.snapshot, [], loaded.exec.history);
      else this.records.set(loaded.exec.snapshot.record.executionArn, loaded.count);
    }
    return out;
  }

  async save(snapshot: ExecSnapshot, newEvents: HistoryEvent[]): Promise<void> {
    const arn = snapshot.record.executionArn;
    const count = this.records.get(arn) ?? 0;
    const file = this.file(arn);
    const done = snapshot.record.status !== 'RUNNING';
    if (count >= COMPACT_AFTER || (done && count > 1)) return this.compact(file, snapshot, newEvents);
    const { definition, ...s } = snapshot;
    fs.appendFileSync(file, line(count === 0 ? { s, d: definition, e: newEvents } : { s, e: newEvents }));
    this.records.set(arn, count + 1);
  }

  async history(executionArn: string): Promise<HistoryEvent[]> {
    return this.read(this.file(executionArn))?.exec.history ?? [];
  }

  /** Deletes the journal (and a compaction's leftover temporary file). */
  forget(executionArn: string): void {
    const file = this.file(executionArn);
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.tmp`, { force: true });
    this.records.delete(executionArn);
  }

  async close(): Promise<void> { this.records.clear(); }

  /** Saves of one execution are serialised by the engine, so no other write to `file` runs meanwhile. */
  private async compact(file: string, snapshot: ExecSnapshot, newEvents: HistoryEvent[], previous?: HistoryEvent[]): Promise<void> {
    const history = [...(previous ?? this.read(file)?.exec.history ?? []), ...newEvents];
    const { definition, ...s } = snapshot;
    const tmp = `${file}.tmp`;
    const fh = await fs.promises.open(tmp, 'w');
    try { await fh.writeFile(line({ s, d: definition, e: history })); await fh.sync(); } finally { await fh.close(); }
    await fs.promises.rename(tmp, file);
    this.records.set(snapshot.record.executionArn, 1);
  }

  private read(file: string): { exec: StoredExecution; count: number; torn: boolean } | undefined {
    let text: string;
    try { text = fs.readFileSync(file, 'utf8'); } catch { return undefined; }
    let definition: string | undefined;
    let last: JournalRecord | undefined;
    const history: HistoryEvent[] = [];
    let count = 0;
    let torn = false;
    for (const l of text.split('\n')) {
      if (l === '') continue;
      const sp = l.indexOf(' ');
      const body = l.slice(sp + 1);
      if (sp < 0 || parseInt(l.slice(0, sp), 16) !== crc32(body)) { torn = true; break; }  // stop at the last good record
      const r = JSON.parse(body) as JournalRecord;
      if (r.d !== undefined) definition = r.d;
      for (const e of r.e) history.push(e);
      last = r;
      count++;
    }
    if (!last || definition === undefined) return undefined;
    return { exec: { snapshot: { ...last.s, definition } as ExecSnapshot, history }, count, torn };
  }
}

function line(r: JournalRecord): string {
  const body = JSON.stringify(r);
  return `${crc32(body).toString(16)} ${body}\n`;
}
