/**
 * Powertools for AWS Lambda: structured JSON logs, and X-Ray tracing of AWS SDK calls inside
 * Lambda. The tracer (and the X-Ray SDK it loads, whose async hooks cost CPU on every promise) is
 * only loaded when running in Lambda; the local stack runs without it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { processSettings } from './config';

const serviceName = processSettings().POWERTOOLS_SERVICE_NAME;
export const logger = new Logger({ serviceName });

/** Logs an error with its cause as structured JSON (the default `log` of handlers that take one; tests pass their own). */
export const logError = (message: string, error?: unknown): void => {
  if (error instanceof Error) logger.error(message, error);
  else if (error === undefined) logger.error(message);
  else logger.error(message, { error: String(error) });
};

function loadTracer(): Tracer | undefined {
  if (!processSettings().AWS_LAMBDA_FUNCTION_NAME) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Tracer: TracerClass } = require('@aws-lambda-powertools/tracer') as typeof import('@aws-lambda-powertools/tracer');
  return new TracerClass({ serviceName });
}
export const tracer = loadTracer();

/** Traces an AWS SDK v3 client's calls (in Lambda only). */
export const traced = <T>(client: T): T => (tracer ? tracer.captureAWSv3Client(client) : client);
