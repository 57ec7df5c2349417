/**
 * The Lambda functions: one entry point each (lambdas/README.md), bundled with esbuild for
 * nodejs22.x on the deployment's architecture (arm64 by default), Powertools settings and X-Ray
 * active tracing, an own role per function that starts with nothing but its log group and gets
 * exactly the grants of what it calls (CALLS), and an encrypted log group.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CfnResource, Duration, Size } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { ENTRY_POINTS as LAMBDA_ENTRY_POINTS, type FunctionKey } from '../lambdas/entry-points';
import { evidenceBundling } from './evidence-bundling';
import { encryptedLogGroup } from './keys';
import type { ReportArchitecture } from './report-assets';
import { reportBundling } from './report-bundling';

export const ROOT = path.resolve(__dirname, '..');
/** The entry points, exactly the files of lambdas/README.md (the local stack runs the same ones),
 *  relative to the project root. */
export const ENTRY_POINTS = Object.fromEntries(Object.entries(LAMBDA_ENTRY_POINTS).map(([k, f]) => [k, `lambdas/${f}`])) as
  { [K in FunctionKey]: `lambdas/${(typeof LAMBDA_ENTRY_POINTS)[K]}` };
export type { FunctionKey };
/** CloudFormation metadata key on each function: its entry point, for tests and audits. */
export const ENTRY_METADATA = 'Studio::Entry';
/** Context flag: `skip` synthesizes placeholder code instead of bundling (assertion tests); a
 *  comma-separated list of function keys (`reports`) bundles only those. */
export const BUNDLING_CONTEXT = 'studio:bundling';
export function skipsBundling(context: unknown, key: FunctionKey): boolean {
  if (context === undefined || context === null || context === '') return false;
  if (context === 'skip') return true;
  return !String(context).split(',').map((k) => k.trim()).includes(key);
}

/** What each function's code calls, from which its grants and environment follow
 *  (lib/studio-stack.ts). test/cdk/grants.test.ts derives the same from each bundle's imports:
 *  - table: the DynamoDB table (every function)
 *  - media: objects of the media bucket (lambdas/store/s3.ts)
 *  - bus: PutEvents on the bus (lambdas/events/publish.ts)
 *  - workflows: state machines, executions and task tokens (workflows/publish.ts, runs/create.ts, tasks/complete.ts)
 *  - sdkTokenSecret: signs or verifies SDK tokens (lambdas/api/auth.ts), so loads the secret at cold start
 *  - edgeSecret: answers API requests through CloudFront (lambdas/api/client-ip.ts): loads the secret CloudFront sends the
 *    API origin at cold start, and believes the viewer address the edge writes only on requests carrying it
 *  - evidenceSecret: signs evidence PDFs (lambdas/evidence/signing-key.ts): reads the key, and writes it on first use
 *  - resume: starts runs whose creation a crash cut short (lambdas/runs/resume.ts): DescribeExecution, StartExecution,
 *    and a trial machine's versions (find one by its description, delete it once started)
 *  - timelineFiles: presigns GETs of timeline PDFs only (lambdas/webhooks/timeline-url.ts: the webhook's download URL)
 *  - taskTokens: sends task tokens only, no state machine or execution (lambdas/results/report-review.ts:
 *    an analyst's decision on a report, which the lifecycle sweep sends again if Step Functions missed it;
 *    lambdas/tasks/hand-over.ts: a completed task's data; lambdas/runs/trial-captures.ts: a trial run's sample captures)
 *  - purge: stops executions and removes object versions (lambdas/lifecycle/runs.ts, media.ts)
 *  - watchlists: stores imported watchlists, objects under `watchlists/` only (lambdas/reports/watchlist_report/publish.ts)
 *  The webhooks queue is granted by its event source (receive, delete, change visibility). */
export const CALL_KINDS = ['table', 'media', 'bus', 'workflows', 'sdkTokenSecret', 'edgeSecret', 'evidenceSecret', 'purge', 'watchlists', 'taskTokens', 'timelineFiles', 'resume'] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const CALLS: Record<FunctionKey, readonly CallKind[]> = {
  api: ['table', 'media', 'bus', 'workflows', 'sdkTokenSecret', 'edgeSecret', 'taskTokens', 'timelineFiles'], // resends build webhook bodies
  tasks: ['table', 'bus', 'taskTokens'], // a trial run's captures are completed by the task function (runs/trial-captures.ts)
  reports: ['table', 'media', 'bus', 'sdkTokenSecret', 'edgeSecret'], // also serves the API's frame routes (SDK tokens verified, through CloudFront)
  webhooks: ['table', 'sdkTokenSecret', 'timelineFiles'], // payloads carry the run view, whose capture link holds an SDK token
  executionEvents: ['table', 'bus'], // announces the error ends it writes (runs/announce-error.ts)
  evidence: ['table', 'media', 'bus', 'evidenceSecret', 'sdkTokenSecret'], // the folder's run view (runs/view.ts) is the API's, which can mint SDK tokens
  lifecycle: ['table', 'media', 'bus', 'purge', 'taskTokens', 'resume'],
  watchlists: ['watchlists'], // the reports function reads them with its media grant
};

/** `studio-prod-execution-events`: explicit names, so ARNs are known without references (no cycles). */
export const functionName = (prefix: string, key: FunctionKey) => `${prefix}-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Every entry point that is not on disk; synth fails listing all of them at once. */
export function missingEntries(root = ROOT): string[] {
  return Object.values(ENTRY_POINTS).filter((e) => !existsSync(path.join(root, e)));
}

export interface StudioFunctionProps {
  key: FunctionKey; prefix: string; memoryMb: number; timeout: Duration;
  environment: Record<string, string>; logsKey: Key; logRetentionDays: number;
  skipBundling: boolean; reservedConcurrency?: number; ephemeralStorageMb?: number;
  architecture: Architecture;
}

/** esbuild options of a function's bundle (nodejs22.x, CJS, the AWS SDK inlined), with what the
 *  reports (external native packages, report-bundling.ts) and the evidence function (pdfkit,
 *  evidence-bundling.ts) add. test/cdk/evidence-bundle.test.ts bundles with exactly these. */
export function functionBundling(key: FunctionKey, architecture: ReportArchitecture): BundlingOptions {
  const own: Partial<Record<FunctionKey, BundlingOptions>> = { reports: reportBundling(ROOT, architecture), evidence: evidenceBundling(ROOT) };
  return {
    format: OutputFormat.CJS, target: 'node22', minify: true, sourceMap: true, keepNames: true,
    externalModules: [], // bundle the AWS SDK: the version the code was tested with, not the runtime's
    forceDockerBundling: false, logLevel: LogLevel.ERROR, ...own[key],
  };
}

export class StudioFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, p: StudioFunctionProps) {
    super(scope, id);
    const name = functionName(p.prefix, p.key);
    const logGroup = encryptedLogGroup(this, 'Logs', { key: p.logsKey, days: p.logRetentionDays, name: `/aws/lambda/${name}` });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `${name} (least privilege)` });
    logGroup.grantWrite(this.role);
    const entry = path.join(ROOT, ENTRY_POINTS[p.key]);
    this.fn = new NodejsFunction(this, 'Function', {
      functionName: name, entry, handler: 'handler', role: this.role, logGroup, loggingFormat: LoggingFormat.JSON,
      runtime: Runtime.NODEJS_22_X, architecture: p.architecture, memorySize: p.memoryMb, timeout: p.timeout,
      tracing: Tracing.ACTIVE, reservedConcurrentExecutions: p.reservedConcurrency || undefined,
      ephemeralStorageSize: p.ephemeralStorageMb ? Size.mebibytes(p.ephemeralStorageMb) : undefined,
      projectRoot: ROOT, depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      ...(p.skipBundling ? { code: Code.fromInline(`exports.handler = async () => { throw new Error('${BUNDLING_CONTEXT}=skip placeholder'); };`), handler: 'index.handler' } : {}),
      bundling: functionBundling(p.key, p.architecture.name === Architecture.X86_64.name ? 'x86_64' : 'arm64'),
      environment: {
        ...p.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: name, POWERTOOLS_LOG_LEVEL: 'INFO', POWERTOOLS_METRICS_NAMESPACE: 'OpenStudio',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false', // events carry applicant data
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false', POWERTOOLS_TRACER_CAPTURE_ERROR: 'true',
      },
    });
    (this.fn.node.defaultChild as CfnResource).addMetadata(ENTRY_METADATA, ENTRY_POINTS[p.key]);
  }
}
