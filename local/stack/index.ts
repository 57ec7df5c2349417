/**
 * The whole product on one machine: DynamoDB Local, S3 (s3rver), a local EventBridge, the
 * embedded Step Functions (engine + control plane + AWS JSON API), and the API behind a local
 * API Gateway, with the product's Lambda functions in process. The only door into local/stack.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
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
import { lazyHandler } from './lambdas';
import { countRoundTrips } from '../../lambdas/shared/round-trips';
import { wireRules } from './rules';
import { startS3 } from './s3';

export { ensureTable, startDynamoDb, LOCAL_CREDENTIALS, type LocalDynamoDb } from './dynamodb';
export { startS3, type LocalS3 } from './s3';
export { freePort, waitUntil } from './ports';
export type { StackEnv } from './env';

export interface StackOptions {
  /** Durable data (DynamoDB, S3, executions, state machines, pending events); omitted: a temp folder / memory. */
  dataDir?: string;
  /** Port of the API (the gateway); 0 or omitted: any free port. */
  port?: number;
  host?: string;
  /** The API token to create (must start `api_sandbox.` or `api_live.`); default STUDIO_API_TOKEN or a new sandbox token. */
  apiToken?: string;
  clock?: Clock;
  /** DynamoDB in memory, S3 emptied on stop (tests). Default: true when no dataDir. */
  inMemory?: boolean;
  /** Public base URL (default the gateway's URL). */
  publicUrl?: string;
  /** Folder with the built web apps (default web/dist when it exists). */
  staticDir?: string;
  log?: (line: string) => void;
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
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

export async function startStack(o: StackOptions = {}): Promise<Stack> {
  const log = o.log ?? (() => undefined);
  const inMemory = o.inMemory ?? !o.dataDir;
  const dataDir = o.dataDir ?? path.join(tmpdir(), `studio-${process.pid}-${randomBytes(4).toString('hex')}`);
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => { for (const s of stops.splice(0).reverse()) await Promise.resolve(s()).catch((e: unknown) => log(`stop: ${String(e)}`)); };
  try {
    const names = { TABLE_NAME: 'studio', BUCKET_NAME: 'studio-media', EVENT_BUS_NAME: 'studio' };
    const [ddb, s3] = await Promise.all([
      startDynamoDb(inMemory ? {} : { dataDir: path.join(dataDir, 'dynamodb'), quickStart: false }),
      startS3({ dataDir: path.join(dataDir, 's3'), bucket: names.BUCKET_NAME, resetOnClose: inMemory }),
    ]);
    stops.push(() => ddb.stop(), () => s3.stop());
    const dynamodb = ddb.client();
    await ensureTable(dynamodb, names.TABLE_NAME);
    log(`DynamoDB Local ${ddb.endpoint}, S3 ${s3.endpoint}`);

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
      eventBus: bus, dynamodb: countRoundTrips(dynamodb), region: DEFAULT_REGION, accountId: DEFAULT_ACCOUNT,
      ...(sfnDir ? { dataDir: sfnDir } : {}), ...(o.clock ? { clock: o.clock, timers: 'auto' as const } : {}),
    });
    stops.push(() => engine.close());
    const TASK_FUNCTION = 'studio-tasks';
    const REPORT_FUNCTION = 'studio-reports';
    engine.registerLambda(TASK_FUNCTION, lazyHandler('tasks'));
    engine.registerLambda(REPORT_FUNCTION, lazyHandler('reports'));
    const controlPlane = await ControlPlane.open({ stores: stackControlPlaneStores(sfnDir), ...(o.clock ? { clock: o.clock } : {}) });
    const executionEvents = new ExecutionEvents(engine, bus);
    const sfnServer = await createSfnServer({ engine: executionEvents.wrap(), controlPlane });
    stops.push(() => sfnServer.close(), () => executionEvents.stop());

    const staticDir = o.staticDir ?? (existsSync(path.join(ROOT, 'web/dist')) ? path.join(ROOT, 'web/dist') : undefined);
    const gateway = await createGateway({ handler: lazyHandler('api'), port: o.port ?? 0, host: o.host ?? '127.0.0.1', ...(staticDir ? { staticDir } : {}) });
    stops.push(() => gateway.close());
    const url = `http://${o.host && o.host !== '0.0.0.0' ? o.host : '127.0.0.1'}:${gateway.port}`;

    const env: StackEnv = {
      ...names, PUBLIC_URL: o.publicUrl ?? url, AWS_REGION: DEFAULT_REGION, TASK_FUNCTION, REPORT_FUNCTION,
      DYNAMODB_ENDPOINT: ddb.endpoint, S3_ENDPOINT: s3.endpoint, SFN_ENDPOINT: sfnServer.url, EVENTS_ENDPOINT: eventsServer.url,
    };
    applyEnv(env);
    wireRules(bus, env.EVENT_BUS_NAME);
    await executionEvents.start();

    const { createApiToken } = await import('../../lambdas/api/auth');
    const wanted = o.apiToken ?? process.env.STUDIO_API_TOKEN;
    const apiToken = await createApiToken(wanted?.startsWith('api_live.') ? 'live' : 'sandbox', wanted);
    if (inMemory && !o.dataDir) stops.unshift(() => rmSync(dataDir, { recursive: true, force: true }));
    return {
      url, apiToken, env, engine, controlPlane, bus, deadLetters,
      endpoints: { api: url, dynamodb: ddb.endpoint, s3: s3.endpoint, sfn: sfnServer.url, events: eventsServer.url },
      flushExecutionEvents: async () => { await engine.idle(); await executionEvents.check(); await bus.runDue(); },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
