/**
 * india_tax_id_report: the PAN from the applicant's id_numbers (type `pan`) and/or
 * profile_data_capture. Breakdown:
 * - `pan_format`: the structure and holder type (an applicant is a person: holder type must be P);
 * - `name_match`: the 5th character against the surname's initial (absent without a surname);
 * - `consistency`: the same PAN in every source (absent with one source).
 * Whether the PAN is issued, and to whom, needs the Income Tax Department's verification
 * service, which is not reachable offline: no area claims it.
 */
import { EvidenceError } from '../../shared/errors';
import { collectSources } from '../identity_report';
import { worst, type ApplicantData, type BreakdownArea, type ReportResult } from '../types';
import { checkPan, surnameInitial } from './pan';

export interface IndiaPanEvidence {
  applicant: ApplicantData;
  tasks?: Record<string, unknown>;
  config: Record<string, unknown>;
  now: Date;
}

export class IndiaPanInputError extends EvidenceError {
  override readonly name = 'IndiaPanInputError';
}

const mask = (pan: string) => `${pan.slice(0, 5)}****${pan.slice(9)}`;

export async function indiaPanReport(ev: IndiaPanEvidence): Promise<ReportResult> {
  const sources = collectSources(ev.applicant, ev.tasks).filter((s) => s.pan);
  const first = sources[0];
  if (!first?.pan) throw new IndiaPanInputError('india_tax_id_report needs a PAN: add id_numbers [{ type: "pan" }] to the applicant or capture "pan" with profile_data_capture');
  const checks = sources.map((s) => checkPan(s.pan as string));
  const main = checks[0] ?? checkPan(first.pan);
  const problems = [...main.problems];
  if (main.valid && main.holder_type !== 'individual') problems.push(`holder type "${main.holder_type}": the applicant is a person, whose PAN has P as 4th character`);
  const breakdown: Record<string, BreakdownArea> = {
    pan_format: { result: problems.length ? 'consider' : 'clear', properties: { holder_type: main.holder_type ?? null, ...(problems.length ? { problems } : {}) } },
  };
  const lastName = collectSources(ev.applicant, ev.tasks).find((s) => s.last_name)?.last_name;
  const initial = lastName ? surnameInitial(lastName) : undefined;
  if (main.valid && main.holder_type === 'individual' && initial) {
    breakdown.name_match = { result: main.name_initial === initial ? 'clear' : 'consider', properties: { pan_initial: main.name_initial, surname_initial: initial } };
  }
  if (checks.length >= 2) {
    const same = checks.every((c) => c.pan === main.pan);
    breakdown.consistency = { result: same ? 'clear' : 'consider', properties: { sources: sources.map((s) => s.task_id ?? s.source) } };
  }
  return {
    result: worst(Object.values(breakdown).map((b) => b.result)) ?? 'consider',
    breakdown,
    properties: { pan: mask(main.pan), holder_type: main.holder_type ?? null, checked_at: ev.now.toISOString() },
  };
}
