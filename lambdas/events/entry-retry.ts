/**
 * PutEvents refuses an entry inside a 200 answer (`FailedEntryCount`, the entry's `ErrorCode`), so the SDK's own
 * retry never sees it. AWS documents two of those codes as retryable (PutEventsResultEntry: `InternalFailure`,
 * `ThrottlingException`): such an entry is put again, a bounded number of times with back-off (full jitter), and if the
 * bus still refuses it the `PublishError` is marked retryable (`$retryable`, the SDK's mark), so `isTransientAwsError`
 * takes it as transient and the handlers turn it into the error their compiled Retry matches (the task function's
 * `StorageUnavailable`, the report function's `ReportUnavailable`). Any other code (`MalformedDetail`,
 * `AccessDeniedException`, `InvalidArgument`, a `NotAuthorizedFor…`) would be refused again: it fails at once.
 */

/** PutEvents entry error codes a retry may cure (AWS, PutEventsResultEntry "Retryable errors"). */
export const RETRYABLE_ENTRY_ERRORS: ReadonlySet<string> = new Set(['InternalFailure', 'ThrottlingException']);

/** Tries of an entry refused with a retryable code: 4 in all, 100, 200 then 400 ms apart at most (full jitter). */
export const ENTRY_RETRY = { attempts: 4, baseMs: 100, maxDelayMs: 1000 } as const;

/** How put() waits between tries; tests replace its members. */
export interface Backoff { sleep: (ms: number) => Promise<void>; random: () => number }
export const entryBackoff: Backoff = {
  sleep: (ms) => new Promise((resolve) => { setTimeout(resolve, ms); }),
  random: () => Math.random(),
};

/** The wait before retry `retry` (0 for the first): full jitter below 100 ms × 2^retry, at most `maxDelayMs`. */
export const entryRetryDelay = (retry: number, random: () => number): number =>
  Math.floor(random() * Math.min(ENTRY_RETRY.maxDelayMs, ENTRY_RETRY.baseMs * 2 ** retry));

export class PublishError extends Error {
  /** Set when the code is retryable and the tries are spent: `isTransientAwsError` reads it, as on an SDK error. */
  readonly $retryable?: { throttling: boolean };
  constructor(message: string, readonly code?: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options);
    this.name = 'PublishError';
    if (options?.retryable) this.$retryable = { throttling: code === 'ThrottlingException' };
  }
}

/** One PutEvents answer for one entry (the SDK's output, the fields read here). */
export interface PutAnswer {
  FailedEntryCount?: number;
  Entries?: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/** `send` (one PutEvents call of one entry) until the entry is put; its event id. A retryable refusal is tried again. */
export async function putEntry(detailType: string, send: () => Promise<PutAnswer>, backoff: Backoff = entryBackoff): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    const entry = res.Entries?.[0];
    if ((res.FailedEntryCount ?? 0) === 0 && entry?.EventId) return entry.EventId;
    const code = entry?.ErrorCode;
    const why = `${code ?? 'no event id'} ${entry?.ErrorMessage ?? ''}`.trim();
    if (code === undefined || !RETRYABLE_ENTRY_ERRORS.has(code)) {
      throw new PublishError(`EventBridge refused ${detailType}: ${why} (not retryable)`, code);
    }
    if (attempt >= ENTRY_RETRY.attempts) {
      throw new PublishError(`EventBridge refused ${detailType}: ${why} (${attempt} tries)`, code, { retryable: true });
    }
    await backoff.sleep(entryRetryDelay(attempt - 1, backoff.random));
  }
}
