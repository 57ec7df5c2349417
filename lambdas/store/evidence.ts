/**
 * Evidence files of a run (lambdas/evidence): the signed PDF and the folder ZIP in the media
 * bucket beside the applicant's media (`<environment>/<applicant>/evidence/<run>.pdf|zip`, so
 * whatever removes an applicant's objects removes them too), and timeline files with a record in
 * the run's partition (pending until the evidence function wrote the PDF), written with the
 * pending event that asks for it (store/pending-events.ts), so a request the bus refused is put later.
 */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { mediaObjectKey, TIMELINE_FILES } from './object-keys';
import { pendingEventPut, type PendingEvent } from './pending-events';
import { keys } from './table';
import type { RunItem } from './runs';

export type EvidenceFile = 'pdf' | 'zip';
export const evidenceKey = (run: Pick<RunItem, 'environment' | 'applicant_id' | 'id'>, file: EvidenceFile) =>
  mediaObjectKey(run.environment, run.applicant_id, 'evidence', `${run.id}.${file}`);
export const timelineKey = (run: Pick<RunItem, 'environment' | 'applicant_id' | 'id'>, id: string) =>
  mediaObjectKey(run.environment, run.applicant_id, TIMELINE_FILES, `${id}.pdf`);

export const TimelineFileItem = z.object({
  id: z.string(), workflow_run_id: z.string(), status: z.enum(['pending', 'ready']), created_at: z.string(), ready_at: z.string().optional(),
});
export type TimelineFileItem = z.infer<typeof TimelineFileItem>;

/** Records a timeline file, with `request` (the pending event asking the evidence function for it) in one transaction. */
export async function putTimelineFile(item: TimelineFileItem, request?: PendingEvent): Promise<void> {
  const put = { TableName: config().TABLE_NAME, Item: { ...keys.timelineFile(item.workflow_run_id, item.id), ...item }, ConditionExpression: 'attribute_not_exists(pk)' };
  if (!request) await clients().doc.send(new PutCommand(put));
  else await clients().doc.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, pendingEventPut(request)] }));
}

export async function getTimelineFile(runId: string, id: string): Promise<TimelineFileItem | undefined> {
  const out = await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: keys.timelineFile(runId, id), ConsistentRead: true }));
  return out.Item ? TimelineFileItem.parse(out.Item) : undefined;
}

export async function markTimelineFileReady(runId: string, id: string, at: string): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: keys.timelineFile(runId, id), ConditionExpression: 'attribute_exists(pk)',
    UpdateExpression: 'SET #s = :ready, ready_at = :at', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':ready': 'ready', ':at': at },
  }));
}
