/** Lambda entry point of the API (behind API Gateway HTTP API, payload format 2.0). */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { logger, tracer } from '../shared/powertools';
import { loadSecrets } from '../shared/secrets';
import { createApp } from './app';
import { buildRouter } from './routes';

const app = createApp(buildRouter(), (message, error) => logger.error(message, { error }));

const base = middy(app).use(injectLambdaContext(logger)).before(async () => { await loadSecrets(); });
export const handler = tracer ? base.use(captureLambdaHandler(tracer)) : base;
