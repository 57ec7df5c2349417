/**
 * Parity mode (`npm start -- --parity`, `STUDIO_MODE=parity` in tests): the product run from
 * `cdk synth` output instead of the source tree. The only door into local/parity; loaded only
 * when parity mode is asked for (it pulls in the IAM simulator and, on a cache miss, the CDK).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../sfn/engine';
import { ControlPlane, createSfnServer } from '../sfn/service';
import { createEventsServer, LocalEventBus } from '../events';
import { createGateway } from '../gateway';
import { S3Client } from '@aws-sdk/client-s3';
import { consoleKeys, reservePort, startDynamoDb, startS3, LOCAL_CREDENTIALS, type Stack, type StackOptions } from '../stack';
import { ensureBucket } from '../stack/s3';
import { stackControlPlaneStores } from '../stack/control-plane-stores';
import { applyEnv, type StackEnv } from '../stack/env';
import { ExecutionEvents } from '../stack/execution-events';
import { LIFECYCLE_INTERVAL_MS, LocalScheduler, wireForgetPurgedRuns } from '../stack/lifecycle';
import { apiRoutesHandler, HTTP_API_MAX_BODY_BYTES } from './api-gateway';
import { startAwsProxy, type LocalSecret } from './aws-proxy';
import type { Where } from './aws-actions';
import { FunctionHost } from './function-host';
import { Iam } from './iam';
import { createTableFromTemplate } from './table';
import { createCustomResources, deployAliases, deployMachines } from './deploy';
import { PARITY_ACCOUNT, PARITY_REGION, ROOT, synthesize } from './synth';
import { viewerRequests } from './cloudfront-function';
import { readTemplate, webHeadersFor, type ParityTemplate } from './template';
import { wireTemplateRules, workflowRoleBindings } from './wiring';

export { synthesize, sourceHash, PARITY_ACCOUNT, PARITY_REGION } from './synth';
export { readTemplate, type ParityTemplate } from './template';
export { CodeChangedError } from './code-guard';
export { LAMBDA_SYNC_PAYLOAD_BYTES } from './api-gateway';

export interface ParityOptions extends StackOptions {
  /** A cloud assembly to run instead of synthesizing (tests). */
  assemblyDir?: string;
  /** Concurrent instances per function at most (default 3; the function's reserved concurrency if lower). */
  maxInstances?: number;
  /** Start one instance of every function right away, without waiting for it (default true). */
  prewarm?: boolean;
  /**
   * A stand-in of Cognito (tests): the API keeps the template's user pool and client, the console
   * signs in against this endpoint and the API reads the pool's keys from it
   * (`CONSOLE_COGNITO_ENDPOINT`); the console's CSP names it instead of Cognito's regional endpoint.
   * Unset: the pool's local equivalent, local console users.
   */
  cognitoEndpoint?: string;
}

export interface ParityStack extends Stack {
  parity: {
    template: ParityTemplate; iam: Iam; hosts: Map<string, FunctionHost>; assemblyDir: string; violations: Error[];
    /** The IAM-checking AWS endpoint of each role (function roles and the workflow role), by role ARN. */
    endpoints: Map<string, string>;
  };
}

/** Credentials and settings every function process gets: fake keys, no metadata service, no shared config. */
const SANDBOX_ENV = {
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_SDK_LOAD_CONFIG: '0',
  // The one setting parity adds to the template's: webhooks to this machine's receivers (off in AWS).
  STUDIO_ALLOW_LOOPBACK_WEBHOOKS: 'true',
};

/** The pages' CSP names the media bucket's regional endpoint (`connect-src`, direct uploads); here
 *  the API's presigned URLs point at the API role's local endpoint instead, so the CSP names that. */
function localMediaOrigin(headers: Record<string, string>, t: ParityTemplate, endpoints: Map<string, string>): Record<string, string> {
  const csp = headers['content-security-policy'] ?? headers['Content-Security-Policy'];
  const api = t.functions.find((f) => f.arn === t.api?.functionArn);
  const local = api ? endpoints.get(api.roleArn) : undefined;
  if (!csp || !local) return headers;
  const bucket = new RegExp(`https://${t.bucket.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.s3[.a-z0-9-]*\\.amazonaws\\.com`, 'g');
  const key = headers['content-security-policy'] !== undefined ? 'content-security-policy' : 'Content-Security-Policy';
  return { ...headers, [key]: csp.replace(bucket, new URL(local).origin) };
}

/** With a Cognito stand-in, the console's CSP names it where it names Cognito's regional endpoint. */
function localCognitoOrigin(headers: Record<string, string>, region: string, endpoint: string | undefined): Record<string, string> {
  if (!endpoint) return headers;
  const cognito = `https://cognito-idp.${region}.amazonaws.com`;
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, k.toLowerCase() === 'content-security-policy' ? v.split(cognito).join(new URL(endpoint).origin) : v]));
}

/** The template's secrets with a generated value (64 characters, as the template asks), kept in
 *  the data folder when there is one so that tokens signed before a restart stay valid. */
function secretValues(t: ParityTemplate, file: string | undefined): LocalSecret[] {
  const kept = file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, string> : {};
  const out = t.secrets.map((s) => ({ arn: s.arn, name: s.name, value: kept[s.arn] ?? randomBytes(48).toString('base64url').slice(0, 64) }));
  if (file) { writeFileSync(file, JSON.stringify(Object.fromEntries(out.map((s) => [s.arn, s.value])))); chmodSync(file, 0o600); }
  return out;
}

export async function startParityStack(o: ParityOptions = {}): Promise<ParityStack> {
  const log = o.log ?? (() => undefined);
  const account = PARITY_ACCOUNT;
  const region = PARITY_REGION;
  const inMemory = o.inMemory ?? !o.dataDir;
  const dataDir = o.dataDir ?? mkdtempSync(path.join(tmpdir(), 'studio-parity-data-'));
  mkdirSync(dataDir, { recursive: true });
  const runDir = mkdtempSync(path.join(tmpdir(), 'studio-parity-run-'));
  const stops: Array<() => Promise<void> | void> = [() => rmSync(runDir, { recursive: true, force: true })];
  const violations: Error[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await Promise.resolve(s()).catch((e: unknown) => { log(`stop: ${String(e)}`); if ((e as Error).name === 'CodeChangedError') violations.push(e as Error); });
    if (violations.length) throw violations[0];
  };
  try {
    const assemblyDir = o.assemblyDir ?? (await synthesize({ log })).dir;
    // The API's URL first: it is PUBLIC_URL (the HTTP API's endpoint) in the template.
    // Held until the gateway listens: DynamoDB Local, s3rver and the local servers below ask the
    // kernel for ports meanwhile, and one of them could be given a port merely found free.
    const reserved = o.port ? undefined : await reservePort(o.host ?? '127.0.0.1');
    if (reserved) stops.push(() => reserved.release());
    const port = o.port || (reserved?.port ?? 0);
    const url = o.publicUrl ?? `http://${o.host && o.host !== '0.0.0.0' ? o.host : '127.0.0.1'}:${port}`;
    const bindings = { apiUrl: url, queueUrl: (n: string) => `${url}/__sqs/${account}/${n}` };
    let template = readTemplate(assemblyDir, account, region, bindings);

    const [ddb, s3] = await Promise.all([
      startDynamoDb({ ...(inMemory ? {} : { dataDir: path.join(dataDir, 'dynamodb') }), quickStart: o.quickStart ?? inMemory }),
      startS3({ dataDir: path.join(dataDir, 's3'), credentials: LOCAL_CREDENTIALS, resetOnClose: inMemory }),
    ]);
    stops.push(() => ddb.stop(), () => s3.stop());
    const s3Client = new S3Client({ region, endpoint: s3.endpoint, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
    await ensureBucket(s3Client, template.bucket.name, o.allowedOrigins ?? [new URL(url).origin]).finally(() => s3Client.destroy());
    await createTableFromTemplate(ddb.client(), template.table.name, template.table.properties);

    const deadLetters: Stack['deadLetters'] = [];
    const bus = new LocalEventBus({
      ...(inMemory ? {} : { dataDir: path.join(dataDir, 'events') }), ...(o.clock ? { clock: o.clock, timers: 'auto' as const } : {}), region, account,
      onDeadLetter: (event, t, error) => { deadLetters.push({ event, arn: t.arn, error }); log(`events: dead letter ${event['detail-type']} → ${t.arn}: ${error}`); },
    });
    stops.push(() => bus.close());
    const eventsServer = await createEventsServer(bus);
    stops.push(() => eventsServer.close());

    const iam = new Iam({ account, region, roles: template.roles, resourcePolicies: template.resourcePolicies, log });
    const secrets: LocalSecret[] = secretValues(template, inMemory ? undefined : path.join(dataDir, 'secrets.json'));
    const where: Where = {
      account, region, bucketKeys: new Map(template.bucket.keyArn ? [[template.bucket.name, template.bucket.keyArn]] : []),
      secretKeys: new Map(template.secrets.flatMap((s) => (s.keyArn ? [[s.arn, s.keyArn] as const] : []))),
      secretArn: (id) => template.secrets.find((s) => s.arn === id || s.name === id || s.arn.startsWith(`${id}-`))?.arn,
    };
    // Step Functions: the engine and control plane in the stack's account.
    const sfnDir = inMemory ? undefined : path.join(dataDir, 'sfn');
    const upstreams = { dynamodb: ddb.endpoint, s3: s3.endpoint, events: eventsServer.url, states: '' };
    const workflow = await workflowRoleBindings({ template, iam, bus, where, upstreams, log });
    stops.push(() => workflow.close());
    const engine = createEngine({
      eventBus: workflow.eventBus, dynamodb: workflow.dynamodb, region, accountId: account,
      ...(sfnDir ? { dataDir: sfnDir } : {}), ...(o.clock ? { clock: o.clock, timers: 'auto' as const } : {}),
    });
    stops.push(() => engine.close());
    const controlPlane = await ControlPlane.open({ stores: stackControlPlaneStores(sfnDir), region, accountId: account, ...(o.clock ? { clock: o.clock } : {}) });
    const executionEvents = new ExecutionEvents(engine, bus);
    const sfnServer = await createSfnServer({ engine: executionEvents.wrap(), controlPlane });
    stops.push(() => sfnServer.close(), () => executionEvents.stop());
    upstreams.states = sfnServer.url;
    // The template's state machines, versions and aliases, as CloudFormation creates them; the
    // template is read again with the published versions (what its references resolve to).
    const deployed = await deployMachines(controlPlane, template);
    if (template.stateMachineVersions.length > 0) template = readTemplate(assemblyDir, account, region, { ...bindings, deployed });
    await deployAliases(controlPlane, template);

    // The functions, each behind its own IAM-checking endpoint.
    const hosts = new Map<string, FunctionHost>();
    const roleEndpoints = new Map<string, string>([[workflow.roleArn, workflow.endpoint]]);
    let api: FunctionHost | undefined;
    // The template's Cognito user pool, locally: local console users and a local key set (local/stack/console-keys.ts).
    const localSignIn = consoleKeys(dataDir);
    const consoleSignIn: Record<string, string> = o.cognitoEndpoint ? { CONSOLE_COGNITO_ENDPOINT: o.cognitoEndpoint } : { ...localSignIn, CONSOLE_USER_POOL_ID: '', CONSOLE_CLIENT_ID: '' };
    for (const spec of template.functions) {
      const proxy = await startAwsProxy({ roleArn: spec.roleArn, iam, where, upstreams, secrets, log });
      stops.push(() => proxy.close());
      roleEndpoints.set(spec.roleArn, proxy.url);
      const host = new FunctionHost(spec, {
        runDir, region, maxInstances: o.maxInstances ?? 3, log, onViolation: (e) => violations.push(e),
        runtimeEnv: { ...SANDBOX_ENV, ...lifecycleSettings(), AWS_ENDPOINT_URL: proxy.url, ...(template.api?.functionArn === spec.arn ? consoleSignIn : {}) },
      });
      stops.push(async () => { await host.stop(); host.check(); });
      hosts.set(spec.name, host);
      if (template.api?.functionArn === spec.arn) api = host;
    }
    if (!api) throw new Error('parity: the template has no HTTP API integration with a function');
    for (const host of hosts.values()) engine.registerLambda(host.spec.name, workflow.invoker(host));
    wireTemplateRules(bus, template, hosts, log);
    // The schedule and purge state machine of lib/lifecycle.ts, played by the local scheduler: it
    // invokes the lifecycle function (`<prefix>-lifecycle`, lib/functions.ts) under its own role.
    const lifecycleHost = [...hosts.values()].find((h) => h.spec.name.endsWith('-lifecycle'));
    if (!lifecycleHost) throw new Error('parity: the template has no lifecycle function');
    wireForgetPurgedRuns(tableEnvOf(template).EVENT_BUS_NAME ?? 'default', { engine, bus, executionEvents, deadLetters }, log);
    const scheduler = new LocalScheduler(async () => {
      const r = await lifecycleHost.invoke({}, randomUUID());
      if (!r.ok) throw new Error(`${r.errorType}: ${r.errorMessage}`);
    }, o.lifecycleIntervalMs ?? LIFECYCLE_INTERVAL_MS, log);
    await executionEvents.start();

    // The operator's side (API tokens, test helpers) talks to the local services directly.
    const tableEnv = template.functions[0]?.environment ?? {};
    const env: StackEnv = {
      TABLE_NAME: template.table.name, BUCKET_NAME: template.bucket.name, EVENT_BUS_NAME: tableEnv.EVENT_BUS_NAME ?? 'default',
      PUBLIC_URL: url, AWS_REGION: region, TASK_FUNCTION: tableEnv.TASK_FUNCTION ?? '', REPORT_FUNCTION: tableEnv.REPORT_FUNCTION ?? '',
      DYNAMODB_ENDPOINT: ddb.endpoint, S3_ENDPOINT: s3.endpoint, SFN_ENDPOINT: sfnServer.url, EVENTS_ENDPOINT: eventsServer.url,
      STUDIO_ALLOWED_ORIGINS: url, STUDIO_TRUSTED_PROXIES: '', STUDIO_ALLOW_LOOPBACK_WEBHOOKS: 'true',
      // The operator signs SDK tokens with the secret the functions load (the template has others).
      SDK_TOKEN_SECRET: secrets.find((s) => template.functions.some((f) => f.environment.SDK_TOKEN_SECRET_ARN === s.arn))?.value ?? randomBytes(48).toString('base64url'),
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      CONSOLE_KEY_FILE: localSignIn.CONSOLE_KEY_FILE, CONSOLE_USERS_FILE: localSignIn.CONSOLE_USERS_FILE,
    };
    applyEnv(env);
    const staticDir = o.staticDir ?? template.webAssets.find((d) => existsSync(d)) ?? (existsSync(path.join(ROOT, 'web/dist')) ? path.join(ROOT, 'web/dist') : undefined);
    if (!template.webAssets.length) log('parity: the template deploys no web apps (no CloudFront / bucket deployment yet): serving web/dist');
    await reserved?.release();
    const gateway = await createGateway({
      // As the template routes them: the frame routes to the reports function (lib/api.ts), the rest to the API function.
      handler: apiRoutesHandler(template.api?.routes ?? [], (arn) => [...hosts.values()].find((h) => h.spec.arn === arn), log),
      port, host: o.host ?? '127.0.0.1', maxBodyBytes: HTTP_API_MAX_BODY_BYTES, ...(staticDir ? { staticDir } : {}),
      staticHeaders: (p) => localCognitoOrigin(localMediaOrigin(webHeadersFor(template, p), template, roleEndpoints), region, o.cognitoEndpoint),
      // CloudFront in front of the API: the origin's custom headers get the start's secret values (the template names the secret).
      viewerRequest: viewerRequests(template.webHeaders, { secretValue: (id) => secrets.find((x) => x.arn === id || x.name === id)?.value }),
    });
    stops.push(() => gateway.close());

    if (o.prewarm !== false) for (const host of hosts.values()) host.warm();
    await createCustomResources(template, hosts, log);
    const { createApiToken } = await import('../../lambdas/api/auth');
    const wanted = o.apiToken ?? process.env.STUDIO_API_TOKEN;
    const apiToken = await createApiToken(wanted?.startsWith('api_live.') ? 'live' : 'sandbox', wanted);
    if (inMemory && !o.dataDir) stops.unshift(() => rmSync(dataDir, { recursive: true, force: true }));
    scheduler.start();
    stops.push(() => scheduler.stop());
    return {
      url, apiToken, env, engine, controlPlane, bus, deadLetters,
      endpoints: { api: url, dynamodb: ddb.endpoint, s3: s3.endpoint, sfn: sfnServer.url, events: eventsServer.url },
      flushExecutionEvents: async () => { await engine.idle(); await executionEvents.check(); await bus.runDue(); },
      runLifecycle: async () => { await scheduler.tick(); await bus.runDue(); await bus.idle(); },
      stop,
      parity: { template, iam, hosts, assemblyDir, violations, endpoints: roleEndpoints },
    };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}

const tableEnvOf = (t: ParityTemplate): Record<string, string> => t.functions[0]?.environment ?? {};

/**
 * The lifecycle settings of this machine (`STUDIO_DELETION_GRACE_SECONDS`,
 * `STUDIO_RETENTION_DAYS_SANDBOX|LIVE`), when set, replace the template's (CDK context
 * `deletionGraceDays`, `retentionDays`, in days) on every function: a grace period of seconds
 * (tests, trying it out) cannot be synthesized once for every run.
 */
function lifecycleSettings(): Record<string, string> {
  const keys = ['STUDIO_DELETION_GRACE_SECONDS', 'STUDIO_RETENTION_DAYS_SANDBOX', 'STUDIO_RETENTION_DAYS_LIVE'];
  return Object.fromEntries(keys.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]!]])));
}
