/**
 * The API's view of HTTP: API Gateway HTTP API (payload 2.0) events in, proxy results out.
 * The local gateway builds the same events, so handlers never know where they run.
 */
import { z } from 'zod';

export const ApiGatewayEvent = z.object({
  version: z.literal('2.0').optional(),
  rawPath: z.string(),
  rawQueryString: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({ http: z.object({ method: z.string(), sourceIp: z.string().optional(), userAgent: z.string().optional() }) }),
}).passthrough();
export type ApiGatewayEvent = z.infer<typeof ApiGatewayEvent>;

export interface ApiResult { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean }

export type { Caller } from '../shared/tokens';
import type { Caller } from '../shared/tokens';

export interface Request {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  caller: Caller;
  sourceIp?: string;
  userAgent?: string;
}

export interface Response { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer }

export const json = (status: number, body: unknown, headers?: Record<string, string>): Response => ({ status, body, ...(headers ? { headers } : {}) });
export const noContent = (): Response => ({ status: 204 });
