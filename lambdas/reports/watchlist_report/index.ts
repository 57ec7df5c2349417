export { watchlistReport, WatchlistInputError, THRESHOLDS, type WatchlistEvidence, type WatchlistVariant } from './report';
export { InMemoryWatchlistStore, entryKeys, type WatchlistStore } from './store';
export { screen, dobFactor, type ScreeningQuery, type ScreeningMatch } from './screen';
export { nameScore, tokenSimilarity } from './similarity';
export { tokenize, blockingKeys, transliterate } from './normalize';
export { seedEntries, seedStore } from './seed';
export { WatchlistEntry, WatchlistFile, WatchlistCategory } from './types';
export { importList, FORMATS, type ImportFormat } from './import';
