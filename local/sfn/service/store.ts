/**
 * Where the control plane keeps its records: a key-value store per kind of record. In memory
 * by default; with a data directory, one JSON file per key, written atomically (write to a
 * temporary file, fsync, rename) so a crash leaves either the old or the new file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ExecutionMeta, MachineRecord, RevisionRecord } from './model';

export interface KeyValueStore<T> {
  get(key: string): Promise<T | undefined>;
  put(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  list(): Promise<T[]>;
}

export class MemoryStore<T> implements KeyValueStore<T> {
  private readonly items = new Map<string, string>();

  async get(key: string): Promise<T | undefined> {
    const text = this.items.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async put(key: string, value: T): Promise<void> {
    this.items.set(key, JSON.stringify(value)); // a copy, so callers cannot alias stored state
  }

  async delete(key: string): Promise<void> {
    this.items.delete(key);
  }

  async list(): Promise<T[]> {
    return [...this.items.values()].map((text) => JSON.parse(text) as T);
  }
}

export class JsonFileStore<T> implements KeyValueStore<T> {
  constructor(private readonly dir: string) {}

  /** Keys are names and ARNs: hashed into file names so any character is safe on any OS. */
  private file(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  async get(key: string): Promise<T | undefined> {
    try {
      const stored = JSON.parse(await fs.readFile(this.file(key), 'utf8')) as { key: string; value: T };
      return stored.key === key ? stored.value : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async put(key: string, value: T): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const target = this.file(key);
    const tmp = `${target}.${randomUUID()}.tmp`;
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify({ key, value }, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }

  async list(): Promise<T[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const files = names.filter((n) => n.endsWith('.json'));
    const texts = await Promise.all(files.map((n) => fs.readFile(path.join(this.dir, n), 'utf8')));
    return texts.map((text) => (JSON.parse(text) as { value: T }).value);
  }
}

export interface ControlPlaneStores {
  machines: KeyValueStore<MachineRecord>;
  revisions: KeyValueStore<RevisionRecord>;
  executions: KeyValueStore<ExecutionMeta>;
}

export function openStores(dataDir?: string): ControlPlaneStores {
  if (dataDir === undefined) return { machines: new MemoryStore(), revisions: new MemoryStore(), executions: new MemoryStore() };
  const root = path.join(dataDir, 'control-plane');
  return {
    machines: new JsonFileStore(path.join(root, 'machines')),
    revisions: new JsonFileStore(path.join(root, 'revisions')),
    executions: new JsonFileStore(path.join(root, 'executions')),
  };
}
