/** Ids and time, injectable so that tests are deterministic. */
import { randomUUID } from 'node:crypto';

export interface Runtime { now(): Date; newId(): string }
export const systemRuntime: Runtime = { now: () => new Date(), newId: () => randomUUID() };

/** Onfido's timestamp format: `2022-06-28T15:39:42Z` (no milliseconds). */
export const isoSeconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
