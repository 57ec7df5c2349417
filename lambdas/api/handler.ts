/** Lambda entry point of the API (behind API Gateway HTTP API, payload format 2.0). */
import { lambdaHandler } from '../shared/lambda';
import { logger } from '../shared/powertools';
import { createApp } from './app';
import { buildRouter } from './routes';

export const handler = lambdaHandler(createApp(buildRouter(), (message, error) => logger.error(message, { error })));
