/**
 * An applicant's name or email changed: the search terms of all its runs follow (store/run-index.ts),
 * each run's items replaced in one transaction that carries the run's status (store/index-status.ts).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { writeIndexItems } from '../store/index-status';
import { applicantIndexItems, indexKey, type IndexedApplicant } from '../store/run-index';
import { keys } from '../store/table';

async function runIdsOf(applicantId: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, IndexName: 'gsi2', ExclusiveStartKey: start,
      KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.runsOfApplicant(applicantId) },
      ProjectionExpression: 'id',
    }));
    for (const i of res.Items ?? []) ids.push(String(i.id));
    start = res.LastEvaluatedKey;
  } while (start);
  return ids;
}

export async function reindexRunsOf(applicantId: string, applicant: IndexedApplicant): Promise<void> {
  for (const id of await runIdsOf(applicantId)) {
    const res = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': indexKey(id) },
      ProjectionExpression: 'pk, sk',
    }));
    await writeIndexItems(id, (run) => {
      const puts = applicantIndexItems(run, applicant);
      const terms = new Set(puts.map((p) => p.sk));
      const old = (res.Items ?? []).map((i) => ({ pk: String(i.pk), sk: String(i.sk) })).filter((k) => /^(NAME|EMAIL)#/.test(k.sk) && !terms.has(k.sk));
      return { puts, deletes: old };
    });
  }
}
