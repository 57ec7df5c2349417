/**
 * Powertools for AWS Lambda: structured JSON logs and X-Ray tracing of AWS SDK calls. Tracing is
 * active only inside Lambda (Powertools turns itself off elsewhere), so the local stack is quiet.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'open-studio' });
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'open-studio' });

/** Traces an AWS SDK v3 client's calls (a no-op outside Lambda). */
export const traced = <T>(client: T): T => tracer.captureAWSv3Client(client);
