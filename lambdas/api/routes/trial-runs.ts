/**
 * Beyond Onfido: trial runs of a draft (the builder's "Try it", lambdas/runs/trial.ts) and the
 * route any run took (`GET /v3.6/workflow_runs/{id}/route`: the task ids entered, in order).
 */
import { z } from 'zod';
import { notFound } from '../../shared/errors';
import { systemRuntime, type Runtime } from '../../shared/ids';
import { routeOf } from '../../runs/route';
import { createTrialRun, ReportResults } from '../../runs/trial';
import { CreateRunBody } from '../../runs/create';
import { toWorkflowRun } from '../../runs/view';
import { getWorkflowItem } from '../../store/workflows';
import { json } from '../http';
import { seesRunCredentials } from '../roles';
import type { Router } from '../router';
import { ApplicantCreate } from './applicants';
import { DefinitionField, parseBody, workflowIdParam } from './workflow-input';
import { runFor } from './workflow-runs';

export const TrialRunBody = z.object({
  definition: DefinitionField,
  applicant: ApplicantCreate.optional(),
  applicant_id: z.string().min(1).max(100).optional(),
  report_results: ReportResults.optional(),
  custom_data: CreateRunBody.shape.custom_data,
  tags: CreateRunBody.shape.tags,
}).refine((b) => b.applicant === undefined || b.applicant_id === undefined, { path: ['applicant'], message: 'give applicant or applicant_id, not both' });

export function addTrialRunRoutes(router: Router, rt: Runtime = systemRuntime): void {
  router.add('POST', '/v3.6/workflows/{id}/trial_runs', 'api', async (req) => {
    const id = workflowIdParam(req);
    const workflow = await getWorkflowItem(id, req.caller.environment);
    if (!workflow) throw notFound('Workflow', id);
    const body = parseBody(req, TrialRunBody);
    return json(201, toWorkflowRun(await createTrialRun(workflow, body, rt), rt.now().getTime(), { credentials: seesRunCredentials(req.caller) }));
  });
  router.add('GET', '/v3.6/workflow_runs/{id}/route', 'api', async (req) => {
    const run = await runFor(req.caller, req.params.id ?? '');
    return json(200, { route: await routeOf(run) });
  });
}
