/**
 * Screening of one person against a list: name similarity decides who is a candidate, date of
 * birth and nationality corroborate or exclude. Entities, vessels and aircraft are not
 * compared with a person.
 */
import { blockingKeys, tokenize, type NameToken } from './normalize';
import { enoughCoverage, nameScore } from './similarity';
import type { WatchlistStore } from './store';
import type { WatchlistEntry } from './types';

export interface ScreeningQuery { full_name: string; dob?: string; nationality?: string }

export type DobFactor = 'exact' | 'same_year' | 'near' | 'mismatch' | 'unknown';
export type NationalityFactor = 'match' | 'mismatch' | 'unknown';

export interface ScreeningMatch {
  entry: WatchlistEntry;
  matched_name: string;
  name_score: number;
  score: number;
  dob: DobFactor;
  nationality: NationalityFactor;
}

export interface ScreeningOutcome { matches: ScreeningMatch[]; excluded: ScreeningMatch[]; candidates: number }

/** Date of birth of the applicant (YYYY-MM-DD) against the dates the list gives. */
export function dobFactor(dob: string | undefined, listed: readonly string[]): DobFactor {
  if (!dob || listed.length === 0) return 'unknown';
  const year = Number(dob.slice(0, 4));
  let best: DobFactor = 'mismatch';
  for (const d of listed) {
    if (dob.startsWith(d) && d.length === 10) return 'exact';
    const gap = Math.abs(Number(d.slice(0, 4)) - year);
    if (gap === 0 && (d.length === 4 || dob.startsWith(d))) best = 'same_year';
    else if (gap <= 1 && best === 'mismatch') best = 'near';
  }
  return best;
}

const DOB_ADJUST: Record<DobFactor, number> = { exact: 0.08, same_year: 0.04, near: -0.04, mismatch: -1, unknown: 0 };
const NAT_ADJUST: Record<NationalityFactor, number> = { match: 0.03, mismatch: -0.05, unknown: 0 };

/** Tokens of an entry's names, kept while the entry object lives (a store that keeps its
 *  entries in memory pays transliteration and phonetic coding once). */
const tokenCache = new WeakMap<WatchlistEntry, NameToken[][]>();

function entryTokens(entry: WatchlistEntry): NameToken[][] {
  let tokens = tokenCache.get(entry);
  if (!tokens) {
    tokens = [entry.name, ...entry.aliases].map(tokenize);
    tokenCache.set(entry, tokens);
  }
  return tokens;
}

function bestName(query: NameToken[], entry: WatchlistEntry) {
  let best: { name: string; score: number } | undefined;
  const names = [entry.name, ...entry.aliases];
  for (const [i, tokens] of entryTokens(entry).entries()) {
    const name = names[i] ?? entry.name;
    const s = nameScore(query, tokens);
    const sig = (ts: NameToken[]) => Math.max(1, ts.filter((t) => !t.particle).length);
    if (!enoughCoverage(s, sig(query), sig(tokens))) continue;
    if (!best || s.score > best.score) best = { name, score: s.score };
  }
  return best;
}

/**
 * Returns matches at or above `threshold` after the date-of-birth and nationality adjustments.
 * A date of birth more than a year from every listed one excludes the entry (kept in
 * `excluded` for the audit trail); a nationality mismatch only lowers the score, as lists
 * often give one of several nationalities.
 */
export async function screen(query: ScreeningQuery, store: WatchlistStore, threshold: number): Promise<ScreeningOutcome> {
  const tokens = tokenize(query.full_name);
  const candidates = (await store.candidates(blockingKeys(tokens))).filter((e) => e.entity_type === 'individual');
  const matches: ScreeningMatch[] = [];
  const excluded: ScreeningMatch[] = [];
  for (const entry of candidates) {
    const best = bestName(tokens, entry);
    if (!best || best.score < threshold - 0.08) continue;
    const dob = dobFactor(query.dob, entry.dates_of_birth);
    const nationality: NationalityFactor = !query.nationality || entry.nationalities.length === 0 ? 'unknown'
      : entry.nationalities.includes(query.nationality) ? 'match' : 'mismatch';
    const score = Math.min(1, best.score + DOB_ADJUST[dob] + NAT_ADJUST[nationality]);
    const match = { entry, matched_name: best.name, name_score: round(best.score), score: round(Math.max(0, score)), dob, nationality };
    if (dob === 'mismatch' && best.score >= threshold) excluded.push(match);
    else if (score >= threshold) matches.push(match);
  }
  matches.sort((a, b) => b.score - a.score);
  return { matches, excluded, candidates: candidates.length };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
