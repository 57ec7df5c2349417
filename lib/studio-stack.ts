/**
 * The Open Studio stack: storage, functions, API, events and the workflow runtime, wired with
 * the environment every handler reads (lambdas/shared/config.ts).
 */
import { CfnOutput, Duration, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { StudioApi } from './api';
import { ConsoleUsers } from './console-users';
import { prefixOf, settingsFrom, type StudioSettings, type StudioSettingsInput } from './config';
import { StudioData } from './data';
import { EVENT_SOURCE, StudioEvents } from './events';
import {
  BUNDLING_CONTEXT, CALLS, ENTRY_POINTS, functionName, missingEntries, skipsBundling, StudioFunction,
  type CallKind, type FunctionKey, type StudioFunctionProps,
} from './functions';
import { grantMedia, grantPurge, grantTable, grantTimelineFiles, grantWatchlists } from './grants';
import { retentionEnvironment, StudioLifecycle } from './lifecycle';
import { StudioHosting } from './hosting';
import { StudioKeys } from './keys';
import { FACE_ASSET_ENV } from './report-assets';
import { WatchlistRefresh } from './watchlists';
import { WorkflowRuntime } from './workflow-runtime';
import { WorkflowUpgrade } from './workflow-upgrade';
import { WorkflowsAsCode } from './workflows-as-code';

export interface StudioStackProps extends StackProps { settings?: StudioSettingsInput }

type Sizing = Pick<StudioFunctionProps, 'memoryMb' | 'timeout' | 'reservedConcurrency' | 'ephemeralStorageMb'>;

export class StudioStack extends Stack {
  readonly settings: StudioSettings;
  readonly functions: Record<FunctionKey, StudioFunction>;
  readonly runtime: WorkflowRuntime;
  readonly events: StudioEvents;
  readonly data: StudioData;
  readonly api: StudioApi;
  readonly consoleUsers: ConsoleUsers;
  readonly hosting: StudioHosting;
  readonly lifecycle: StudioLifecycle;
  /** Brings the machines of active workflow versions up to the deployed compiler, after the functions update. */
  readonly workflowUpgrade: WorkflowUpgrade;
  /** The daily watchlist download (only with `watchlistSources`). */
  readonly watchlistRefresh?: WatchlistRefresh;

  constructor(scope: Construct, id: string, props: StudioStackProps = {}) {
    super(scope, id, props);
    const s = (this.settings = settingsFrom((k) => this.node.tryGetContext(k), props.settings));
    const prefix = prefixOf(s);
    const bundlingContext: unknown = this.node.tryGetContext(BUNDLING_CONTEXT);
    const missing = bundlingContext === 'skip' ? [] : missingEntries();
    if (missing.length > 0) throw new Error(`Missing Lambda entry points (lambdas/README.md): ${missing.join(', ')}`);

    const keys = new StudioKeys(this, 'Keys', { prefix });
    // Direct uploads from the capture page come from CloudFront's origin (its domain is not known
    // before the distribution exists, and naming it here would be a reference cycle).
    const pageOrigin = s.domainName ? `https://${s.domainName}` : 'https://*.cloudfront.net';
    const data = (this.data = new StudioData(this, 'Data', { key: keys.data, ...s, allowedOrigins: [...s.allowedOrigins, pageOrigin] }));
    // No fixed name: Secrets Manager keeps a deleted name for 7–30 days, which would block a
    // redeploy after `cdk destroy` (the ARN reaches the handlers through SDK_TOKEN_SECRET_ARN).
    const secret = new Secret(this, 'SdkTokenSecret', {
      encryptionKey: keys.data,
      description: `${prefix}: HMAC key that signs SDK tokens; loaded at cold start by the functions that sign or verify them`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    // Sent by CloudFront to the API origin (lib/hosting.ts, resolved by CloudFormation at deploy)
    // and loaded by the functions behind the API at cold start: only requests carrying it are
    // believed about the viewer's address (lambdas/api/client-ip.ts). Letters and digits: a header value.
    const edgeSecret = new Secret(this, 'EdgeSecret', {
      encryptionKey: keys.data,
      description: `${prefix}: sent by CloudFront to the API origin (X-Studio-Edge-Secret); the API believes the viewer address the edge writes only with it`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    // Filled by the evidence function on first use with a key and self-signed certificate (a
    // customer may put their own there: JSON { key_pem, cert_pem }); '{}' until then.
    const evidenceSecret = new Secret(this, 'EvidenceSigningSecret', {
      encryptionKey: keys.data, secretStringValue: SecretValue.unsafePlainText('{}'),
      description: `${prefix}: key and certificate that sign evidence PDFs (JSON key_pem, cert_pem); made on first use when empty`,
    });
    const runtime = (this.runtime = new WorkflowRuntime(this, 'Workflows', {
      prefix, functionNames: [functionName(prefix, 'tasks'), functionName(prefix, 'reports')],
      table: data.table, tableKey: keys.data, busArn: this.formatArn({ service: 'events', resource: 'event-bus', resourceName: prefix }),
      logsKey: keys.logs, logRetentionDays: s.logRetentionDays,
    }));
    // Never SDK_TOKEN_SECRET itself: only the functions that sign or verify SDK tokens get the
    // secret's ARN (CALLS) and load the value at cold start (lambdas/shared/secrets.ts).
    const common: Record<string, string> = {
      TABLE_NAME: data.table.tableName, BUCKET_NAME: data.media.bucketName, EVENT_BUS_NAME: prefix,
      // Machines are `<prefix>--<workflow id>` (publish.ts adds one dash): `--` cannot occur in a
      // stage, so `studio-prod--*` never matches another stage's (`studio-prod-eu--*`).
      STATE_MACHINE_ROLE_ARN: runtime.role.roleArn, STATE_MACHINE_PREFIX: `${prefix}-`,
      STATE_MACHINE_LOG_GROUP_ARN: runtime.logGroup.logGroupArn,
      TASK_FUNCTION: functionName(prefix, 'tasks'), REPORT_FUNCTION: functionName(prefix, 'reports'),
    };
    const environmentOf = (key: FunctionKey): Record<string, string> => ({
      ...common,
      ...(CALLS[key].includes('sdkTokenSecret') ? { SDK_TOKEN_SECRET_ARN: secret.secretArn } : {}),
      ...(CALLS[key].includes('edgeSecret') ? { STUDIO_EDGE_SECRET_ARN: edgeSecret.secretArn } : {}),
      ...(CALLS[key].includes('evidenceSecret') ? { EVIDENCE_SIGNING_SECRET_ARN: evidenceSecret.secretArn } : {}),
      ...(key === 'reports' ? FACE_ASSET_ENV : {}),
      ...(key === 'reports' && Object.keys(s.reportProviders).length > 0 ? { REPORT_PROVIDERS: JSON.stringify(s.reportProviders) } : {}),
      ...(key === 'api' ? { STUDIO_DELETION_GRACE_SECONDS: String(Math.round(s.deletionGraceDays * 86_400)) } : {}),
      ...(key === 'lifecycle' ? retentionEnvironment(s) : {}),
      ...(key === 'watchlists' && s.watchlistSources.length > 0 ? { STUDIO_WATCHLIST_SOURCES: JSON.stringify(s.watchlistSources) } : {}),
    });
    const architecture = s.architecture === 'x86_64' ? Architecture.X86_64 : Architecture.ARM_64;
    const sizing: Record<FunctionKey, Sizing> = {
      api: { memoryMb: 1024, timeout: Duration.seconds(29) },
      tasks: { memoryMb: 512, timeout: Duration.seconds(30) },
      // Face models, OCR and ffmpeg: memory buys CPU; /tmp holds video frames.
      reports: { memoryMb: 3008, timeout: Duration.minutes(5), ephemeralStorageMb: 2048, reservedConcurrency: s.reportsConcurrency },
      webhooks: { memoryMb: 512, timeout: Duration.seconds(60) },
      executionEvents: { memoryMb: 256, timeout: Duration.seconds(30) },
      evidence: { memoryMb: 1024, timeout: Duration.minutes(2) },
      lifecycle: { memoryMb: 512, timeout: Duration.minutes(10) },
      // OFAC's and the UN's files, parsed whole.
      watchlists: { memoryMb: 1024, timeout: Duration.minutes(5) },
    };
    const fns = (this.functions = Object.fromEntries((Object.keys(ENTRY_POINTS) as FunctionKey[]).map((key) => [key, new StudioFunction(this, key, {
      key, prefix, environment: environmentOf(key), logsKey: keys.logs, logRetentionDays: s.logRetentionDays,
      skipBundling: skipsBundling(bundlingContext, key), architecture, ...sizing[key],
    })])) as Record<FunctionKey, StudioFunction>);

    const events = (this.events = new StudioEvents(this, 'Events', {
      prefix, dataKey: keys.data, logsKey: keys.logs, logRetentionDays: s.logRetentionDays,
      webhooks: fns.webhooks.fn, webhookTimeout: sizing.webhooks.timeout, webhookConcurrency: s.webhookConcurrency, executionEvents: fns.executionEvents.fn, evidence: fns.evidence.fn,
    }));
    const consoleUsers = (this.consoleUsers = new ConsoleUsers(this, 'ConsoleUsers', { prefix }));
    for (const [k, v] of Object.entries(consoleUsers.environment())) fns.api.fn.addEnvironment(k, v);
    this.lifecycle = new StudioLifecycle(this, 'Lifecycle', { prefix, fn: fns.lifecycle.fn, logsKey: keys.logs, logRetentionDays: s.logRetentionDays });
    if (s.watchlistSources.length > 0) this.watchlistRefresh = new WatchlistRefresh(this, 'WatchlistRefresh', { prefix, fn: fns.watchlists.fn });
    const api = (this.api = new StudioApi(this, 'Api', { handler: fns.api.fn, frames: fns.reports.fn, settings: s, prefix, logsKey: keys.logs }));
    const hosting = (this.hosting = new StudioHosting(this, 'Hosting', { api: api.api, settings: s, media: data.media, accessLogs: data.accessLogs, edgeSecret }));
    for (const f of Object.values(fns)) f.fn.addEnvironment('PUBLIC_URL', hosting.url);

    // Least privilege, per function: exactly the grants of what it calls (lib/functions.ts, CALLS).
    const grants: Record<CallKind, (g: IGrantable) => void> = {
      table: (g) => grantTable(g, data.table, keys.data),
      media: (g) => grantMedia(g, data.media, keys.data),
      bus: (g) => events.bus.grantPutEventsTo(g),
      workflows: (g) => runtime.grantManage(g),
      sdkTokenSecret: (g) => secret.grantRead(g),
      edgeSecret: (g) => edgeSecret.grantRead(g),
      evidenceSecret: (g) => { evidenceSecret.grantRead(g); evidenceSecret.grantWrite(g); },
      purge: (g) => { grantPurge(g, data.media); runtime.grantStop(g); },
      watchlists: (g) => grantWatchlists(g, data.media, keys.data),
      taskTokens: (g) => runtime.grantTaskTokens(g),
      timelineFiles: (g) => grantTimelineFiles(g, data.media, keys.data),
      resume: (g) => runtime.grantResume(g),
    };
    for (const key of Object.keys(fns) as FunctionKey[]) for (const kind of CALLS[key]) grants[kind](fns[key].fn);
    // The report providers' HMAC secrets, loaded by ARN at cold start (lambdas/shared/secrets.ts).
    const providerSecrets = Object.values(s.reportProviders).map((p) => p!.secret_arn);
    if (providerSecrets.length > 0) {
      fns.reports.fn.addToRolePolicy(new PolicyStatement({ sid: 'ReportProviderSecrets', actions: ['secretsmanager:GetSecretValue'], resources: providerSecrets }));
    }

    const asCode = s.workflows.length === 0 ? undefined : new WorkflowsAsCode(this, 'WorkflowsAsCode', {
      files: s.workflows, runtime,
      context: {
        taskFunction: functionName(prefix, 'tasks'), reportFunction: functionName(prefix, 'reports'), runsTable: data.table.tableName,
        eventBusName: prefix, eventSource: EVENT_SOURCE, partition: this.partition,
      },
      records: { table: data.table, tableKey: keys.data, logsKey: keys.logs, logRetentionDays: s.logRetentionDays, architecture, skipBundling: bundlingContext === 'skip' },
    });
    // State machine versions keep the ASL they were published with: once the functions are updated, the
    // machines of active workflow versions compiled by an older release are recompiled (lambdas/workflows/upgrade.ts).
    const upgrade = (this.workflowUpgrade = new WorkflowUpgrade(this, 'WorkflowUpgrade', {
      runtime, table: data.table, tableKey: keys.data, logsKey: keys.logs, logRetentionDays: s.logRetentionDays, architecture,
      // After the functions (the machines call them) and the workflows deployed as code (their records, left alone).
      skipBundling: bundlingContext === 'skip', environment: common, after: [...Object.values(fns).map((f) => f.fn), ...(asCode ? [asCode] : [])],
    }));
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('WorkflowMachines', upgrade.summary, 'Machines of active workflow versions brought up to this compiler by the deploy (failures keep their machine version: the WorkflowUpgrade function\'s log says why)');
    out('PublicUrl', hosting.url, 'Base URL of the API (/v3.6), capture links and dashboard (PUBLIC_URL)');
    out('ApiUrl', api.url, 'The HTTP API itself (clients use PublicUrl)');
    out('DistributionDomainName', hosting.distribution.distributionDomainName, s.domainName ? `CNAME ${s.domainName} to this` : 'CloudFront domain of PublicUrl');
    out('WebBucketName', hosting.bucket.bucketName, 'S3 bucket of the browser apps (web/dist)');
    out('EventBusName', events.bus.eventBusName, 'EventBridge bus of workflow and task events');
    out('TableName', data.table.tableName, 'DynamoDB table (create the first API token here)');
    out('MediaBucketName', data.media.bucketName, 'S3 bucket of media');
    out('WorkflowRoleArn', runtime.role.roleArn, 'Execution role of workflow state machines');
    out('ConsoleUserPoolId', consoleUsers.pool.userPoolId, 'Cognito user pool of the console (add users: README "Console users")');
    out('SdkTokenSecretArn', secret.secretArn, 'Secret that signs SDK tokens');
    out('EdgeSecretArn', edgeSecret.secretArn, 'Secret CloudFront sends the API origin (X-Studio-Edge-Secret): the API believes the viewer address only with it');
    out('EvidenceSigningSecretArn', evidenceSecret.secretArn, 'Secret holding the key and certificate that sign evidence PDFs');
  }
}
