/**
 * A stored report in the results search: its `<type>` and `<type>#<result>` on the run item
 * (a string set the search filters on) and as index items (store/run-index.ts) that the search
 * reads for a report filter, with the run's status as read (`live`: a report is stored before
 * the run's result; were the run ended meanwhile, `live` is what the search reads for any status,
 * store/index-status.ts). Both writes are idempotent (a retried report handler repeats them).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { reportIndexItems, reportTerms, writeItems } from './run-index';
import { getRun } from './runs';
import { keys } from './table';

export async function indexReport(runId: string, type: string, result: string): Promise<void> {
  const run = await getRun(runId);
  if (!run) return;
  const values = reportTerms(type, result).map((t) => t.slice('REPORT#'.length));
  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: keys.run(runId), ConditionExpression: 'attribute_exists(pk)',
    UpdateExpression: 'ADD reports :r', ExpressionAttributeValues: { ':r': new Set(values) },
  }));
  await writeItems(reportIndexItems(run, type, result));
}
