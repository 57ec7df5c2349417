/**
 * The deploy's upgrade of workflow state machines (lambdas/workflows/upgrade-resource.ts, a
 * CloudFormation custom resource): state machine versions keep the ASL they were published with,
 * so after the functions update the resource brings the machine of every active workflow version
 * up to the compiler this deploy ships. It runs whenever its properties change: the fingerprint of
 * the compiler's sources (and of the code that compiles and recompiles versions) or the compile
 * context (function, table and bus names). Its function has the API's compile context and its own
 * role: the table items it reads and the lease it writes, and WorkflowRuntime.grantUpgrade.
 * Failures are reported in the stack output WorkflowMachines (and the function's log), never a
 * failed deploy.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CfnResource, CustomResource, Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { type Architecture, Code, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct, type IDependable } from 'constructs';
import { WORKFLOW_UPGRADE_TYPE, type UpgradeProperties } from '../lambdas/workflows/upgrade-resource';
import { BUNDLING_CONTEXT, ENTRY_METADATA, ROOT } from './functions';
import { encryptedLogGroup } from './keys';
import type { WorkflowRuntime } from './workflow-runtime';

export const WORKFLOW_UPGRADE_ENTRY = 'lambdas/workflows/upgrade-resource.ts';
/** What a version's compiled form depends on besides the compile context: the compiler, and how versions are compiled and compared. */
export const COMPILE_SOURCES = ['compiler', 'lambdas/workflows/compile.ts', 'lambdas/workflows/recompile.ts', 'lambdas/workflows/upgrade.ts'];

/** sha256 of the compile sources (tests excluded), path and content, in a fixed order. */
export function compilerFingerprint(root = ROOT): string {
  const files = (p: string): string[] => readdirSync(path.join(root, p), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(p, e.name)) : e.isFile() ? [path.join(p, e.name)] : []));
  const all = COMPILE_SOURCES.flatMap((p) => (p.endsWith('.ts') ? [p] : files(p))).filter((f) => !/\.test\.tsx?$/.test(f)).sort();
  const hash = createHash('sha256');
  for (const f of all) hash.update(`${f.split(path.sep).join('/')}\0`).update(readFileSync(path.join(root, f))).update('\0');
  return hash.digest('hex');
}

export interface WorkflowUpgradeProps {
  runtime: WorkflowRuntime; table: Table; tableKey: Key; logsKey: Key; logRetentionDays: number; architecture: Architecture; skipBundling: boolean;
  /** The functions' configuration (lambdas/shared/config.ts): the same compile context as activation's. */
  environment: Record<string, string>;
  /** What must be deployed first: the stack's functions (the machines call them). */
  after: IDependable[];
}

export class WorkflowUpgrade extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, p: WorkflowUpgradeProps) {
    super(scope, id);
    const logGroup = encryptedLogGroup(this, 'Logs', { key: p.logsKey, days: p.logRetentionDays });
    const role = (this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: 'Recompiles workflow state machines on deploy' }));
    logGroup.grantWrite(role);
    role.addToPolicy(new PolicyStatement({ sid: 'WorkflowItems', actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [p.table.tableArn] }));
    role.addToPolicy(new PolicyStatement({ sid: 'WorkflowLists', actions: ['dynamodb:Query'], resources: [`${p.table.tableArn}/index/gsi1`] }));
    role.addToPolicy(new PolicyStatement({ sid: 'TableKey', actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: [p.tableKey.keyArn] }));
    p.runtime.grantUpgrade(role);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(ROOT, WORKFLOW_UPGRADE_ENTRY), handler: 'handler', role, logGroup, loggingFormat: LoggingFormat.JSON,
      runtime: Runtime.NODEJS_22_X, architecture: p.architecture, memorySize: 512, timeout: Duration.minutes(15),
      projectRoot: ROOT, depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      ...(p.skipBundling ? { code: Code.fromInline(`exports.handler = async () => { throw new Error('${BUNDLING_CONTEXT}=skip placeholder'); };`), handler: 'index.handler' } : {}),
      bundling: {
        format: OutputFormat.CJS, target: 'node22', minify: true, sourceMap: true, keepNames: true, externalModules: [],
        forceDockerBundling: false, logLevel: LogLevel.ERROR,
      },
      environment: { ...p.environment, NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'workflow-upgrade', POWERTOOLS_LOG_LEVEL: 'INFO' },
    });
    (this.fn.node.defaultChild as CfnResource).addMetadata(ENTRY_METADATA, WORKFLOW_UPGRADE_ENTRY);
    const e = p.environment;
    const properties: UpgradeProperties = {
      Fingerprint: compilerFingerprint(), TaskFunction: e.TASK_FUNCTION ?? '', ReportFunction: e.REPORT_FUNCTION ?? '',
      TableName: e.TABLE_NAME ?? '', EventBusName: e.EVENT_BUS_NAME ?? '',
    };
    this.resource = new CustomResource(this, 'Machines', { serviceToken: this.fn.functionArn, resourceType: WORKFLOW_UPGRADE_TYPE, properties });
    for (const d of p.after) this.resource.node.addDependency(d);
  }

  /** What the last run did (`<n> recompiled, <n> current, …, <n> failed, <n> not reached`). */
  get summary(): string { return this.resource.getAttString('Summary'); }
}
