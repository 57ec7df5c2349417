/**
 * The lists the refresh function downloads (`STUDIO_WATCHLIST_SOURCES`, the CDK setting
 * `watchlistSources`): a JSON array of `{ url, format, alt_url? }`, e.g. OFAC's sdn.csv (with
 * its alt.csv for aliases) and the UN consolidated list. HTTPS only; plain HTTP to loopback is
 * accepted for trying it out on this machine.
 */
import { z } from 'zod';
import { FORMATS } from '../reports/watchlist_report';

const loopback = (u: URL) => u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
const ListUrl = z.url().refine((s) => { const u = new URL(s); return u.protocol === 'https:' || (u.protocol === 'http:' && loopback(u)); },
  'an https URL (http only to 127.0.0.1 / localhost)');

export const WatchlistSource = z.object({ url: ListUrl, format: z.enum(FORMATS), alt_url: ListUrl.optional() }).strict()
  .refine((s) => !s.alt_url || s.format === 'ofac-sdn-csv', { message: 'alt_url is OFAC alt.csv: only with format ofac-sdn-csv', path: ['alt_url'] });
export type WatchlistSource = z.infer<typeof WatchlistSource>;
export const WatchlistSources = z.array(WatchlistSource);

/** The sources of a JSON text (`''`: none); a clear error naming the setting otherwise. */
export function parseWatchlistSources(text: string, setting = 'STUDIO_WATCHLIST_SOURCES'): WatchlistSource[] {
  if (text.trim() === '') return [];
  let json: unknown;
  try { json = JSON.parse(text); } catch { throw new Error(`${setting}: not JSON`); }
  const parsed = WatchlistSources.safeParse(json);
  if (!parsed.success) throw new Error(`${setting}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
