/**
 * Applicant fields a workflow supplies through custom inputs or received Send/Receive
 * properties marked with a `semantic` applicant field: a report uses one when the applicant
 * lacks that field (the applicant's own data wins).
 */
import { z } from 'zod';
import type { ReportRequest } from '../../compiler';
import type { ApplicantData } from './types';

const Text = z.string().trim().min(1);
const Address = z.object({
  country: Text.optional(), postcode: Text.optional(), town: Text.optional(), street: Text.optional(),
  building_number: Text.optional(), line1: Text.optional(), line2: Text.optional(), state: Text.optional(),
}).passthrough();
/** `YYYY-MM-DD`, or the date of a date-time. */
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}/).transform((s) => s.slice(0, 10));

const Semantic = z.object({
  first_name: Text, last_name: Text, dob: DateOnly, email: Text, phone_number: Text, address: Address, ssn: Text, pan: Text,
}).partial();

/** The applicant with each missing field taken from the request's `semantic` values (values of the wrong shape are ignored). */
export function withSemanticFields(applicant: ApplicantData, req: Pick<ReportRequest, 'semantic'>): ApplicantData {
  const given = Object.fromEntries(Object.entries(req.semantic ?? {}).filter(([k, v]) => {
    const field = Semantic.shape[k as keyof typeof Semantic.shape];
    return field !== undefined && field.safeParse(v).success;
  }));
  const s = Semantic.parse(given);
  const out: ApplicantData = { ...applicant };
  for (const key of ['first_name', 'last_name', 'dob', 'email', 'phone_number'] as const) {
    if (!out[key] && s[key]) out[key] = s[key];
  }
  if (!out.address && s.address) out.address = s.address;
  const ids = [...(out.id_numbers ?? [])];
  for (const type of ['ssn', 'pan'] as const) {
    const value = s[type];
    if (value && !ids.some((n) => n.type === type)) ids.push({ type, value });
  }
  if (ids.length > 0) out.id_numbers = ids;
  return out;
}
