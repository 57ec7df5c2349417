/** Counts what a results search reads: every key of every BatchGet it sends (runs) and every item its Queries read (index items, filtered out or not). */
import { ResultsQuery } from '../../lambdas/results/query';
import { searchRuns } from '../../lambdas/results/search';
import { readsOf } from '../helpers/dynamo-reads';

/** One page of the search, how many runs it read for it and how many items its Queries read. */
export async function searchCountingReads(query: Record<string, string>, env: 'sandbox' | 'live' = 'sandbox') {
  const reads = await readsOf(() => searchRuns(ResultsQuery.parse(query), env));
  return { page: reads.value, runsRead: reads.keysBatchGot, itemsQueried: reads.itemsQueried };
}
