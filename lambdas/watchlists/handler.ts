/**
 * The watchlist refresh function: one refresh (refresh.ts) per invocation. In AWS an EventBridge
 * Scheduler schedule invokes it (lib/watchlists.ts, when `watchlistSources` is set); locally
 * `studio watchlist import` stores a list the same way (cli/watchlist.ts).
 */
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { lambdaHandler } from '../shared/lambda';
import { logger } from '../shared/powertools';
import { systemRuntime, type Runtime } from '../shared/ids';
import { refreshWatchlists, type RefreshResult } from './refresh';
import { parseWatchlistSources } from './sources';

export function createWatchlistHandler(rt: Runtime = systemRuntime, fetcher: typeof fetch = fetch) {
  return async (): Promise<RefreshResult> => {
    const c = config();
    return refreshWatchlists({
      sources: parseWatchlistSources(c.STUDIO_WATCHLIST_SOURCES), s3: clients().s3, bucket: c.BUCKET_NAME,
      fetch: fetcher, now: () => rt.now(), log: (message, fields) => logger.info(message, fields),
    });
  };
}

export const handler = lambdaHandler(createWatchlistHandler());
