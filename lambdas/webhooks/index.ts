/** The only door into webhooks/: the worker, resend, and the pieces tests and tools use. */
export { createHandler, handler, SqsBatch, type BatchResult, type HandlerDeps } from './handler';
export { resend, type ResendItem } from './resend';
export { signBody, SIGNATURE_HEADER } from './signature';
export { sendWebhook, type Send, type SendResult } from './send';
export { retryDelaySeconds, webhookSettings, WebhookSettings } from './settings';
export { getDeadLetter, type DeadLetter } from './dead-letters';
export { buildDelivery, type Delivery } from './payload';
