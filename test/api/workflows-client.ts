/** The workflow tests' view of the stack: JSON requests to the API and an SFN client at SFN_ENDPOINT. */
import { SFNClient } from '@aws-sdk/client-sfn';

export interface Reply<T = Record<string, unknown>> { status: number; body: T; text: string; headers: Headers }

export function apiClient(url: string, token: string) {
  return async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, raw?: string): Promise<Reply<T>> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Token token=${token}`, ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, text, headers: res.headers };
  };
}
export type Api = ReturnType<typeof apiClient>;

/** Signs with the stack's own credentials (its Step Functions API checks them). */
export const sfnClient = (endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new SFNClient({ region: 'us-east-1', endpoint, credentials });
