/**
 * One HTTP delivery: POST the signed body, 2xx within the timeout counts as delivered; no
 * redirects followed. The connection is made only to addresses destination.ts allows: the host
 * name is resolved here and every address checked before connecting (a name that now points
 * inside the network is refused, whatever it pointed to at registration).
 */
import type { LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { config } from '../shared/config';
import { addressProblem, bareHost, isLoopback, systemResolve, type DestinationPolicy, type Resolve } from './destination';
import { SIGNATURE_HEADER, signBody } from './signature';

export type SendResult = { ok: true; status: number } | { ok: false; error: string };
export type Send = (url: string, body: string, token: string, timeoutMs: number) => Promise<SendResult>;

export const sendWebhook: Send = (url, body, token, timeoutMs) =>
  deliver(url, body, token, timeoutMs, { allowLoopback: config().STUDIO_ALLOW_LOOPBACK_WEBHOOKS });

class RefusedDestination extends Error { override name = 'RefusedDestination'; }

/** Node's `lookup` for the request: resolves with `resolve` and refuses when any address may not be used. */
function guardedLookup(check: (address: string) => string | undefined, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then((found) => {
      const problem = found.length === 0 ? `${hostname} has no address` : found.map(check).find((p) => p !== undefined);
      if (problem) { callback(new RefusedDestination(`refused: ${problem}`), '', 0); return; }
      const addresses: LookupAddress[] = found.map((address) => ({ address, family: isIP(address) }));
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    }, (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), '', 0));
  };
}

export function deliver(url: string, body: string, token: string, timeoutMs: number, policy: DestinationPolicy, resolve: Resolve = systemResolve): Promise<SendResult> {
  let u: URL;
  try { u = new URL(url); } catch { return Promise.resolve({ ok: false, error: 'refused: not a URL' }); }
  const client = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : undefined;
  if (!client) return Promise.resolve({ ok: false, error: `refused: ${u.protocol} is not http(s)` });
  const check = (address: string) => addressProblem(address, policy) ?? (client === http && !isLoopback(address) ? `http only to loopback, not ${address}` : undefined);
  const host = bareHost(u.hostname);
  const literal = isIP(host) ? check(host) : undefined;
  if (literal) return Promise.resolve({ ok: false, error: `refused: ${literal}` });
  return new Promise((settle) => {
    const req = client.request(u, {
      // A fresh connection each time (agent: false): a pooled socket would skip the checked lookup.
      method: 'POST', agent: false, lookup: guardedLookup(check, resolve), signal: AbortSignal.timeout(timeoutMs),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'OpenStudio-Webhooks/1', [SIGNATURE_HEADER]: signBody(body, token) },
    }, (res) => {
      const status = res.statusCode ?? 0;
      res.on('error', () => undefined);
      res.resume();
      settle(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: `HTTP ${status}` });
    });
    req.on('error', (e) => {
      if (e.name === 'TimeoutError' || e.name === 'AbortError') settle({ ok: false, error: `no answer within ${timeoutMs} ms` });
      else settle({ ok: false, error: e.message });
    });
    req.end(body);
  });
}
