/** `X-SHA2-Signature`: lowercase hex HMAC-SHA256 of the exact raw body, keyed with the webhook token. */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-SHA2-Signature';

export const signBody = (body: string | Buffer, token: string): string =>
  createHmac('sha256', token).update(body).digest('hex');
