/** Lambda entry point of the API (behind API Gateway HTTP API, payload format 2.0). */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { logger, tracer } from '../shared/powertools';
import { loadSecrets } from '../shared/secrets';
import { createApp } from './app';
import { buildRouter } from './routes';

const app = createApp(buildRouter(), (message, error) => logger.error(message, { error }));

export const handler = middy(app)
  .use(injectLambdaContext(logger))
  .use(captureLambdaHandler(tracer))
  .before(async () => { await loadSecrets(); });
