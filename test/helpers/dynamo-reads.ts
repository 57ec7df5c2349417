/**
 * What a piece of code read from DynamoDB through the functions' document client (`clients().doc`,
 * in this process): its Queries, the items they read (ScannedCount: filtered out or not) and the
 * keys its BatchGets asked for. For tests that bound what a list or search reads.
 */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';

export interface Reads<T> { value: T; queries: number; itemsQueried: number; keysBatchGot: number }

export async function readsOf<T>(fn: () => Promise<T>): Promise<Reads<T>> {
  const doc = clients().doc;
  const send = doc.send.bind(doc);
  let queries = 0;
  let itemsQueried = 0;
  let keysBatchGot = 0;
  jest.spyOn(doc, 'send').mockImplementation((async (command: unknown) => {
    if (command instanceof BatchGetCommand) keysBatchGot += Object.values(command.input.RequestItems ?? {}).reduce((n, r) => n + (r.Keys?.length ?? 0), 0);
    const res = await send(command as never);
    if (command instanceof QueryCommand) { queries++; itemsQueried += (res as { ScannedCount?: number }).ScannedCount ?? 0; }
    return res;
  }) as never);
  try {
    return { value: await fn(), queries, itemsQueried, keysBatchGot };
  } finally {
    jest.restoreAllMocks();
  }
}
