/**
 * Lambda entry point: the SQS queue fed by the bus rule (`WEBHOOK_RULE_PATTERN`). Each record
 * is processed on its own; records to retry are returned as `batchItemFailures` (the event
 * source mapping needs ReportBatchItemFailures) after their visibility is set to the back-off.
 */
import { z } from 'zod';
import { systemRuntime } from '../shared/ids';
import { processMessage, type ProcessDeps } from './process';
import { sqsDelay, type SetDelay } from './queue';
import { sendWebhook } from './send';
import { retryDelaySeconds, webhookSettings } from './settings';
import { lambdaHandler } from '../shared/lambda';
import { logger } from '../shared/powertools';

export const SqsBatch = z.object({
  Records: z.array(z.object({
    messageId: z.string(),
    body: z.string(),
    receiptHandle: z.string().optional(),
    eventSourceARN: z.string().optional(),
    attributes: z.object({ ApproximateReceiveCount: z.coerce.number().int().min(1).default(1) }).partial().default({}),
  })),
});
export type SqsBatch = z.input<typeof SqsBatch>;
export interface BatchResult { batchItemFailures: Array<{ itemIdentifier: string }> }

export interface HandlerDeps extends ProcessDeps { setDelay: SetDelay }

export function defaultDeps(): HandlerDeps {
  const settings = webhookSettings();
  return {
    runtime: systemRuntime, send: sendWebhook, settings, setDelay: sqsDelay(settings.SQS_ENDPOINT),
    log: (msg, data) => logger.warn(msg, ...(data === undefined ? [] : [{ data }])),
  };
}

export function createHandler(deps: () => HandlerDeps = defaultDeps) {
  return async function webhookHandler(input: unknown): Promise<BatchResult> {
    const d = deps();
    const { Records } = SqsBatch.parse(input);
    const failed = await Promise.all(Records.map(async (record) => {
      const attempt = record.attributes.ApproximateReceiveCount ?? 1;
      try {
        if (await processMessage(record.body, attempt, d) === 'done') return undefined;
      } catch (e) {
        d.log(`webhook message ${record.messageId} failed; it will be retried`, e);
      }
      await d.setDelay(record, retryDelaySeconds(attempt, d.settings)).catch((e: unknown) => d.log('could not set the retry delay', e));
      return record.messageId;
    }));
    return { batchItemFailures: failed.filter((id): id is string => id !== undefined).map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

export const handler = lambdaHandler(createHandler());
