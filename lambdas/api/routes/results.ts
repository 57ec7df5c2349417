/**
 * The console's results (beyond Onfido's API, under `/v3.6/studio/`, API token only): search
 * and filter the environment's runs (lambdas/results/search.ts), a page at a time.
 */
import { ResultsQuery } from '../../results/query';
import { resultRows } from '../../results/rows';
import { searchRuns } from '../../results/search';
import { json, type Request } from '../http';
import type { Router } from '../router';
import { parseWith } from '../validate';
import { queryObject } from './workflow-runs';

async function search(req: Request) {
  const query = parseWith(ResultsQuery, queryObject(req.query), 'query');
  const page = await searchRuns(query, req.caller.environment);
  return json(200, { results: await resultRows(page.runs), next: page.next });
}

export function addResultRoutes(router: Router): void {
  router.add('GET', '/v3.6/studio/results', 'api', search);
}
