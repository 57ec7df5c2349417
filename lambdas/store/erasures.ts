/**
 * Erasure records: proof that a purge happened, without personal data. One per applicant purge
 * (`keys.erasure(applicant, 'APPLICANT')`) and one per run purged by retention
 * (`RUN#<run id>`), all under the applicant's id so that `GET /v3.6/erasures?applicant_id=`
 * is one Query. Written with a condition: a retried purge keeps the first record.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { RequestedBy } from './applicant-deletion';
import { isConditionFailure } from './runs';
import { keys } from './table';

export const ErasureRecord = z.object({
  applicant_id: z.string(),
  environment: z.enum(['sandbox', 'live']),
  /** `deletion`: the applicant was deleted and its grace period ended; `retention`: a run ended longer ago than the environment keeps runs. */
  reason: z.enum(['deletion', 'retention']),
  /** Runs whose personal data went (their ids, statuses and dates stay for accounting). */
  workflow_run_ids: z.array(z.string()),
  requested_by: RequestedBy,
  requested_at: z.string(),
  purged_at: z.string(),
  /** What was removed, by kind, with counts (`applicant`, `media`, `uploads` (direct uploads never confirmed), `s3_objects`, `faces`, `runs`, `tasks`, `events`, `dead_letters`, `executions_stopped`). */
  removed: z.record(z.string(), z.number().int().min(0)),
});
export type ErasureRecord = z.infer<typeof ErasureRecord>;

/** Writes the record unless this purge already wrote one (a retry keeps the first). */
export async function putErasure(what: string, record: ErasureRecord): Promise<void> {
  try {
    await clients().doc.send(new PutCommand({
      TableName: config().TABLE_NAME, Item: { ...keys.erasure(record.applicant_id, what), ...record }, ConditionExpression: 'attribute_not_exists(pk)',
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** The erasure records of an applicant in the environment, oldest first. */
export async function listErasures(applicantId: string, environment: string): Promise<ErasureRecord[]> {
  const out: ErasureRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, ConsistentRead: true, ExclusiveStartKey: start,
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.erasure(applicantId, '').pk },
    }));
    for (const item of res.Items ?? []) out.push(ErasureRecord.parse(item));
    start = res.LastEvaluatedKey;
  } while (start);
  return out.filter((r) => r.environment === environment).sort((a, b) => a.purged_at.localeCompare(b.purged_at));
}

/** Whether the applicant's purge has happened (its record is there). */
export async function wasPurged(applicantId: string): Promise<boolean> {
  const res = await clients().doc.send(new QueryCommand({
    TableName: config().TABLE_NAME, ConsistentRead: true, KeyConditionExpression: 'pk = :pk AND sk = :sk',
    ExpressionAttributeValues: { ':pk': keys.erasure(applicantId, '').pk, ':sk': 'APPLICANT' },
  }));
  return (res.Items ?? []).length > 0;
}
