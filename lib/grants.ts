/**
 * Grants with exact actions and resources (the L2 `grant*` helpers add wildcard actions such as
 * `s3:GetObject*` and `kms:ReEncrypt*`, and `<table>/index/*`).
 */
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { WATCHLIST_PREFIX } from '../lambdas/reports/watchlist_report/lists';
import { TIMELINE_FILES } from '../lambdas/store/object-keys';
import { TABLE_KEYS } from '../lambdas/store/table';

export const TABLE_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem',
  'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem',
  // PartiQL UPDATEs of single items, batched (lambdas/store/statements.ts): what UpdateItem allows.
  'dynamodb:PartiQLUpdate',
];
export const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];

const add = (g: IGrantable, s: PolicyStatement) => g.grantPrincipal.addToPrincipalPolicy(s);

/** Items of the table and its named indexes (no Scan: lists use the indexes). */
export function grantTable(g: IGrantable, table: Table, key: Key): void {
  const indexes = TABLE_KEYS.indexes.map((i) => `${table.tableArn}/index/${i.name}`);
  add(g, new PolicyStatement({ sid: 'TableItems', actions: TABLE_ACTIONS, resources: [table.tableArn, ...indexes] }));
  add(g, new PolicyStatement({ sid: 'TableKey', actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], resources: [key.keyArn] }));
}

/** What a purge adds to the media grants: every version of an object (none while the bucket is not versioned). */
export function grantPurge(g: IGrantable, bucket: Bucket): void {
  add(g, new PolicyStatement({ sid: 'PurgeVersions', actions: ['s3:DeleteObjectVersion'], resources: [bucket.arnForObjects('*')] }));
  add(g, new PolicyStatement({ sid: 'PurgeListVersions', actions: ['s3:ListBucketVersions'], resources: [bucket.bucketArn] }));
}

/** Objects of the media bucket (read, write, delete; presigned URLs are signed with these rights). */
export function grantMedia(g: IGrantable, bucket: Bucket, key: Key): void {
  add(g, new PolicyStatement({ sid: 'MediaObjects', actions: OBJECT_ACTIONS, resources: [bucket.arnForObjects('*')] }));
  // Without ListBucket a missing object is a 403, not a 404.
  add(g, new PolicyStatement({ sid: 'MediaList', actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  add(g, new PolicyStatement({ sid: 'MediaKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }));
}

/** Imported watchlists (lambdas/reports/watchlist_report/lists.ts): read and write objects under `watchlists/`, nothing else of the bucket. */
export function grantWatchlists(g: IGrantable, bucket: Bucket, key: Key): void {
  add(g, new PolicyStatement({ sid: 'WatchlistObjects', actions: ['s3:GetObject', 's3:PutObject'], resources: [bucket.arnForObjects(`${WATCHLIST_PREFIX}*`)] }));
  add(g, new PolicyStatement({ sid: 'WatchlistKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }));
}

/** Timeline PDFs (`<env>/<applicant>/timeline_files/*`, lambdas/webhooks/timeline-url.ts): read only, for presigned GETs. */
export function grantTimelineFiles(g: IGrantable, bucket: Bucket, key: Key): void {
  add(g, new PolicyStatement({ sid: 'TimelineFiles', actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`*/${TIMELINE_FILES}/*`)] }));
  add(g, new PolicyStatement({ sid: 'TimelineKey', actions: ['kms:Decrypt'], resources: [key.keyArn] }));
}
