/** Counts the runs a results search reads: every key of every BatchGet it sends. */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ResultsQuery } from '../../lambdas/results/query';
import { searchRuns } from '../../lambdas/results/search';
import { clients } from '../../lambdas/shared/aws';

/** One page of the search, and how many runs it read for it. */
export async function searchCountingReads(query: Record<string, string>, env: 'sandbox' | 'live' = 'sandbox') {
  const doc = clients().doc;
  const send = doc.send.bind(doc);
  let runsRead = 0;
  jest.spyOn(doc, 'send').mockImplementation(((command: unknown) => {
    if (command instanceof BatchGetCommand) runsRead += Object.values(command.input.RequestItems ?? {}).reduce((n, r) => n + (r.Keys?.length ?? 0), 0);
    return send(command as never);
  }) as never);
  try {
    return { page: await searchRuns(ResultsQuery.parse(query), env), runsRead };
  } finally {
    jest.restoreAllMocks();
  }
}
