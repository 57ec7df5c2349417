/** Settings of the webhook worker (environment variables), with the back-off they imply. */
import { z } from 'zod';

export const WebhookSettings = z.object({
  /** Deliveries of one event to one webhook before it goes to the dead-letter store. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** Receivers must answer within this many milliseconds. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** First retry delay; doubles per attempt up to the cap (SQS allows at most 12 hours). */
  WEBHOOK_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(0).default(30),
  WEBHOOK_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(0).max(43_200).default(3_600),
  /** How long a delivery in progress holds its claim, in case the worker dies mid-send. */
  WEBHOOK_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Local stack only: the SQS endpoint the retry delays are set on. */
  SQS_ENDPOINT: z.string().url().optional(),
});
export type WebhookSettings = z.infer<typeof WebhookSettings>;

export const webhookSettings = (env: NodeJS.ProcessEnv = process.env) => WebhookSettings.parse(env);

/** Seconds before the next attempt after `receiveCount` attempts: base·2^(n−1), capped. */
export function retryDelaySeconds(receiveCount: number, s: Pick<WebhookSettings, 'WEBHOOK_BACKOFF_BASE_SECONDS' | 'WEBHOOK_BACKOFF_MAX_SECONDS'>): number {
  const n = Math.max(1, receiveCount);
  return Math.min(s.WEBHOOK_BACKOFF_MAX_SECONDS, s.WEBHOOK_BACKOFF_BASE_SECONDS * 2 ** Math.min(n - 1, 30));
}
