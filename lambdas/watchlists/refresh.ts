/**
 * The scheduled watchlist refresh: downloads every configured list (sources.ts), imports them as
 * one list (OFAC SDN and the UN list screened together), stores it in the bucket (the report
 * uses it from its next check) and logs what it imported. Any download or parse that fails
 * fails the whole refresh and keeps the current list: never half a list.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { importLists, type ImportFormat } from '../reports/watchlist_report';
import { publishWatchlist } from '../reports/watchlist_report/publish';
import type { WatchlistSource } from './sources';

/** The biggest list file read (OFAC's sdn.xml is a few tens of MB). */
export const MAX_LIST_BYTES = 200 * 1024 * 1024;

export interface RefreshDeps {
  sources: WatchlistSource[];
  s3: S3Client; bucket: string;
  fetch: typeof fetch;
  now: () => Date;
  log: (message: string, fields: Record<string, unknown>) => void;
  timeoutMs?: number;
}

export interface RefreshResult { version: string; source: string; entries: number; rejected: number; key: string }

async function download(d: RefreshDeps, url: string): Promise<string> {
  const res = await d.fetch(url, { signal: AbortSignal.timeout(d.timeoutMs ?? 120_000), redirect: 'follow' });
  if (!res.ok) throw new Error(`download of ${url} answered ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_LIST_BYTES) throw new Error(`${url} is ${declared} bytes, over ${MAX_LIST_BYTES}`);
  const text = await res.text();
  if (Buffer.byteLength(text) > MAX_LIST_BYTES) throw new Error(`${url} is over ${MAX_LIST_BYTES} bytes`);
  return text;
}

export async function refreshWatchlists(d: RefreshDeps): Promise<RefreshResult> {
  if (d.sources.length === 0) throw new Error('no watchlist sources are configured (STUDIO_WATCHLIST_SOURCES, CDK setting watchlistSources)');
  const files = await Promise.all(d.sources.map(async (s) => ({
    format: s.format as ImportFormat, origin: s.url, text: await download(d, s.url),
    ...(s.alt_url ? { altText: await download(d, s.alt_url) } : {}),
  })));
  const { list, rejected } = importLists(files, d.now());
  const { key } = await publishWatchlist(d.s3, d.bucket, list);
  const w = list.watchlist;
  d.log('watchlist imported', {
    version: w.version, source: w.source, imported_at: w.imported_at, entries: w.entries, rejected: rejected.length,
    sources: w.sources.map((s) => ({ name: s.name, origin: s.origin, entries: s.entries, rejected: s.rejected })),
    rejected_ids: rejected.slice(0, 50).map((r) => r.id),
  });
  return { version: w.version, source: w.source, entries: w.entries, rejected: rejected.length, key };
}
