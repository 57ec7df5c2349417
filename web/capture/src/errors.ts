/** What the end user reads about a failure: human words in the page's language, never a status code or token name. */
import type { TFunction } from 'i18next';
import { ApiError } from './api';
import { TIMEOUT } from './timeouts';

export function humanError(e: unknown, t: TFunction): { message: string; details: string[] } {
  if (!(e instanceof ApiError)) return { message: t('errors.generic'), details: [] };
  if (e.type === TIMEOUT) return { message: t('errors.timeout'), details: [] };
  if (e.status === 0) return { message: t('errors.network'), details: [] };
  if (e.status === 401) return { message: t('errors.expired'), details: [] };
  if (e.status === 404) return { message: t('errors.notFound'), details: [] };
  if (e.status === 413) return { message: t('errors.tooLarge'), details: [] };
  if (e.status === 422 || e.status === 400) return { message: t('errors.invalid'), details: e.details() };
  return { message: t('errors.generic'), details: [] };
}

/** A failure worth retrying on its own (the network or the server, not the request; a 409 that reaches the page is
 *  the run changing under the completion: flow.ts settles those naming the task's status). */
export const transient = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status === 409 || e.status === 429 || e.status >= 500);
