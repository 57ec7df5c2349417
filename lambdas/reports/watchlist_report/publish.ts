/**
 * Stores an imported list (lists.ts): the list under its version first, then the pointer that
 * makes it the current one, so a report never finds a pointer to a missing list. Used by the
 * watchlist refresh function (lambdas/watchlists/) and by `studio watchlist import`.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CURRENT_KEY, listKey, type ImportedWatchlist } from './lists';

export async function publishWatchlist(s3: S3Client, bucket: string, list: ImportedWatchlist): Promise<{ key: string }> {
  const key = listKey(list.watchlist.version);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(list), ContentType: 'application/json' }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: CURRENT_KEY, Body: JSON.stringify(list.watchlist), ContentType: 'application/json' }));
  return { key };
}
