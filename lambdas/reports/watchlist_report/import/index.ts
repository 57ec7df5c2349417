/** Importers from the official list formats to the watchlist format (types.ts). */
import { createHash } from 'node:crypto';
import type { ImportedWatchlist, ListSource, WatchlistInfo } from '../lists';
import { WatchlistEntry, type WatchlistFile } from '../types';
import { parseOfacCsv } from './ofac-csv';
import { parseOfacXml } from './ofac-xml';
import { parseUnXml } from './un-xml';

export const FORMATS = ['ofac-sdn-csv', 'ofac-sdn-xml', 'un-xml'] as const;
export type ImportFormat = (typeof FORMATS)[number];

export interface ImportInput {
  format: ImportFormat;
  text: string;
  /** OFAC alt.csv, for `ofac-sdn-csv` only. */
  altText?: string;
}

/** Parses a list file; entries that fail the schema are reported, not silently dropped. */
export function importList(input: ImportInput, now: Date): { file: WatchlistFile; rejected: Array<{ id: string; problem: string }> } {
  const raw = input.format === 'ofac-sdn-csv' ? parseOfacCsv(input.text, input.altText)
    : input.format === 'ofac-sdn-xml' ? parseOfacXml(input.text) : parseUnXml(input.text);
  const entries: WatchlistEntry[] = [];
  const rejected: Array<{ id: string; problem: string }> = [];
  for (const r of raw) {
    const parsed = WatchlistEntry.safeParse(r);
    if (parsed.success) entries.push(parsed.data);
    else rejected.push({ id: r.id, problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  }
  return { file: { description: `Imported from ${input.format}`, generated_at: now.toISOString(), entries }, rejected };
}

/** The list's name for each format (a list is named after its source, whichever file format). */
export const SOURCE_NAMES: Record<ImportFormat, string> = {
  'ofac-sdn-csv': 'OFAC SDN', 'ofac-sdn-xml': 'OFAC SDN', 'un-xml': 'UN Security Council Consolidated List',
};

/**
 * One watchlist from one or more files (e.g. OFAC SDN and the UN list), ready to store
 * (publish.ts): its version is a hash of its entries, its source names the lists. A file that
 * gives no entry at all is refused (a wrong or truncated download must not replace a list).
 */
export function importLists(files: ReadonlyArray<ImportInput & { origin: string }>, now: Date): { list: ImportedWatchlist; rejected: Array<{ id: string; problem: string }> } {
  if (files.length === 0) throw new Error('no list file to import');
  const entries: WatchlistEntry[] = [];
  const rejected: Array<{ id: string; problem: string }> = [];
  const sources: ListSource[] = [];
  for (const f of files) {
    const out = importList(f, now);
    if (out.file.entries.length === 0) throw new Error(`${f.origin} (${f.format}) holds no entry: not imported`);
    entries.push(...out.file.entries);
    rejected.push(...out.rejected);
    sources.push({ name: SOURCE_NAMES[f.format], format: f.format, origin: f.origin, entries: out.file.entries.length, rejected: out.rejected.length });
  }
  const hash = createHash('sha256').update(JSON.stringify([...entries].sort((a, b) => a.id.localeCompare(b.id)))).digest('hex');
  const info: WatchlistInfo = {
    source: [...new Set(sources.map((s) => s.name))].join(' + '), version: `sha256-${hash.slice(0, 16)}`,
    imported_at: now.toISOString(), entries: entries.length, sources,
  };
  return { list: { watchlist: info, entries }, rejected };
}
