/**
 * What an applicant's purge and a run's retention look up besides what tasks name: the direct
 * uploads of an applicant (gsi1 `keys.uploadsOfApplicant`, until their TTL) and the media items a
 * run's token uploaded (`run_id`, on the applicant's media lists, gsi1 `keys.mediaOfApplicant`).
 */
import { MEDIA_KINDS, type MediaKind } from './media';
import { queryAll } from './query-all';
import { keys } from './table';
import { UploadItem } from './uploads';

/** The direct uploads of the applicant (pending and confirmed); with `runId`, only those its run's token started. */
export async function uploadsOfApplicant(applicantId: string, runId?: string): Promise<UploadItem[]> {
  const items = await queryAll({
    IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.uploadsOfApplicant(applicantId), ...(runId ? { ':run': runId } : {}) },
    ...(runId ? { FilterExpression: 'run_id = :run' } : {}),
  });
  return items.map((i) => UploadItem.parse(i));
}

/** Ids of the applicant's media items that the run's token uploaded (each kind's list, filtered on `run_id`). */
export async function mediaIdsOfRun(applicantId: string, runId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const kind of Object.keys(MEDIA_KINDS) as MediaKind[]) {
    const items = await queryAll({
      IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', FilterExpression: 'run_id = :run', ProjectionExpression: '#id', ExpressionAttributeNames: { '#id': 'id' },
      ExpressionAttributeValues: { ':pk': keys.mediaOfApplicant(applicantId, kind), ':run': runId },
    });
    ids.push(...items.map((i) => String(i.id)));
  }
  return ids;
}
