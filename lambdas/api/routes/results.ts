/**
 * The console's results (beyond Onfido's API, under `/v3.6/studio/`, API token only): search
 * and filter the environment's runs (lambdas/results/search.ts), a page at a time; a run's route,
 * steps, timeline and media (lambdas/results/inspect.ts).
 */
import { inspectRun } from '../../results/inspect';
import { ResultsQuery } from '../../results/query';
import { resultRows } from '../../results/rows';
import { searchRuns } from '../../results/search';
import { json, type Request } from '../http';
import type { Router } from '../router';
import { parseWith } from '../validate';
import { queryObject, runFor } from './workflow-runs';

async function search(req: Request) {
  const query = parseWith(ResultsQuery, queryObject(req.query), 'query');
  const page = await searchRuns(query, req.caller.environment);
  return json(200, { results: await resultRows(page.runs), next: page.next });
}

async function inspect(req: Request) {
  return json(200, await inspectRun(await runFor(req.caller, req.params.id ?? '')));
}

export function addResultRoutes(router: Router): void {
  router.add('GET', '/v3.6/studio/results', 'api', search);
  router.add('GET', '/v3.6/studio/runs/{id}', 'api', inspect);
}
