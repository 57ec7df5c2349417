/**
 * The product's Lambda functions (lambdas/entry-points.ts, the same modules the CDK stack
 * deploys), each required on its first call so that the stack starts fast.
 */
import * as path from 'node:path';
import { ENTRY_POINTS, type FunctionKey } from '../../lambdas/entry-points';
import { withFunctionScope } from '../../lambdas/shared/aws-calls';

export const LAMBDAS_DIR = path.resolve(__dirname, '../../lambdas');
export const FUNCTIONS = ENTRY_POINTS;
export type { FunctionKey };

export type Handler = (event: unknown, context: object) => Promise<unknown>;

function load(key: FunctionKey, exportName: string): Handler {
  const file = path.join(LAMBDAS_DIR, FUNCTIONS[key]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fn = (require(file) as Record<string, unknown>)[exportName];
  if (typeof fn !== 'function') throw new Error(`lambdas/${FUNCTIONS[key]} has no function export '${exportName}'`);
  return fn as Handler;
}

/** A handler that requires its module on first call; its AWS requests are counted under `key` (lambdas/shared/aws-calls.ts). */
export function lazyHandler(key: FunctionKey, exportName = 'handler'): Handler {
  let loaded: Handler | undefined;
  return async (event, context) => {
    loaded ??= load(key, exportName);
    const handler = loaded;
    return withFunctionScope(key, () => handler(event, { getRemainingTimeInMillis: () => 60_000, callbackWaitsForEmptyEventLoop: false, ...context }));
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
