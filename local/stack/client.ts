/** A tiny client of the product's API for the demo and the benchmark: JSON in, checked JSON out. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(readonly status: number, readonly body: string, what: string) { super(`${what} answered ${status}: ${body.slice(0, 500)}`); }
}

export interface Client {
  url: string;
  call<T = unknown>(method: string, p: string, body?: unknown, opts?: { sdkToken?: string; expect?: number[] }): Promise<T>;
  upload<T = unknown>(p: string, fields: Record<string, string>, file: { bytes: Buffer; name: string; type: string }, sdkToken?: string): Promise<T>;
}

export function client(url: string, apiToken: string): Client {
  const auth = (sdk?: string) => (sdk ? `Bearer ${sdk}` : `Token token=${apiToken}`);
  const read = async <T>(res: Response, what: string, expect: number[]) => {
    const text = await res.text();
    if (!expect.includes(res.status)) throw new ApiCallError(res.status, text, what);
    // JSON answers parsed; a text one (`GET /v3.6/ping`: `OK`) as it is.
    return (!text ? undefined : /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text) as T;
  };
  return {
    url,
    async call(method, p, body, opts = {}) {
      const res = await fetch(`${url}${p}`, {
        method, headers: { authorization: auth(opts.sdkToken), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return read(res, `${method} ${p}`, opts.expect ?? [200, 201, 204]);
    },
    async upload(p, fields, file, sdkToken) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set('file', new Blob([file.bytes], { type: file.type }), file.name);
      const res = await fetch(`${url}${p}`, { method: 'POST', headers: { authorization: auth(sdkToken) }, body: form });
      return read(res, `POST ${p}`, [201]);
    },
  };
}

/** The running `npm start`: STUDIO_URL (or PORT) and STUDIO_API_TOKEN (or .studio/api-token). */
export function runningStack(env: NodeJS.ProcessEnv = process.env): { url: string; apiToken: string } {
  const url = env.STUDIO_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`;
  const file = path.join(path.resolve(env.STUDIO_DATA ?? path.resolve(__dirname, '../../.studio')), 'api-token');
  const apiToken = env.STUDIO_API_TOKEN ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : '');
  if (!apiToken) throw new Error(`no API token: start the product first (npm start), or set STUDIO_API_TOKEN`);
  return { url, apiToken };
}
