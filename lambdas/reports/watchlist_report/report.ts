/**
 * watchlist_report: screens the applicant against the list behind a WatchlistStore.
 *
 * Breakdown areas, as Onfido's: `sanction`, `politically_exposed_person` and `monitored_lists`,
 * each present only when the list holds entries of that category (a list without PEP entries
 * cannot clear anyone of being a PEP). `adverse_media` is always absent: no news source is
 * searched. Variants: `standard` reports matches scoring ≥ 0.90; `aml` screens wider (≥ 0.86),
 * trading more potential matches for review against fewer misses. `properties.watchlist` names
 * the list screened: its source, version and import date (lists.ts; the seed's date is null).
 */
import { EvidenceError } from '../../shared/errors';
import { collectSources, firstOf } from '../identity_report';
import type { ApplicantData, BreakdownArea, ReportResult } from '../types';
import { screen, type ScreeningMatch } from './screen';
import type { WatchlistInfo } from './lists';
import type { WatchlistStore } from './store';
import type { WatchlistCategory } from './types';

export const THRESHOLDS = { standard: 0.9, aml: 0.86 } as const;
export type WatchlistVariant = keyof typeof THRESHOLDS;

export interface WatchlistEvidence {
  applicant: ApplicantData;
  /** Outputs of earlier tasks by id (autofill, document_report, profile_data_capture). */
  tasks?: Record<string, unknown>;
  config: Record<string, unknown>;
  store: WatchlistStore;
  /** Which list `store` holds (lists.ts): stated in the report. */
  list: WatchlistInfo;
  now: Date;
}

export class WatchlistInputError extends EvidenceError {
  override readonly name = 'WatchlistInputError';
}

const CATEGORIES: WatchlistCategory[] = ['sanction', 'politically_exposed_person', 'monitored_lists'];

function record(m: ScreeningMatch) {
  const e = m.entry;
  return {
    external_id: e.id, full_name: e.name, matched_name: m.matched_name, aliases: e.aliases,
    entity_type: e.entity_type, category: e.category, dob: e.dates_of_birth, nationality: e.nationalities,
    sources: [{ source_name: e.source.name, reference: e.source.reference, programs: e.source.programs, listed_on: e.source.listed_on, url: e.source.url }],
    score: m.score, name_score: m.name_score,
    match_factors: { name: m.name_score, date_of_birth: m.dob, nationality: m.nationality },
    ...(e.remarks ? { remarks: e.remarks } : {}),
  };
}

export async function watchlistReport(ev: WatchlistEvidence): Promise<ReportResult> {
  const variant = (ev.config.variant ?? 'standard') as string;
  if (!(variant in THRESHOLDS)) throw new WatchlistInputError(`watchlist_report variant "${variant}" is unknown: use "standard" or "aml"`);
  const threshold = THRESHOLDS[variant as WatchlistVariant];
  const sources = collectSources(ev.applicant, ev.tasks);
  const named = sources.find((s) => s.first_name && s.last_name);
  if (!named) throw new WatchlistInputError('watchlist_report needs a first and last name: set them on the applicant or capture a document or profile data first');
  const query = {
    full_name: `${named.first_name} ${named.last_name}`,
    dob: firstOf(sources, 'dob'), nationality: firstOf(sources, 'nationality'),
  };
  const [outcome, held] = await Promise.all([screen(query, ev.store, threshold), ev.store.categories()]);
  const breakdown: Record<string, BreakdownArea> = {};
  for (const c of CATEGORIES) {
    if (!held.has(c)) continue;
    breakdown[c] = { result: outcome.matches.some((m) => m.entry.category === c) ? 'consider' : 'clear' };
  }
  return {
    result: outcome.matches.length > 0 ? 'consider' : 'clear',
    breakdown,
    properties: {
      records: outcome.matches.map(record),
      screened: { full_name: query.full_name, date_of_birth: query.dob ?? null, nationality: query.nationality ?? null, name_source: named.source },
      variant, threshold,
      excluded_by_date_of_birth: outcome.excluded.map((m) => ({ external_id: m.entry.id, full_name: m.entry.name, name_score: m.name_score })),
      candidates_compared: outcome.candidates,
      screened_at: ev.now.toISOString(),
      watchlist: { source: ev.list.source, version: ev.list.version, imported_at: ev.list.imported_at },
    },
  };
}
