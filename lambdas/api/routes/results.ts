/**
 * The console's results (beyond Onfido's API, under `/v3.6/studio/`, API token only): search
 * and filter the environment's runs (lambdas/results/search.ts), a page at a time; a run's route,
 * steps, timeline and media (lambdas/results/inspect.ts); a workflow version's funnel
 * (lambdas/results/funnel.ts).
 */
import { z } from 'zod';
import { notFound } from '../../shared/errors';
import { getVersion } from '../../store/workflows';
import { versionFunnel } from '../../results/funnel';
import { inspectRun } from '../../results/inspect';
import { ResultsQuery } from '../../results/query';
import { resultRows } from '../../results/rows';
import { searchRuns } from '../../results/search';
import { json, type Request } from '../http';
import type { Router } from '../router';
import { parseQuery, parseWith } from '../validate';
import { queryObject, runFor } from './workflow-runs';

async function search(req: Request) {
  const query = parseWith(ResultsQuery, queryObject(req.query), 'query');
  const page = await searchRuns(query, req.caller.environment);
  return json(200, { results: await resultRows(page.runs), next: page.next });
}

async function inspect(req: Request) {
  return json(200, await inspectRun(await runFor(req.caller, req.params.id ?? '')));
}

const FunnelQuery = z.object({
  workflow_id: z.string().min(1).max(100), version: z.coerce.number().int().min(1),
  include_trials: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

async function funnel(req: Request) {
  const q = parseQuery(FunnelQuery, req.query);
  const version = await getVersion(q.workflow_id, q.version, req.caller.environment);
  if (!version) throw notFound('WorkflowVersion', `${q.workflow_id}/${q.version}`);
  return json(200, await versionFunnel(req.caller.environment, q.workflow_id, q.version, version.definition, { includeTrials: q.include_trials }));
}

export function addResultRoutes(router: Router): void {
  router.add('GET', '/v3.6/studio/results', 'api', search);
  router.add('GET', '/v3.6/studio/runs/{id}', 'api', inspect);
  router.add('GET', '/v3.6/studio/funnel', 'api', funnel);
}
