/**
 * identity_report: name, date of birth, address and (config `match_ssn`) US SSN across the
 * sources a run holds: the applicant record, autofill / document_report data and
 * profile_data_capture fields.
 *
 * Breakdown, shaped as Onfido's: `sources` (how many sources, whether their names agree),
 * `date_of_birth`, `address`, and `ssn` when `match_ssn` is set. Each area's breakdown is
 * keyed by source. Onfido corroborates against credit agencies and voting registers; no such
 * database is reachable here, so corroboration means agreement between independent sources,
 * and `mortality` is absent (no death register). An area with no data at all is absent.
 */
import { worst, type ApplicantData, type BreakdownArea, type ReportResult } from '../types';
import { alpha3, checkAddress, sameAddress } from './address';
import { consistencyArea } from './areas';
import { checkDob } from './dob';
import { checkPhone } from './phone';
import { collectSources, firstOf, type PersonSource } from './sources';
import { checkSsn } from './ssn';
import { sameWords } from './text';

export interface IdentityEvidence {
  applicant: ApplicantData;
  tasks?: Record<string, unknown>;
  config: Record<string, unknown>;
  now: Date;
}

const fullName = (s: PersonSource) => (s.first_name || s.last_name ? [s.first_name, s.last_name].filter(Boolean).join(' ') : undefined);

function sourcesArea(sources: readonly PersonSource[]): BreakdownArea {
  const names = consistencyArea(sources, { get: fullName, check: () => ({ valid: true }), same: (a, b) => sameWords(a, b), show: (v) => v });
  const total = sources.filter((s) => Object.keys(s).length > 1).length;
  const totalArea: BreakdownArea = { result: total >= 2 ? 'clear' : 'consider', properties: { total_number_of_sources: String(total) } };
  const breakdown: Record<string, BreakdownArea> = { total_sources: totalArea, ...(names ? { name: names } : {}) };
  return { result: worst(Object.values(breakdown).map((b) => b.result)), breakdown };
}

function ssnArea(sources: readonly PersonSource[]): BreakdownArea | undefined {
  const found = sources.filter((s) => s.ssn).map((s) => checkSsn(s.ssn as string));
  if (found.length === 0) return { result: 'consider', properties: { problems: ['no SSN in any source'] } };
  const problems = [...new Set(found.flatMap((f) => f.problems))];
  const format: BreakdownArea = { result: problems.length ? 'consider' : 'clear', ...(problems.length ? { properties: { problems } } : {}) };
  const several = found.length >= 2;
  const same = (pick: (d: string) => string) => found.every((f) => pick(f.digits) === pick(found[0]?.digits ?? ''));
  const breakdown: Record<string, BreakdownArea> = {
    format,
    full_match: { result: several ? (same((d) => d) ? 'clear' : 'consider') : null },
    last_4_digits_match: { result: several ? (same((d) => d.slice(-4)) ? 'clear' : 'consider') : null },
  };
  return { result: worst(Object.values(breakdown).map((b) => b.result)), breakdown,
    properties: { number_of_sources: found.length, last_4_digits: found.map((f) => f.digits.slice(-4)) } };
}

export async function identityReport(ev: IdentityEvidence): Promise<ReportResult> {
  const sources = collectSources(ev.applicant, ev.tasks);
  const breakdown: Record<string, BreakdownArea> = { sources: sourcesArea(sources) };
  const dob = consistencyArea(sources, { get: (s) => s.dob, check: (v) => checkDob(v, ev.now), same: (a, b) => a === b, show: (v) => v });
  if (dob) breakdown.date_of_birth = dob;
  const address = consistencyArea(sources, { get: (s) => s.address, check: checkAddress, same: sameAddress, show: (v) => v });
  if (address) breakdown.address = address;
  if (ev.config.match_ssn === true) breakdown.ssn = ssnArea(sources) as BreakdownArea;
  const residence = alpha3(firstOf(sources, 'address')?.country) ?? alpha3(firstOf(sources, 'country_of_residence'));
  const phones = sources.filter((s) => s.phone_number).map((s) => ({ source: s.source, ...checkPhone(s.phone_number as string, residence) }));
  return {
    result: worst(Object.values(breakdown).map((b) => b.result)) ?? 'consider',
    breakdown,
    properties: {
      sources: sources.map((s) => ({ source: s.source, ...(s.task_id ? { task_id: s.task_id } : {}) })),
      ...(phones.length ? { phone_numbers: phones.map((p) => ({ ...p, matches_residence: residence && p.country ? p.country === residence : null })) } : {}),
      ...(residence ? { country_of_residence: residence } : {}),
      checked_at: ev.now.toISOString(),
    },
  };
}
