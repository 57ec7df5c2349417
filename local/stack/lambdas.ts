/**
 * The product's Lambda functions, loaded lazily from `lambdas/` so that the stack starts
 * before (and without) the modules that other parts of the product add. Each is
 * `{ file, export }`; a missing module makes only its function unavailable.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ENTRY_POINTS, type FunctionKey } from '../../lambdas/entry-points';

export const LAMBDAS_DIR = path.resolve(__dirname, '../../lambdas');
export const FUNCTIONS = ENTRY_POINTS;
export type { FunctionKey };

export type Handler = (event: unknown, context: object) => Promise<unknown>;

export const functionExists = (key: FunctionKey) => existsSync(path.join(LAMBDAS_DIR, FUNCTIONS[key]));

function load(key: FunctionKey, exportName: string): Handler {
  const file = path.join(LAMBDAS_DIR, FUNCTIONS[key]);
  if (!existsSync(file)) throw Object.assign(new Error(`lambdas/${FUNCTIONS[key]} does not exist yet`), { name: 'Lambda.ResourceNotFoundException' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fn = (require(file) as Record<string, unknown>)[exportName];
  if (typeof fn !== 'function') throw new Error(`lambdas/${FUNCTIONS[key]} has no function export '${exportName}'`);
  return fn as Handler;
}

/**
 * The API function. `api/handler.ts` wraps the app in middy, which is ESM only: jest (CommonJS)
 * cannot load it, so there the same app is built without the (middleware-free) middy wrapper.
 */
function loadApi(): Handler {
  try {
    return load('api', 'handler');
  } catch (e) {
    if (!/import statement outside a module|ERR_REQUIRE_ESM/.test(`${String(e)} ${(e as { code?: string }).code ?? ''}`)) throw e;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createApp } = require('../../lambdas/api/app') as typeof import('../../lambdas/api/app');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildRouter } = require('../../lambdas/api/routes') as typeof import('../../lambdas/api/routes');
    return createApp(buildRouter());
  }
}

/** A handler that requires its module on first call (and says clearly when it does not exist). */
export function lazyHandler(key: FunctionKey, exportName = 'handler'): Handler {
  let loaded: Handler | undefined;
  return async (event, context) => {
    loaded ??= key === 'api' ? loadApi() : load(key, exportName);
    return loaded(event, { getRemainingTimeInMillis: () => 60_000, callbackWaitsForEmptyEventLoop: false, ...context });
  };
}

/** EventBridge → SQS → Lambda, as the CDK stack wires the webhooks function: one record per event. */
export function viaSqs(handler: Handler): (event: unknown, ctx: { functionName: string; awsRequestId: string; attempt: number }) => Promise<unknown> {
  return async (event, ctx) => {
    const record = { messageId: ctx.awsRequestId, receiptHandle: ctx.awsRequestId, body: JSON.stringify(event), attributes: { ApproximateReceiveCount: String(ctx.attempt), SentTimestamp: String(Date.now()) }, messageAttributes: {}, eventSource: 'aws:sqs' };
    const out = await handler({ Records: [record] }, { functionName: ctx.functionName, awsRequestId: ctx.awsRequestId });
    const failures = (out as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures;
    if (failures?.length) throw new Error(`the webhooks function reported ${failures.length} failed record(s)`);
    return out;
  };
}
