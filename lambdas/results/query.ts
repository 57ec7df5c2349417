/**
 * The console's results search (`GET /v3.6/studio/results`): one text `q` and filters, as the
 * console keeps them in its URL. `q` is an email when it has an `@`, a run or applicant id when it
 * is a UUID, otherwise a prefix of the applicant's first, last or full name.
 */
import { z } from 'zod';
import { RunStatus } from '../store/runs';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be an ISO 8601 date or date-time' })
  .transform((s) => new Date(s).toISOString());
const commaList = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PAGE_LIMIT = 100;

export const ResultsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: commaList.pipe(z.array(RunStatus).max(12)).optional(),
  workflow_id: z.string().min(1).max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  tags: commaList.pipe(z.array(z.string().max(128)).max(30, 'at most 30 tags')).optional(),
  report_type: z.string().regex(/^[a-z_]{1,64}$/, 'must be a report type such as document_report').optional(),
  report_result: z.enum(['clear', 'consider']).optional(),
  /** Trial runs (the builder's "Try it"): left out unless `include`d (or asked for `only`). */
  trials: z.enum(['exclude', 'include', 'only']).default('exclude'),
  sort: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT).default(20),
  /** The sort key of the last run of the previous page (`next` of that page). */
  after: z.string().max(300).regex(/^\d{4}-\d\d-\d\dT[^#]+#[^#]+$/, 'must be the `next` of a previous page').optional(),
}).refine((q) => !q.report_result || q.report_type, { message: 'report_result needs report_type', path: ['report_result'] });
export type ResultsQuery = z.infer<typeof ResultsQuery>;

export type SearchTerm = { kind: 'email'; value: string } | { kind: 'id'; value: string } | { kind: 'name'; value: string } | { kind: 'none' };

export function searchTerm(q: string | undefined): SearchTerm {
  const text = (q ?? '').trim();
  if (!text) return { kind: 'none' };
  if (text.includes('@')) return { kind: 'email', value: text.toLowerCase() };
  if (UUID.test(text)) return { kind: 'id', value: text.toLowerCase() };
  return { kind: 'name', value: text };
}
