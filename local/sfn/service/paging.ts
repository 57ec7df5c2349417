/** nextToken paging: an opaque token holds the offset and what was listed, so it cannot be reused elsewhere. */
import { InvalidTokenError } from './errors';

export const DEFAULT_PAGE_SIZE = 100;

export function page<T>(items: T[], scope: string, maxResults?: number, nextToken?: string): { items: T[]; nextToken?: string } {
  const size = maxResults === undefined || maxResults === 0 ? DEFAULT_PAGE_SIZE : maxResults;
  const start = nextToken === undefined ? 0 : decode(nextToken, scope);
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: encode(scope, end) } : {}) };
}

function encode(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
}

function decode(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; o?: unknown };
    if (parsed.s === scope && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // falls through to InvalidToken
  }
  throw new InvalidTokenError(`Invalid Token: '${token}' is not a nextToken returned by this operation with these parameters.`);
}
