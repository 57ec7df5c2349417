/**
 * The console's review queue (beyond Onfido's API, under `/v3.6/studio/`, like the results):
 * the environment's undecided `review` runs, oldest first, a page at a time; assign one to the
 * caller; decide it (lambdas/results/review.ts). Document reports waiting for an analyst are in
 * the same queue (`report_review` on their rows) and decided clear or consider
 * (lambdas/results/report-review.ts). Analysts may assign and decide (roles.ts).
 */
import { z } from 'zod';
import { assign, decide, DecisionBody } from '../../results/review';
import { queueRows } from '../../results/report-queue';
import { decideReport, ReportDecisionBody } from '../../results/report-review';
import { taskView } from '../../tasks/view';
import { systemRuntime, type Runtime } from '../../shared/ids';
import { reviewQueue } from '../../store/reviews';
import { toWorkflowRun } from '../../runs/view';
import { json, type Request } from '../http';
import { savedBy, seesRunCredentials } from '../roles';
import type { Router } from '../router';
import { parseJsonBody, parseWith } from '../validate';
import { queryObject } from './workflow-runs';

/** The analyst's writes among them are listed in roles.ts (ANALYST_WRITES). */
const REVIEW_ROUTES = {
  queue: '/v3.6/studio/review_queue',
  assign: '/v3.6/studio/review_queue/{id}/assign',
  decision: '/v3.6/studio/review_queue/{id}/decision',
  /** A document report waiting for an analyst (`processing: manual | hybrid`): `{ decision: clear|consider, note }`. */
  reportDecision: '/v3.6/studio/review_queue/{id}/reports/{task_id}/decision',
} as const;

const QueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.string().max(200).regex(/^[^#]+#[^#]+$/, 'the `next` of the previous page').optional(),
}).strict();

export function addReviewRoutes(router: Router, rt: Runtime = systemRuntime): void {
  router.add('GET', REVIEW_ROUTES.queue, 'api', async (req: Request) => {
    const q = parseWith(QueueQuery, queryObject(req.query), 'query');
    const page = await reviewQueue(req.caller.environment, q.limit, q.after);
    return json(200, { results: await queueRows(page.entries), next: page.next });
  });
  router.add('POST', REVIEW_ROUTES.assign, 'api', async (req: Request) =>
    json(200, toWorkflowRun(await assign(req.params.id ?? '', req.caller.environment, savedBy(req.caller), rt), rt.now().getTime(), { credentials: seesRunCredentials(req.caller) })));
  router.add('POST', REVIEW_ROUTES.decision, 'api', async (req: Request) => {
    const body = parseJsonBody(DecisionBody, req.body);
    return json(200, toWorkflowRun(await decide(req.params.id ?? '', req.caller.environment, body, savedBy(req.caller), rt), rt.now().getTime(), { credentials: seesRunCredentials(req.caller) }));
  });
  router.add('POST', REVIEW_ROUTES.reportDecision, 'api', async (req: Request) => {
    const body = parseJsonBody(ReportDecisionBody, req.body);
    return json(200, taskView(await decideReport(req.params.id ?? '', req.params.task_id ?? '', req.caller.environment, body, savedBy(req.caller), rt)));
  });
}
