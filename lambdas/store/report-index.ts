/**
 * A stored report in the results search: its `<type>` and `<type>#<result>` on the run item
 * (a string set the search filters on) and as index items (store/run-index.ts) that the search
 * reads for a report filter, with the run's status (store/index-status.ts). Both writes are
 * idempotent (a retried report handler repeats them).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { writeIndexItems } from './index-status';
import { reportIndexItems, reportTerms } from './run-index';
import { keys } from './table';

export async function indexReport(runId: string, type: string, result: string): Promise<void> {
  const values = reportTerms(type, result).map((t) => t.slice('REPORT#'.length));
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: config().TABLE_NAME, Key: keys.run(runId), ConditionExpression: 'attribute_exists(pk)',
      UpdateExpression: 'ADD reports :r', ExpressionAttributeValues: { ':r': new Set(values) },
    }));
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return;
    throw e;
  }
  await writeIndexItems(runId, (run) => ({ puts: reportIndexItems(run, type, result) }));
}
