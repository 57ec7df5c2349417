/**
 * Shared shapes of the verification suite. A report check is a pure async function from the
 * evidence (applicant data, media bytes already loaded, task config) to an Onfido-shaped report.
 * The Lambda handler (wired to S3/DynamoDB in the back end) loads the evidence and calls it.
 */
import type { ReportResult } from '../../compiler';

export type { ReportResult };
export type Result = 'clear' | 'consider';

/** A breakdown area as Onfido shapes it. An area the check cannot judge is left out. */
export interface BreakdownArea {
  result: Result | null;
  properties?: Record<string, unknown>;
  breakdown?: Record<string, BreakdownArea>;
}

/** Applicant data as stored (Onfido applicant fields). */
export interface ApplicantData {
  first_name?: string;
  last_name?: string;
  dob?: string;             // YYYY-MM-DD
  email?: string;
  phone_number?: string;
  nationality?: string;     // ISO 3166-1 alpha-3
  address?: { country?: string; postcode?: string; town?: string; street?: string; building_number?: string; line1?: string; line2?: string; state?: string };
  id_numbers?: Array<{ type: string; value: string; state_code?: string }>;
}

export interface Media {
  id: string;
  bytes: Buffer;
  contentType: string;      // image/jpeg, image/png, application/pdf, video/mp4...
}

/** The worst of several results: any consider → consider; all null → null. */
export function worst(results: Array<Result | null | undefined>): Result | null {
  const known = results.filter((r): r is Result => r === 'clear' || r === 'consider');
  if (known.length === 0) return null;
  return known.includes('consider') ? 'consider' : 'clear';
}
