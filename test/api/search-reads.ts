/** Counts what a results search reads: every key of every BatchGet it sends (runs) and every item its Queries read (index items, filtered out or not). */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ResultsQuery } from '../../lambdas/results/query';
import { searchRuns } from '../../lambdas/results/search';
import { clients } from '../../lambdas/shared/aws';

/** One page of the search, how many runs it read for it and how many items its Queries read. */
export async function searchCountingReads(query: Record<string, string>, env: 'sandbox' | 'live' = 'sandbox') {
  const doc = clients().doc;
  const send = doc.send.bind(doc);
  let runsRead = 0;
  let itemsQueried = 0;
  jest.spyOn(doc, 'send').mockImplementation((async (command: unknown) => {
    if (command instanceof BatchGetCommand) runsRead += Object.values(command.input.RequestItems ?? {}).reduce((n, r) => n + (r.Keys?.length ?? 0), 0);
    const res = await send(command as never);
    if (command instanceof QueryCommand) itemsQueried += (res as { ScannedCount?: number }).ScannedCount ?? 0;
    return res;
  }) as never);
  try {
    return { page: await searchRuns(ResultsQuery.parse(query), env), runsRead, itemsQueried };
  } finally {
    jest.restoreAllMocks();
  }
}
