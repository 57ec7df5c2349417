/**
 * Erasure records (an Open Studio extension): `GET /v3.6/erasures?applicant_id=` lists the
 * purges of an applicant of the caller's environment (store/erasures.ts): what was removed,
 * counts, when and who asked; no personal data. Readable after the applicant is gone.
 */
import { z } from 'zod';
import { listErasures, type ErasureRecord } from '../../store/erasures';
import { json } from '../http';
import type { Router } from '../router';
import { parseQuery } from '../validate';

const Query = z.object({ applicant_id: z.string().min(1).max(100) });

export const erasureBody = (r: ErasureRecord) => ({
  applicant_id: r.applicant_id, reason: r.reason, workflow_run_ids: r.workflow_run_ids, requested_by: r.requested_by,
  requested_at: r.requested_at, purged_at: r.purged_at, removed: r.removed, sandbox: r.environment === 'sandbox',
});

export function addErasureRoutes(router: Router): void {
  router.add('GET', '/v3.6/erasures', 'api', async (req) => {
    const q = parseQuery(Query, req.query);
    return json(200, { erasures: (await listErasures(q.applicant_id, req.caller.environment)).map(erasureBody) });
  });
}
