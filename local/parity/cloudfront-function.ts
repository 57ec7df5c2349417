/**
 * CloudFront Functions (viewer request) of the synthesized distribution, run on this machine as
 * CloudFront runs them before a request reaches its origin: the function's code from the template
 * in a `node:vm` context of its own (no require, no process, no timers), `handler(event)` called
 * with CloudFront's event (`version` 1.0; headers and query string as `{ name: { value } }`), and
 * its answer either the request to pass on (its `uri` possibly rewritten) or a response returned
 * to the viewer without reaching the origin.
 */
import * as vm from 'node:vm';
import { matchesPathPattern, type ParityTemplate } from './template';

export interface ViewerRequest { method: string; uri: string; querystring: string; headers: Record<string, string | string[] | undefined>; ip: string }
export interface EdgeResponse { statusCode: number; headers: Record<string, string>; body: Buffer }
export type ViewerOutcome = { request: { uri: string; querystring: string } } | { response: EdgeResponse };

/** CloudFront limits compute time, not wall time: this only keeps a looping function from hanging the gateway (wide, for a loaded machine). */
const TIMEOUT_MS = 2000;

type Values = Record<string, { value: string; multiValue?: Array<{ value: string }> }>;
interface CfRequest { method: string; uri: string; querystring: Values; headers: Values; cookies: Values }
interface CfResponse { statusCode: number; statusDescription?: string; headers?: Values; body?: string | { encoding: 'text' | 'base64'; data: string } }

const valuesOf = (entries: Array<[string, string]>): Values => {
  const out: Values = {};
  for (const [k, v] of entries) {
    const had = out[k];
    if (had) had.multiValue = [...(had.multiValue ?? [{ value: had.value }]), { value: v }];
    else out[k] = { value: v };
  }
  return out;
};

function eventOf(r: ViewerRequest) {
  const headers = Object.entries(r.headers).flatMap(([k, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k.toLowerCase(), x])));
  const query = [...new URLSearchParams(r.querystring)];
  const cookies = (r.headers.cookie ? String(r.headers.cookie) : '').split(';').map((c) => c.trim()).filter(Boolean)
    .map((c): [string, string] => { const i = c.indexOf('='); return i < 0 ? [c, ''] : [c.slice(0, i), c.slice(i + 1)]; });
  const request: CfRequest = { method: r.method, uri: r.uri, querystring: valuesOf(query), headers: valuesOf(headers.filter(([k]) => k !== 'cookie')), cookies: valuesOf(cookies) };
  return { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: r.ip }, request };
}

const querystringOf = (q: Values): string => Object.entries(q)
  .flatMap(([k, v]) => (v.multiValue ?? [v]).map((x) => `${encodeURIComponent(k)}${x.value === '' ? '' : `=${encodeURIComponent(x.value)}`}`)).join('&');

/** A compiled viewer-request function: call it per request. */
export function viewerRequestFunction(code: string, name = 'function'): (r: ViewerRequest) => Promise<ViewerOutcome> {
  const script = new vm.Script(`${code}\n;handler(__event);`, { filename: `cloudfront-function:${name}.js` });
  return async (r) => {
    const event = eventOf(r);
    const context = vm.createContext({ __event: event });
    const out = await Promise.resolve(script.runInContext(context, { timeout: TIMEOUT_MS }) as CfRequest | CfResponse);
    if (out && typeof out === 'object' && 'statusCode' in out) {
      const headers = Object.fromEntries(Object.entries(out.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.value]));
      const b = out.body;
      const body = b === undefined ? Buffer.alloc(0) : typeof b === 'string' ? Buffer.from(b) : Buffer.from(b.data, b.encoding === 'base64' ? 'base64' : 'utf8');
      return { response: { statusCode: Number(out.statusCode), headers, body } };
    }
    if (!out || typeof out !== 'object' || typeof (out as CfRequest).uri !== 'string') throw new Error(`CloudFront function ${name} returned neither a request nor a response`);
    const req = out as CfRequest;
    return { request: { uri: req.uri, querystring: querystringOf(req.querystring ?? {}) } };
  };
}

/** The viewer-request function of the first behavior whose path pattern matches (CloudFront's
 *  order), each compiled once; undefined for a path whose behavior has none. */
export function viewerRequests(behaviors: ParityTemplate['webHeaders']): (r: ViewerRequest) => Promise<ViewerOutcome | undefined> {
  const compiled = behaviors.map((b) => ({ pathPattern: b.pathPattern, run: b.viewerRequest && viewerRequestFunction(b.viewerRequest.code, b.viewerRequest.name) }));
  return async (r) => compiled.find((b) => matchesPathPattern(b.pathPattern, r.uri))?.run?.(r);
}
