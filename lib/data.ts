/**
 * Storage: the single DynamoDB table (key design from lambdas/store/table.ts) and the media
 * bucket, with its access logs in a separate bucket.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../lambdas/store/table';

export interface DataProps { key: Key; allowedOrigins: string[]; logRetentionDays: number }

export class StudioData extends Construct {
  readonly table: Table;
  readonly media: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const S = AttributeType.STRING;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: S }, sortKey: { name: TABLE_KEYS.sortKey, type: S },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.key,
      deletionProtection: true, removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
    });
    for (const index of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name, partitionKey: { name: index.partitionKey, type: S }, sortKey: { name: index.sortKey, type: S },
        projectionType: ProjectionType.ALL,
      });
    }

    // Server access logs cannot be delivered to an SSE-KMS bucket: this one uses SSE-S3.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED, removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.logRetentionDays) }],
    });
    this.media = new Bucket(this, 'Media', {
      encryption: BucketEncryption.KMS, encryptionKey: props.key, bucketKeyEnabled: true,
      enforceSSL: true, blockPublicAccess: BlockPublicAccess.BLOCK_ALL, objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs, serverAccessLogsPrefix: 'media/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // No expiry rule: media goes with its run (retention) or its applicant (deletion), purged by
      // the lifecycle function (lib/lifecycle.ts), which also writes the erasure record. Not versioned:
      // a DeleteObject removes the only copy.
      // Presigned browser uploads (PUT, or POST with a form policy) from the capture page.
      cors: [{
        allowedOrigins: props.allowedOrigins, allowedMethods: [HttpMethods.PUT, HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
        allowedHeaders: ['*'], exposedHeaders: ['ETag'], maxAge: 3000,
      }],
    });
  }
}
