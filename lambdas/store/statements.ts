/**
 * Conditional updates of many items, each on its own (not a transaction: one failing leaves
 * the others done), 25 to a round trip: PartiQL's BatchExecuteStatement, which bills each
 * statement as the UpdateItem it stands for (1 WRU an item of at most 1 KB) where a
 * TransactWriteItems would bill 2, and needs `dynamodb:PartiQLUpdate` (lib/grants.ts). A
 * statement whose condition fails (`ConditionalCheckFailed`, an UPDATE of an item that is not
 * there included) is not an error: it did not change its item. A statement failing otherwise
 * in a way worth trying again (throttled, a conflict with a transaction on its item, a server
 * error) is sent again, up to MAX_ROUNDS times with a back-off; then, or at once for any other
 * error (a malformed statement, access denied), the call fails as a single UpdateItem would.
 */
import { BatchExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';

export interface UpdateStatement { Statement: string; Parameters: unknown[] }

const BATCH_SIZE = 25;
const MAX_ROUNDS = 4;
const RETRYABLE = new Set(['RequestLimitExceeded', 'ProvisionedThroughputExceeded', 'TransactionConflict', 'ThrottlingError', 'InternalServerError']);
const backOff = (round: number) => new Promise((resolve) => setTimeout(resolve, 25 * 2 ** round));

/** Runs every statement (UPDATEs); returns how many changed their item. */
export async function updateEach(statements: readonly UpdateStatement[], wait: (round: number) => Promise<unknown> = backOff): Promise<number> {
  let changed = 0;
  for (let i = 0; i < statements.length; i += BATCH_SIZE) {
    let pending = statements.slice(i, i + BATCH_SIZE);
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await wait(round);
      const res = await clients().doc.send(new BatchExecuteStatementCommand({ Statements: pending }));
      const responses = res.Responses ?? [];
      if (responses.length !== pending.length) throw new Error(`BatchExecuteStatement answered ${responses.length} of ${pending.length} statements`);
      const failed = pending.flatMap((statement, k) => {
        const error = responses[k]!.Error;
        if (!error) changed++;
        return error && error.Code !== 'ConditionalCheckFailed' ? [{ statement, error }] : [];
      });
      const stop = failed.find((f) => !RETRYABLE.has(f.error.Code ?? '')) ?? (round + 1 >= MAX_ROUNDS ? failed[0] : undefined);
      if (stop) {
        const { Code = 'BatchStatementError', Message = '' } = stop.error;
        throw Object.assign(new Error(`${failed.length} update(s) failed (try ${round + 1}): ${Code} ${Message}`), { name: Code });
      }
      pending = failed.map((f) => f.statement);
    }
  }
  return changed;
}
