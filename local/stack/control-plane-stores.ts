/**
 * The Step Functions control plane's records for the stack, on disk as `local/sfn` keeps them
 * (`openStores`: one JSON file per key under `<sfn>/control-plane`), with two changes on the
 * StartExecution path, which runs one start at a time (local/sfn/service/start.ts):
 *  - revisions (immutable once written: a new definition is a new revision id) are read from
 *    disk once and then served from memory, not re-read on every start;
 *  - an execution's record (which revision it started on) is written atomically (temporary
 *    file + rename) but not fsynced: the execution it describes lives in the engine's journal,
 *    whose appends are not fsynced either (local/sfn/engine/store/file-store.ts), so an fsync
 *    here bought nothing after a power cut and cost a disk flush inside every start. A killed
 *    process still loses nothing (the file is complete in the page cache once written).
 * Machines are kept exactly as `openStores` keeps them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ControlPlaneStores, KeyValueStore } from '../sfn/service';
import { openStores } from '../sfn/service/store';

/** Read-through copy in memory of a store whose values never change once put. */
export class ImmutableCache<T> implements KeyValueStore<T> {
  private readonly texts = new Map<string, string>();

  constructor(private readonly inner: KeyValueStore<T>) {}

  async get(key: string): Promise<T | undefined> {
    let text = this.texts.get(key);
    if (text === undefined) {
      const value = await this.inner.get(key);
      if (value === undefined) return undefined;
      text = JSON.stringify(value);
      this.texts.set(key, text);
    }
    return JSON.parse(text) as T; // a copy, as the stores give, so callers cannot alias the cache
  }

  async put(key: string, value: T): Promise<void> {
    this.texts.delete(key);
    await this.inner.put(key, value);
    this.texts.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.texts.delete(key);
    await this.inner.delete(key);
  }

  list(): Promise<T[]> { return this.inner.list(); }
}

/** A store whose puts skip the fsync; same files as local/sfn's JsonFileStore (which reads, lists and deletes). */
export class UnsyncedJsonFileStore<T> implements KeyValueStore<T> {
  private readonly files: KeyValueStore<T>;
  private made = false;

  constructor(private readonly dir: string, files: KeyValueStore<T>) { this.files = files; }

  /** JsonFileStore's file name: the key's SHA-256, 32 hex digits. */
  file(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  get(key: string): Promise<T | undefined> { return this.files.get(key); }

  /** Synchronous, as the engine's journal appends: two page-cache writes (well under a millisecond)
   *  cost less than the five thread-pool round trips of fs.promises on a busy event loop. */
  async put(key: string, value: T): Promise<void> {
    if (!this.made) { mkdirSync(this.dir, { recursive: true }); this.made = true; }
    const target = this.file(key);
    const tmp = `${target}.${randomUUID()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, value }, null, 2));
    renameSync(tmp, target);
  }

  delete(key: string): Promise<void> { return this.files.delete(key); }
  list(): Promise<T[]> { return this.files.list(); }
}

/** The control plane's stores for a stack: in memory without a data folder, else as described above. */
export function stackControlPlaneStores(sfnDir?: string): ControlPlaneStores {
  const stores = openStores(sfnDir);
  if (sfnDir === undefined) return stores;
  return {
    machines: stores.machines,
    revisions: new ImmutableCache(stores.revisions),
    executions: new UnsyncedJsonFileStore(path.join(sfnDir, 'control-plane', 'executions'), stores.executions),
  };
}
