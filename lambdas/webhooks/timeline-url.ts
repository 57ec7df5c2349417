/**
 * `timeline_file_download_url` of a `workflow_timeline_file.created` webhook (Onfido v3.6): a
 * presigned GET of the timeline PDF. The webhook function may read timeline files and nothing
 * else of the bucket (`timelineFiles` in lib/functions.ts), so it presigns without store/s3.ts.
 * Each delivery attempt (and a resend) builds its body again, so each gets a fresh URL.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { timelineKey } from '../store/evidence';
import type { RunItem } from '../store/runs';

/** How long the URL works: an hour, for a receiver that queues its work. */
export const TIMELINE_URL_SECONDS = 3600;

export function timelineDownloadUrl(run: Pick<RunItem, 'environment' | 'applicant_id' | 'id'>, fileId: string): Promise<string> {
  return getSignedUrl(clients().s3, new GetObjectCommand({
    Bucket: config().BUCKET_NAME, Key: timelineKey(run, fileId),
    ResponseContentType: 'application/pdf', ResponseContentDisposition: `attachment; filename="timeline-${run.id}.pdf"`,
  }), { expiresIn: TIMELINE_URL_SECONDS });
}
