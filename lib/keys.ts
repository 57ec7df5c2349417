/**
 * Customer-managed KMS keys (yearly rotation on): one for data at rest (table, media bucket,
 * queues, secret), one for CloudWatch Logs, whose key policy must name the Logs service.
 */
import { Aws, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export class StudioKeys extends Construct {
  readonly data: Key;
  readonly logs: Key;

  constructor(scope: Construct, id: string, props: { prefix: string }) {
    super(scope, id);
    this.data = new Key(this, 'Data', {
      alias: `alias/${props.prefix}-data`, enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN,
      description: `Open Studio ${props.prefix}: DynamoDB table, media bucket, queues and secrets`,
    });
    this.logs = new Key(this, 'Logs', {
      alias: `alias/${props.prefix}-logs`, enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN,
      description: `Open Studio ${props.prefix}: CloudWatch Logs`,
    });
    const { region, account } = Stack.of(this);
    this.logs.addToResourcePolicy(new PolicyStatement({
      principals: [new ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Stack.of(this).partition}:logs:${region}:${account}:log-group:*` } },
    }));
  }
}

const RETENTIONS = new Set<number>(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));

/** A CloudWatch Logs retention value, or an error that lists the allowed ones. */
export function retention(days: number): RetentionDays {
  if (!RETENTIONS.has(days)) {
    throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention; use one of ${[...RETENTIONS].filter((d) => d > 0).join(', ')}`);
  }
  return days as RetentionDays;
}

/** The first block of the stack's UUID (`arn:…:stack/<name>/<uuid>`): new on every creation of
 *  the stack, so a retained resource of a destroyed stack never holds the name a redeploy wants. */
export const stackInstanceSuffix = () => Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));

/** An encrypted log group with the deployment's retention; kept on stack deletion (audit trail).
 *  A readable `name` gets the stack-instance suffix (`/aws/lambda/studio-prod-api-1a2b3c4d`):
 *  the retained group of a destroyed stack would otherwise block the next deploy. */
export function encryptedLogGroup(scope: Construct, id: string, p: { key: Key; days: number; name?: string }): LogGroup {
  return new LogGroup(scope, id, {
    logGroupName: p.name ? `${p.name}-${stackInstanceSuffix()}` : undefined,
    encryptionKey: p.key, retention: retention(p.days), removalPolicy: RemovalPolicy.RETAIN,
  });
}
