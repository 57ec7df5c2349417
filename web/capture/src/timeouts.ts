/**
 * Time limits of the page's requests, so that a stalled connection ends in an error with "Try
 * again", never a spinner for good. JSON calls get a total limit: the API answers within 30 s or
 * not at all (its function's 29 s, CloudFront's 30 s read timeout). Uploads get a stall limit
 * instead: large files on slow mobile networks may take minutes, but not minutes without progress.
 * Timers are the page's own `setTimeout` (not `AbortSignal.timeout`), so a test's fake clock
 * (playwright's `page.clock`) moves them.
 */

export interface Limits {
  /** A JSON call (the request and its whole answer). */
  jsonMs: number;
  /** An upload to S3 without any progress (bytes sent, or the answer arriving). */
  stallMs: number;
}

export const LIMITS: Limits = { jsonMs: 30_000, stallMs: 30_000 };

/** What the page's errors say of a request that ran out of time (`type` of its ApiError, status 0). */
export const TIMEOUT = 'timeout';

/** An abort signal fired after `ms` without a `touch()`: `expired()` tells a timeout from another failure. */
export function stallTimer(ms: number): { signal: AbortSignal; touch(): void; clear(): void; expired(): boolean } {
  const controller = new AbortController();
  let fired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clear = () => { if (timer !== undefined) clearTimeout(timer); timer = undefined; };
  const touch = () => {
    clear();
    if (!fired) timer = setTimeout(() => { fired = true; controller.abort(); }, ms);
  };
  touch();
  return { signal: controller.signal, touch, clear, expired: () => fired };
}

/** A request that ran out of time. */
export class TimedOut extends Error {
  constructor() { super('The server did not answer in time.'); }
}

/** `fetch` and `read` of its answer within `ms` in all; TimedOut when the time ran out, the network's error otherwise. */
export async function fetchWithin<T>(ms: number, url: string, init: RequestInit, read: (res: Response) => Promise<T>): Promise<T> {
  const limit = stallTimer(ms);
  try {
    return await read(await fetch(url, { ...init, signal: limit.signal }));
  } catch (e) {
    throw limit.expired() ? new TimedOut() : e;
  } finally {
    limit.clear();
  }
}
