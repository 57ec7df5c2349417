/** Lambda entry point of the API (behind API Gateway HTTP API, payload format 2.0). */
import middy from '@middy/core';
import { createApp } from './app';
import { buildRouter } from './routes';

const app = createApp(buildRouter());
export const handler = middy(app);
