/**
 * The deploy-time function behind the workflow records of workflows deployed as code
 * (lambdas/workflows/as-code-resource.ts, a CloudFormation custom resource): bundled like the
 * stack's functions, its own role with exactly the two item writes it makes on the table and
 * the table key, an encrypted log group. One per stack, shared by every such workflow.
 */
import path from 'node:path';
import { CfnResource, Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { type Architecture, Code, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { BUNDLING_CONTEXT, ENTRY_METADATA, ROOT } from './functions';
import { encryptedLogGroup } from './keys';

export const WORKFLOW_RECORDS_ENTRY = 'lambdas/workflows/as-code-resource.ts';

export interface WorkflowRecordsProps {
  table: Table; tableKey: Key; logsKey: Key; logRetentionDays: number; architecture: Architecture; skipBundling: boolean;
}

export class WorkflowRecordsProvider extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, p: WorkflowRecordsProps) {
    super(scope, id);
    const logGroup = encryptedLogGroup(this, 'Logs', { key: p.logsKey, days: p.logRetentionDays });
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: 'Writes the records of workflows deployed as code' });
    logGroup.grantWrite(role);
    role.addToPolicy(new PolicyStatement({ sid: 'WorkflowRecords', actions: ['dynamodb:UpdateItem'], resources: [p.table.tableArn] }));
    role.addToPolicy(new PolicyStatement({ sid: 'TableKey', actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: [p.tableKey.keyArn] }));
    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(ROOT, WORKFLOW_RECORDS_ENTRY), handler: 'handler', role, logGroup, loggingFormat: LoggingFormat.JSON,
      runtime: Runtime.NODEJS_22_X, architecture: p.architecture, memorySize: 256, timeout: Duration.seconds(60),
      projectRoot: ROOT, depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      ...(p.skipBundling ? { code: Code.fromInline(`exports.handler = async () => { throw new Error('${BUNDLING_CONTEXT}=skip placeholder'); };`), handler: 'index.handler' } : {}),
      bundling: {
        format: OutputFormat.CJS, target: 'node22', minify: true, sourceMap: true, keepNames: true, externalModules: [],
        forceDockerBundling: false, logLevel: LogLevel.ERROR,
      },
      environment: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'workflows-as-code', POWERTOOLS_LOG_LEVEL: 'INFO' },
    });
    (this.fn.node.defaultChild as CfnResource).addMetadata(ENTRY_METADATA, WORKFLOW_RECORDS_ENTRY);
  }
}
