/**
 * The one way routes read their input: JSON bodies, query strings and path params parsed with
 * a zod schema; unreadable JSON is a 400 `bad_request`, a body that breaks the schema a 422
 * `validation_error` with every problem in `fields`.
 */
import type { z } from 'zod';
import { badRequest, validationError, zodFields } from '../shared/errors';

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(`There was a validation error on this ${what}`, zodFields(result.error.issues));
}

export function parseJsonBody<S extends z.ZodType>(schema: S, body: Buffer): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
  return parseWith(schema, value);
}

/** Query parameters as a plain object (the last value of a repeated name wins). */
export const parseQuery = <S extends z.ZodType>(schema: S, query: URLSearchParams): z.infer<S> =>
  parseWith(schema, Object.fromEntries(query.entries()), 'query');

export { jsonDepth } from '../shared/json-depth';
