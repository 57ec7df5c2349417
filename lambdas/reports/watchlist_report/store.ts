/** Where the list lives. The report only needs candidates by blocking key and the coverage. */
import { blockingKeys, tokenize } from './normalize';
import type { WatchlistCategory, WatchlistEntry } from './types';

export interface WatchlistStore {
  /** Entries with a name or alias sharing at least one blocking key (see normalize.ts). */
  candidates(keys: readonly string[]): Promise<WatchlistEntry[]>;
  /** The categories the list holds entries of: the report judges only those areas. */
  categories(): Promise<ReadonlySet<WatchlistCategory>>;
}

/** Blocking keys of every name and alias of an entry: what a store indexes it under. */
export function entryKeys(entry: WatchlistEntry): string[] {
  const keys = new Set<string>();
  for (const name of [entry.name, ...entry.aliases]) for (const k of blockingKeys(tokenize(name))) keys.add(k);
  return [...keys];
}

export class InMemoryWatchlistStore implements WatchlistStore {
  private readonly index = new Map<string, WatchlistEntry[]>();
  private readonly held = new Set<WatchlistCategory>();

  constructor(entries: readonly WatchlistEntry[] = []) {
    this.put(entries);
  }

  put(entries: readonly WatchlistEntry[]): void {
    for (const entry of entries) {
      this.held.add(entry.category);
      for (const key of entryKeys(entry)) {
        const bucket = this.index.get(key);
        if (bucket) bucket.push(entry); else this.index.set(key, [entry]);
      }
    }
  }

  async candidates(keys: readonly string[]): Promise<WatchlistEntry[]> {
    const found = new Map<string, WatchlistEntry>();
    for (const key of keys) for (const e of this.index.get(key) ?? []) found.set(e.id, e);
    return [...found.values()];
  }

  async categories(): Promise<ReadonlySet<WatchlistCategory>> {
    return this.held;
  }
}
