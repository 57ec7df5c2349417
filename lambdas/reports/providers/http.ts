/**
 * The `http` report provider: instead of running a check here, POST the report request to the
 * customer's own service and use its answer. The body is signed like webhooks
 * (`X-Studio-Signature`: hex HMAC-SHA256 of the raw body with the provider's secret), each call
 * has a timeout, and transient failures (network errors, timeouts, 429, 5xx) are retried with
 * exponential back-off. The answer must be a report (`ReportResult`); anything else fails the
 * report with a clear error.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ReportResult, type ReportRequest } from '../../../compiler';
import { TransientError } from '../../shared/errors';

export const HttpProvider = z.object({
  type: z.literal('http'),
  url: z.string().url(),
  secret: z.string().min(16),
  timeout_ms: z.number().int().min(100).max(60_000).default(10_000),
  retries: z.number().int().min(0).max(5).default(2),
  backoff_ms: z.number().int().min(0).max(30_000).default(500),
});
export type HttpProvider = z.infer<typeof HttpProvider>;

/** The provider answered, but not with a report: retrying would not help. */
export class ReportProviderError extends Error {
  override readonly name = 'ReportProviderError';
  readonly transient = false;
}
/** The provider did not answer (network, timeout, 429, 5xx) after this call's own retries: the workflow retries the report. */
export class ReportProviderUnavailableError extends TransientError {
  readonly transient = true;
  constructor(message: string) { super('ReportProviderUnavailable', message); }
}
type ProviderFailure = ReportProviderError | ReportProviderUnavailableError;

export const signBody = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

export async function callHttpProvider(provider: HttpProvider, request: ReportRequest, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))) {
  const body = JSON.stringify(request);
  let last: ProviderFailure | undefined;
  for (let attempt = 0; attempt <= provider.retries; attempt++) {
    if (attempt > 0) await sleep(provider.backoff_ms * 2 ** (attempt - 1));
    try {
      return await once(provider, body);
    } catch (e) {
      last = e instanceof ReportProviderError || e instanceof ReportProviderUnavailableError ? e
        : new ReportProviderUnavailableError(`${provider.url}: ${(e as Error).message}`);
      if (!last.transient) throw last;
    }
  }
  throw last ?? new ReportProviderUnavailableError(`${provider.url}: no attempt was made`);
}

async function once(provider: HttpProvider, body: string) {
  const res = await fetch(provider.url, {
    method: 'POST', body, signal: AbortSignal.timeout(provider.timeout_ms),
    headers: { 'content-type': 'application/json', 'x-studio-signature': signBody(provider.secret, body) },
  }).catch((e: Error) => { throw new ReportProviderUnavailableError(`${provider.url}: ${e.name === 'TimeoutError' ? `no answer within ${provider.timeout_ms} ms` : e.message}`); });
  const text = await res.text();
  if (res.status === 429 || res.status >= 500) throw new ReportProviderUnavailableError(`${provider.url} answered ${res.status}`);
  if (res.status < 200 || res.status >= 300) throw new ReportProviderError(`${provider.url} answered ${res.status}: ${text.slice(0, 200)}`);
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { throw new ReportProviderError(`${provider.url} answered with a body that is not JSON`); }
  const report = ReportResult.safeParse(parsed);
  if (!report.success) throw new ReportProviderError(`${provider.url} answered with something that is not a report: ${report.error.issues[0]?.message ?? ''}`);
  return report.data;
}
