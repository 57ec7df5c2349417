/**
 * The whole product on one machine: DynamoDB Local, S3 (s3rver), a local EventBridge, the
 * embedded Step Functions (engine + control plane + AWS JSON API), and the API behind a local
 * API Gateway, with the product's Lambda functions in process. The only door into local/stack.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Clock } from '../sfn/contract';
import { createEngine, type SfnEngine } from '../sfn/engine';
import { ControlPlane, createSfnServer, DEFAULT_ACCOUNT, DEFAULT_REGION } from '../sfn/service';
import { createEventsServer, LocalEventBus, type BusEvent } from '../events';
import { createGateway } from '../gateway';
import { stackControlPlaneStores } from './control-plane-stores';
import { ensureTable, startDynamoDb } from './dynamodb';
import { applyEnv, type StackEnv } from './env';
import { ExecutionEvents } from './execution-events';
import { isFramePath } from '../../lambdas/api/frame-routes';
import { lazyHandler } from './lambdas';
import { countRoundTrips } from '../../lambdas/shared/round-trips';
import { countAwsCalls } from '../../lambdas/shared/aws-calls';
import { closeClients } from '../../lambdas/shared/aws';
import { wireRules } from './rules';
import { LIFECYCLE_INTERVAL_MS, LocalScheduler, wireForgetPurgedRuns } from './lifecycle';
import { ensureBucket, startS3 } from './s3';
import { EVIDENCE_KEY_FILE, privateDataDir, stackSecrets } from './secrets';
import { consoleKeys } from './console-keys';
import { verifySigV4 } from './sigv4';

export { ensureTable, startDynamoDb, LOCAL_CREDENTIALS, type LocalDynamoDb } from './dynamodb';
export { ensureBucket, startS3, type LocalS3 } from './s3';
export { EVIDENCE_KEY_FILE, SECRETS_FILE } from './secrets';
export { consoleKeys, CONSOLE_USERS_FILE } from './console-keys';
export { freePort, reservePort, waitUntil } from './ports';
export type { StackEnv } from './env';

export interface StackOptions {
  /** Durable data (DynamoDB, S3, executions, state machines, pending events); omitted: a temp folder / memory. */
  dataDir?: string;
  /** Port of the API (the gateway); 0 or omitted: any free port. */
  port?: number;
  /** Address of the API; default 127.0.0.1 (DynamoDB, S3, Step Functions and EventBridge stay on loopback whatever it is). */
  host?: string;
  /** Browser origins the API (default STUDIO_ALLOWED_ORIGINS or http://localhost:5173) and the bucket (default the API's own origin) answer CORS for. */
  allowedOrigins?: string[];
  /** DynamoDB Local and S3 already running (the tests share one of each): this stack makes its own table and bucket there. */
  services?: { dynamodb: string; s3: string; /** The secret key the shared S3 checks signatures with (the stack signs with it). */ awsSecret: string };
  /** The API token to create (must start `api_sandbox.` or `api_live.`); default STUDIO_API_TOKEN or a new sandbox token. */
  apiToken?: string;
  clock?: Clock;
  /** DynamoDB in memory, S3 emptied on stop (tests). Default: true when no dataDir. */
  inMemory?: boolean;
  /** DynamoDB Local's JVM flags that start faster but run slower (C1 only): for short-lived stacks (tests).
   *  Default: true in memory, false on disk (a long-running `studio start`). */
  quickStart?: boolean;
  /** Public base URL (default the gateway's URL). */
  publicUrl?: string;
  /** Folder with the built web apps (default web/dist when it exists). */
  staticDir?: string;
  log?: (line: string) => void;
  /** Proxies whose X-Forwarded-For the API believes (IPs, CIDR ranges); default STUDIO_TRUSTED_PROXIES or none. */
  trustedProxies?: string[];
  /** How often the lifecycle sweep (purges, retention) runs, in ms; default LIFECYCLE_INTERVAL_MS (5 s); 0: only on `runLifecycle()`. */
  lifecycleIntervalMs?: number;
}

export interface Stack {
  url: string;
  apiToken: string;
  env: StackEnv;
  endpoints: { api: string; dynamodb: string; s3: string; sfn: string; events: string };
  engine: SfnEngine;
  controlPlane: ControlPlane;
  bus: LocalEventBus;
  /** Deliveries that exhausted their retries. */
  deadLetters: Array<{ event: BusEvent; arn: string; error: string }>;
  /** Emits pending execution status-change events now and delivers what is due (tests). */
  flushExecutionEvents(): Promise<void>;
  /** Runs one lifecycle sweep now (after the one in progress) and delivers what it put on the bus. */
  runLifecycle(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

export async function startStack(o: StackOptions = {}): Promise<Stack> {
  const log = o.log ?? (() => undefined);
  const began = o.clock?.now() ?? Date.now();
  const inMemory = o.inMemory ?? !o.dataDir;
  const dataDir = o.dataDir ?? path.join(tmpdir(), `studio-${process.pid}-${randomBytes(4).toString('hex')}`);
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => { for (const s of stops.splice(0).reverse()) await Promise.resolve(s()).catch((e: unknown) => log(`stop: ${String(e)}`)); };
  try {
    if (!inMemory) privateDataDir(dataDir);
    const secrets = stackSecrets(inMemory ? undefined : dataDir);
    const credentials = { accessKeyId: secrets.aws_access_key_id, secretAccessKey: o.services?.awsSecret ?? secrets.aws_secret_access_key };
    const unique = o.services ? `-${randomBytes(6).toString('hex')}` : '';
    const names = { TABLE_NAME: `studio${unique}`, BUCKET_NAME: `studio-media${unique}`, EVENT_BUS_NAME: 'studio' };
    // Before anything can call AWS: the stack's credentials, never the machine's, nor instance metadata.
    applyEnv({ ...names, AWS_REGION: DEFAULT_REGION, SDK_TOKEN_SECRET: secrets.sdk_token_secret, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey });
    const [ddb, s3] = o.services ? [undefined, undefined] : await Promise.all([
      startDynamoDb({ ...(inMemory ? {} : { dataDir: path.join(dataDir, 'dynamodb') }), quickStart: o.quickStart ?? inMemory }),
      startS3({ dataDir: path.join(dataDir, 's3'), credentials, resetOnClose: inMemory }),
    ]);
    if (ddb && s3) stops.push(() => ddb.stop(), () => s3.stop());
    // Last before the services: the in-process functions' clients (their keep-alive sockets).
    stops.push(() => closeClients());
    const ddbEndpoint = o.services?.dynamodb ?? ddb!.endpoint;
    const s3Endpoint = o.services?.s3 ?? s3!.endpoint;
    const dynamodb = new DynamoDBClient({ region: DEFAULT_REGION, endpoint: ddbEndpoint, credentials });
    stops.push(() => dynamodb.destroy());
    await ensureTable(dynamodb, names.TABLE_NAME);
    log(`DynamoDB Local ${ddbEndpoint}, S3 ${s3Endpoint}`);

    const deadLetters: Stack['deadLetters'] = [];
    const bus = new LocalEventBus({
      ...(inMemory ? {} : { dataDir: path.join(dataDir, 'events') }), ...(o.clock ? { clock: o.clock, timers: 'auto' as const } : {}),
      region: DEFAULT_REGION, account: DEFAULT_ACCOUNT,
      onDeadLetter: (event, t, error) => { deadLetters.push({ event, arn: t.arn, error }); log(`events: dead letter ${event['detail-type']} → ${t.arn}: ${error}`); },
    });
    stops.push(() => bus.close());
    const eventsServer = await createEventsServer(bus);
    stops.push(() => eventsServer.close());

    const sfnDir = inMemory ? undefined : path.join(dataDir, 'sfn');
    const engine = createEngine({
      // The state machines' own DynamoDB tasks (a result's updateItem) are counted as `stateMachine`.
      eventBus: bus, dynamodb: countAwsCalls(countRoundTrips(dynamodb), 'dynamodb', 'stateMachine'), region: DEFAULT_REGION, accountId: DEFAULT_ACCOUNT,
      ...(sfnDir ? { dataDir: sfnDir } : {}), ...(o.clock ? { clock: o.clock, timers: 'auto' as const } : {}),
    });
    stops.push(() => engine.close());
    const TASK_FUNCTION = 'studio-tasks';
    const REPORT_FUNCTION = 'studio-reports';
    // The engine resumes stored executions as soon as it exists: their Lambda calls wait until
    // every endpoint is set, or their clients would be built for real AWS.
    let endpointsSet!: () => void;
    const ready = new Promise<void>((resolve) => { endpointsSet = resolve; });
    const gated = (h: ReturnType<typeof lazyHandler>): ReturnType<typeof lazyHandler> => async (e, c) => { await ready; return h(e, c); };
    engine.registerLambda(TASK_FUNCTION, gated(lazyHandler('tasks')));
    engine.registerLambda(REPORT_FUNCTION, gated(lazyHandler('reports')));
    const controlPlane = await ControlPlane.open({ stores: stackControlPlaneStores(sfnDir), ...(o.clock ? { clock: o.clock } : {}) });
    const executionEvents = new ExecutionEvents(engine, bus);
    const sfnServer = await createSfnServer({ engine: executionEvents.wrap(), controlPlane, authenticate: (req) => verifySigV4(req, credentials) });
    stops.push(() => sfnServer.close(), () => executionEvents.stop());

    const staticDir = o.staticDir ?? (existsSync(path.join(ROOT, 'web/dist')) ? path.join(ROOT, 'web/dist') : undefined);
    // As API Gateway routes them in AWS (lib/api.ts): the frame routes to the reports function.
    const api = lazyHandler('api'), reports = lazyHandler('reports');
    const gatewayHandler: typeof api = (event, context) => (isFramePath(String((event as { rawPath?: unknown }).rawPath)) ? reports(event, context) : api(event, context));
    const gateway = await createGateway({ handler: gatewayHandler, port: o.port ?? 0, host: o.host ?? '127.0.0.1', ...(staticDir ? { staticDir } : {}) });
    stops.push(() => gateway.close());
    const url = `http://${o.host && o.host !== '0.0.0.0' ? o.host : '127.0.0.1'}:${gateway.port}`;

    const env: StackEnv = {
      ...names, PUBLIC_URL: o.publicUrl ?? url, AWS_REGION: DEFAULT_REGION, TASK_FUNCTION, REPORT_FUNCTION, SDK_TOKEN_SECRET: secrets.sdk_token_secret,
      DYNAMODB_ENDPOINT: ddbEndpoint, S3_ENDPOINT: s3Endpoint, SFN_ENDPOINT: sfnServer.url, EVENTS_ENDPOINT: eventsServer.url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      STUDIO_ALLOWED_ORIGINS: o.allowedOrigins?.join(',') ?? process.env.STUDIO_ALLOWED_ORIGINS ?? 'http://localhost:5173',
      STUDIO_TRUSTED_PROXIES: o.trustedProxies?.join(',') ?? process.env.STUDIO_TRUSTED_PROXIES ?? '',
      // Webhooks to this machine are how one tries them locally; the deployed stack leaves this unset (private addresses stay refused).
      STUDIO_ALLOW_LOOPBACK_WEBHOOKS: 'true',
      // In memory: a key made per process, unless the folder given already holds one (test stacks share one per run).
      EVIDENCE_SIGNING_KEY_FILE: !inMemory || existsSync(path.join(dataDir, EVIDENCE_KEY_FILE)) ? path.join(dataDir, EVIDENCE_KEY_FILE) : '',
      ...consoleKeys(dataDir),
    };
    applyEnv(env);
    endpointsSet();
    const s3Client = new S3Client({ region: DEFAULT_REGION, endpoint: s3Endpoint, credentials, forcePathStyle: true });
    await ensureBucket(s3Client, names.BUCKET_NAME, o.allowedOrigins ?? [new URL(env.PUBLIC_URL).origin]).finally(() => s3Client.destroy());
    wireRules(bus, env.EVENT_BUS_NAME);
    wireForgetPurgedRuns(env.EVENT_BUS_NAME, { engine, bus, executionEvents, deadLetters }, log);
    const lifecycleHandler = lazyHandler('lifecycle');
    const scheduler = new LocalScheduler(() => lifecycleHandler({}, {}), o.lifecycleIntervalMs ?? LIFECYCLE_INTERVAL_MS, log);
    await executionEvents.start();

    const { createApiToken } = await import('../../lambdas/api/auth');
    const wanted = o.apiToken ?? process.env.STUDIO_API_TOKEN;
    const apiToken = await createApiToken(wanted?.startsWith('api_live.') ? 'live' : 'sandbox', wanted);
    if (!inMemory) {
      // Machines compiled by an older release: brought up to this compiler first, as a deploy does
      // (lambdas/workflows/upgrade.ts); a version that fails keeps its machine and is logged.
      const { reportData, upgradeMachines } = await import('../../lambdas/workflows/upgrade');
      await upgradeMachines({ log: (m, e) => log(`${m}${e === undefined ? '' : `: ${String(e)}`}`) }).then((report) => {
        const r = reportData(report);
        if (r.Recompiled !== 'none' || r.Failed !== 'none') log(`workflow machines: ${r.Summary}; recompiled: ${r.Recompiled}`);
      }, (e: unknown) => log(`workflow machines: the upgrade could not run, every machine keeps its definition: ${String(e)}`));
      // Runs whose creation a crash cut short (written, never started; all created before this start): start them now.
      const { startOrphanedRuns } = await import('../../lambdas/runs/resume');
      const resumed = await startOrphanedRuns(began, 0, (m, e) => log(`${m}: ${String(e)}`));
      if (resumed.length) log(`started ${resumed.length} run(s) whose creation was interrupted`);
    }
    if (inMemory && !o.dataDir) stops.unshift(() => rmSync(dataDir, { recursive: true, force: true }));
    scheduler.start();
    stops.push(() => scheduler.stop());
    return {
      url, apiToken, env, engine, controlPlane, bus, deadLetters,
      endpoints: { api: url, dynamodb: ddbEndpoint, s3: s3Endpoint, sfn: sfnServer.url, events: eventsServer.url },
      flushExecutionEvents: async () => { await engine.idle(); await executionEvents.check(); await bus.runDue(); },
      runLifecycle: async () => { await scheduler.tick(); await bus.runDue(); await bus.idle(); },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
