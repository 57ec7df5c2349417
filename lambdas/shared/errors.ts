/**
 * Errors the handlers share. API errors carry Onfido's error body (`{ error: { type, message,
 * fields } }`); anything that is not an ApiError becomes a 500 whose body says nothing about the
 * internals. Report handlers tell transient failures from bad evidence by the two bases below.
 */
import type { TransientErrorName } from '../../compiler';

/**
 * Handler errors a retry may cure (storage, the face engine, a report provider). The name is
 * one of the runtime contract's `TRANSIENT_ERRORS` (the report function's, which report tasks retry) or
 * `WAIT_TRANSIENT_ERRORS` (the task function's, which capture, Send/Receive and review waits retry).
 */
export class TransientError extends Error {
  constructor(override readonly name: TransientErrorName, message: string, options?: { cause?: unknown }) { super(message, options); }
}

/** The evidence cannot support a decision (missing, unreadable, wrong): a report says `consider`. */
export class EvidenceError extends Error {
  override readonly name: string = 'EvidenceError';
}

const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TooManyRequestsException',
  'SlowDown', 'RequestThrottled', 'RequestThrottledException', 'ThrottledException']);
const NO_ANSWER = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'TimeoutError', 'RequestTimeout']);

/** An AWS SDK error a retry may cure: throttling, a server fault, or no answer (network, timeout); also an event the bus
 *  refused with a retryable entry code after put's own tries (events/entry-retry.ts marks it `$retryable`, as the SDK does). */
export function isTransientAwsError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const sdk = e as Error & { $fault?: string; $retryable?: unknown; code?: string };
  return sdk.$fault === 'server' || Boolean(sdk.$retryable) || THROTTLING.has(e.name) || NO_ANSWER.has(e.name) || NO_ANSWER.has(sdk.code ?? '');
}

/** A storage or event-bus call of the task function failed transiently: the waits retry it (the runtime contract's
 *  `WAIT_TRANSIENT_ERRORS`). */
export class StorageUnavailableError extends TransientError {
  constructor(message: string, options?: { cause?: unknown }) { super('StorageUnavailable', message, options); }
}

/** `call`, with a transient AWS failure (`isTransientAwsError`) turned into the transient error `make` gives; any other
 *  error (a bug, a refused request) is rethrown unchanged. */
export const transientAs = <T>(make: (e: unknown) => TransientError, call: Promise<T>): Promise<T> =>
  call.catch((e: unknown) => { throw isTransientAwsError(e) ? make(e) : e; });

export class ApiError extends Error {
  /** `extra`: members added to the error object beside Onfido's (extensions its clients ignore). */
  constructor(readonly status: number, readonly type: string, message: string, readonly fields: Record<string, string[]> = {},
    readonly headers: Record<string, string> = {}, readonly extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
  }
  body() { return { error: { type: this.type, message: this.message, fields: this.fields, ...this.extra } }; }
}

export const notFound = (kind: string, id: string) =>
  new ApiError(404, 'resource_not_found', `Could not find the following resource: ${kind} with id=${id}`);
export const validationError = (message: string, fields: Record<string, string[]> = {}) =>
  new ApiError(422, 'validation_error', message, fields);
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const unauthorized = (message = 'Please provide a valid token') => new ApiError(401, 'authorization_error', message);
export const forbidden = (message: string) => new ApiError(403, 'authorization_error', message);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
export const payloadTooLarge = (message: string) => new ApiError(413, 'payload_too_large', message);
export const unsupportedMediaType = (message: string) => new ApiError(415, 'unsupported_media_type', message);
export const internal = () => new ApiError(500, 'internal_server_error', 'Something went wrong on our side; the request can be retried.');
/** A service this request needs refused it for now (throttled, failing) and nothing was changed: a 503 the caller may retry after `retryAfter` s. */
export const unavailable = (message: string, retryAfter = 1) => new ApiError(503, 'service_unavailable', message, {}, { 'Retry-After': String(retryAfter) });

/** zod issues → Onfido `fields` (`{ "address.postcode": ["is required"] }`). */
export function zodFields(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null);
  for (const i of issues) {
    const key = i.path.map(String).join('.') || 'body';
    (fields[key] ??= []).push(i.message);
  }
  return fields;
}
