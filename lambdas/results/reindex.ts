/** An applicant's name or email changed: the search terms of all its runs follow (store/run-index.ts). */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { reindexApplicant, type IndexedApplicant } from '../store/run-index';
import { keys } from '../store/table';

export async function reindexRunsOf(applicantId: string, applicant: IndexedApplicant): Promise<void> {
  const runs: Array<{ id: string; environment: string; created_at: string }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, IndexName: 'gsi2', ExclusiveStartKey: start,
      KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.runsOfApplicant(applicantId) },
      ProjectionExpression: 'id, environment, created_at',
    }));
    for (const i of res.Items ?? []) runs.push({ id: String(i.id), environment: String(i.environment), created_at: String(i.created_at) });
    start = res.LastEvaluatedKey;
  } while (start);
  await reindexApplicant(runs, applicant);
}
