/** The back-off of webhook deliveries; the settings themselves are read in shared/config.ts. */
import { webhookSettings, WebhookSettings } from '../shared/config';

export { webhookSettings, WebhookSettings };

/** Seconds before the next attempt after `receiveCount` attempts: base·2^(n−1), capped. */
export function retryDelaySeconds(receiveCount: number, s: Pick<WebhookSettings, 'WEBHOOK_BACKOFF_BASE_SECONDS' | 'WEBHOOK_BACKOFF_MAX_SECONDS'>): number {
  const n = Math.max(1, receiveCount);
  return Math.min(s.WEBHOOK_BACKOFF_MAX_SECONDS, s.WEBHOOK_BACKOFF_BASE_SECONDS * 2 ** Math.min(n - 1, 30));
}
