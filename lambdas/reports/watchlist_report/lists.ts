/**
 * Imported watchlists in the media bucket, under `watchlists/` (WATCHLIST_PREFIX): each import
 * is `watchlists/lists/<version>.json` (the entries and what they came from), and
 * `watchlists/current.json` names the newest one. The report reads the small pointer on every
 * check and the list itself only when the pointer names another version than the one this
 * container holds (a warm container keeps its parsed list and index). No pointer: nothing was
 * ever imported, and the shipped seed list is screened. Which list was screened is stated in
 * every report (`properties.watchlist`).
 */
import { GetObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { seedEntries } from './seed';
import seed from './seed-list.json';
import { InMemoryWatchlistStore, type WatchlistStore } from './store';
import { WatchlistEntry } from './types';

export const WATCHLIST_PREFIX = 'watchlists/';
export const CURRENT_KEY = `${WATCHLIST_PREFIX}current.json`;
export const listKey = (version: string) => `${WATCHLIST_PREFIX}lists/${version}.json`;

/** One file an import read: its list, where it came from (file name or URL) and what came of it. */
export const ListSource = z.object({
  name: z.string(), format: z.string(), origin: z.string(), entries: z.number().int().min(0), rejected: z.number().int().min(0),
});
/** What a report says it screened (`properties.watchlist`): the seed, or an import. */
export const WatchlistInfo = z.object({
  /** `seed` or the lists' names, e.g. `OFAC SDN + UN Security Council Consolidated List`. */
  source: z.string().min(1),
  /** The content's hash (`sha256-` and 16 hex digits): the same entries give the same version. */
  version: z.string().min(1),
  imported_at: z.string().nullable(),
  entries: z.number().int().min(0),
  sources: z.array(ListSource).default([]),
});
export type WatchlistInfo = z.infer<typeof WatchlistInfo>;
export type ListSource = z.infer<typeof ListSource>;

export const ImportedWatchlist = z.object({ watchlist: WatchlistInfo, entries: z.array(WatchlistEntry) });
export type ImportedWatchlist = z.infer<typeof ImportedWatchlist>;

export const SEED_INFO: WatchlistInfo = {
  source: 'seed', version: `seed-${seed.generated_at}`, imported_at: null, entries: seed.entries.length, sources: [],
};

export interface LoadedWatchlist { store: WatchlistStore; info: WatchlistInfo }
/** Where the lists are: the S3 client and bucket (the reports function's, or a test's). */
export interface ListLocation { s3: S3Client; bucket: string }

const isMissing = (e: unknown) => e instanceof S3ServiceException && (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404);

async function readJson(at: ListLocation, key: string): Promise<unknown | undefined> {
  try {
    const out = await at.s3.send(new GetObjectCommand({ Bucket: at.bucket, Key: key }));
    return JSON.parse(await out.Body!.transformToString('utf8')) as unknown;
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

/** The list of the last `loadWatchlist` per bucket: a warm container reads it once per version. */
const held = new Map<string, LoadedWatchlist>();
let seedList: LoadedWatchlist | undefined;

/** The newest imported list, or the seed when none was ever imported. S3 errors are thrown as they are. */
export async function loadWatchlist(at: ListLocation): Promise<LoadedWatchlist> {
  const pointer = await readJson(at, CURRENT_KEY);
  if (pointer === undefined) return (seedList ??= { store: new InMemoryWatchlistStore(seedEntries()), info: SEED_INFO });
  const info = WatchlistInfo.parse(pointer);
  const cached = held.get(at.bucket);
  if (cached?.info.version === info.version) return cached.info.imported_at === info.imported_at ? cached : { store: cached.store, info };
  const raw = await readJson(at, listKey(info.version));
  if (raw === undefined) throw new Error(`${CURRENT_KEY} names version ${info.version}, but ${listKey(info.version)} does not exist`);
  const list = ImportedWatchlist.parse(raw);
  const loaded = { store: new InMemoryWatchlistStore(list.entries), info };
  held.set(at.bucket, loaded);
  return loaded;
}
