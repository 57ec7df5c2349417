/**
 * Sandbox report results: deterministic, no evidence read. See README.md for the rules.
 */
import { SANDBOX_RESULTS_KEY, type ReportRequest, type ReportResult } from '../../../compiler';
import type { ApplicantData, Result } from '../types';
import { CANNED } from './canned';

/** The last name that makes every sandbox report `consider` (Onfido's sandbox convention). */
export const CONSIDER_LAST_NAME = 'Consider';

function forced(req: ReportRequest): Result | undefined {
  const overrides = req.run.custom[SANDBOX_RESULTS_KEY];
  if (typeof overrides !== 'object' || overrides === null) return undefined;
  const map = overrides as Record<string, unknown>;
  for (const key of [req.task_id, req.report]) {
    const v = map[key];
    if (v === 'clear' || v === 'consider') return v;
  }
  return undefined;
}

export function sandboxResult(req: ReportRequest, applicant: ApplicantData): Result {
  return forced(req) ?? (applicant.last_name?.trim() === CONSIDER_LAST_NAME ? 'consider' : 'clear');
}

export function sandboxReport(req: ReportRequest, applicant: ApplicantData): ReportResult {
  return CANNED[req.report](sandboxResult(req, applicant), applicant, req.config);
}
