/** Importers from the official list formats to the watchlist format (types.ts). */
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
