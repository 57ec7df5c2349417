/** The shipped seed list (see seed.json's description for what it is and is not). */
import seed from './seed-list.json';
import { InMemoryWatchlistStore } from './store';
import { WatchlistFile, type WatchlistEntry } from './types';

export function seedEntries(): WatchlistEntry[] {
  return WatchlistFile.parse(seed).entries;
}

export function seedStore(): InMemoryWatchlistStore {
  return new InMemoryWatchlistStore(seedEntries());
}
