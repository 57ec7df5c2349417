/**
 * What each role may do. API tokens are `admin` of their environment; console users are `admin`
 * (everything) or `analyst`: every read except API tokens, webhooks and uploads (and no run credentials:
 * `seesRunCredentials`), and of the writes only those
 * listed in ANALYST_WRITES (review decisions on results); anything else is a 403 with Onfido's
 * error body, before the handler runs.
 */
import { forbidden } from '../shared/errors';
import type { Caller } from './http';
import type { Route } from './router';

/** Writes an analyst may make, as `METHOD pattern`: assigning and deciding review runs, deciding waiting reports (routes/review.ts). */
export const ANALYST_WRITES: ReadonlySet<string> = new Set<string>([
  'POST /v3.6/studio/review_queue/{id}/assign', 'POST /v3.6/studio/review_queue/{id}/decision',
  'POST /v3.6/studio/review_queue/{id}/reports/{task_id}/decision',
]);
/**
 * Reads only an admin may make: the API tokens are an admin's keys, a webhook's `token` signs
 * deliveries the integrator trusts, a pending upload holds presigned URLs that write.
 */
const ADMIN_READS = /^\/v3\.6\/(api_tokens|webhooks|uploads)(\/|$)/;

/** The caller's role: an API token's or an admin console user's `admin`, an analyst's `analyst`, an SDK token's none. */
export const roleOf = (caller: Caller): 'admin' | 'analyst' | undefined =>
  caller.kind === 'sdk' ? undefined : caller.user?.role ?? 'admin';

/** Whether views of live runs carry their capture credentials (`sdk_token`, the link's token): not for analysts, whose role reads only. */
export const seesRunCredentials = (caller: Caller): boolean => roleOf(caller) === 'admin';

/** 403 unless the caller's role allows the route. */
export function authorize(caller: Caller, route: Pick<Route, 'method' | 'pattern'>): void {
  if (roleOf(caller) !== 'analyst') return;
  const read = route.method === 'GET' || route.method === 'HEAD';
  if (read ? !ADMIN_READS.test(route.pattern) : ANALYST_WRITES.has(`${route.method} ${route.pattern}`)) return;
  throw forbidden(`An analyst may not ${read ? 'read' : 'change'} this (${route.method} ${route.pattern}); ask an admin`);
}

/** Who saved a version: the console user's email, or "API token". */
export const savedBy = (caller: Caller): string => (caller.kind === 'api' && caller.user ? caller.user.email : 'API token');
