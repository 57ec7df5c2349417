/**
 * Every Lambda entry point is wrapped the same way: middy, Powertools' structured logger with
 * the Lambda context, X-Ray tracing of the invocation (inside Lambda only) and the secrets
 * loaded before the first call.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { logger, tracer } from './powertools';
import { loadSecrets } from './secrets';

export function lambdaHandler<E, R>(fn: (event: E) => Promise<R>) {
  const base = middy(fn).use(injectLambdaContext(logger)).before(async () => { await loadSecrets(); });
  return tracer ? base.use(captureLambdaHandler(tracer)) : base;
}
