/**
 * CloudFront Functions (viewer request) of the synthesized distribution, run on this machine as
 * CloudFront runs them before a request reaches its origin: the function's code from the template
 * in a `node:vm` context of its own (no require, no process, no timers), `handler(event)` called
 * with CloudFront's event (`version` 1.0; headers and query string as `{ name: { value } }`), and
 * its answer either the request to pass on (its `uri` possibly rewritten) or a response returned
 * to the viewer without reaching the origin.
 *
 * A behavior whose origin is a custom (HTTP) origin, the API's, also gets what CloudFront sends that
 * origin: the request's headers as the function left them (the origin request policy forwards every
 * viewer header but Host), the origin's custom headers over them (a `{{resolve:secretsmanager:…}}`
 * value resolved with the start's secrets, as CloudFormation resolves it at deploy), and the edge
 * server as the peer API Gateway sees (`CLOUDFRONT_EDGE_IP`), not the viewer.
 */
import * as vm from 'node:vm';
import { matchesPathPattern, type ParityTemplate } from './template';

export interface ViewerRequest { method: string; uri: string; querystring: string; headers: Record<string, string | string[] | undefined>; ip: string }
export interface EdgeResponse { statusCode: number; headers: Record<string, string>; body: Buffer }
/** What reaches a custom origin: its request headers (lower case, repeated ones joined with commas) and the peer it sees. */
export interface OriginRequest { headers: Record<string, string>; sourceIp: string }
export type ViewerOutcome = { request: { uri: string; querystring: string }; origin?: OriginRequest } | { response: EdgeResponse };

/** The peer API Gateway sees for a request through the distribution: an edge server of CloudFront's,
 *  never the viewer (a documentation address stands for it here). */
export const CLOUDFRONT_EDGE_IP = '192.0.2.10';

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
  // CloudFront reports a viewer's address as such: an IPv4 viewer never as IPv4-mapped IPv6.
  const ip = /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(r.ip) ? r.ip.slice(7) : r.ip;
  return { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip }, request };
}

const headersOf = (h: Values): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), (v.multiValue ?? [v]).map((x) => x.value).join(',')]));

/** A value with `{{resolve:secretsmanager:<arn or name>:SecretString:<json key>::}}` references resolved; left as is without `secretValue`. */
export function resolveSecretReferences(value: string, secretValue?: (id: string) => string | undefined): string {
  if (!secretValue) return value;
  return value.replace(/\{\{resolve:secretsmanager:(.+?):SecretString:([^:}]*):([^:}]*):([^:}]*)\}\}/g, (_, id: string, key: string) => {
    const secret = secretValue(id);
    if (secret === undefined) throw new Error(`parity: the template refers to secret ${id}, which it does not define (CloudFormation would fail the deploy)`);
    return key ? String((JSON.parse(secret) as Record<string, unknown>)[key]) : secret;
  });
}

const querystringOf = (q: Values): string => Object.entries(q)
  .flatMap(([k, v]) => (v.multiValue ?? [v]).map((x) => `${encodeURIComponent(k)}${x.value === '' ? '' : `=${encodeURIComponent(x.value)}`}`)).join('&');

/** A compiled viewer-request function: call it per request. */
export function viewerRequestFunction(code: string, name = 'function'): (r: ViewerRequest) => Promise<ViewerOutcome> {
  const run = compiled(code, name);
  return async (r) => {
    const out = await run(r);
    return 'response' in out ? out : { request: out.request };
  };
}

/** The function's answer: a response, or the request to pass on with its headers as the function left them. */
function compiled(code: string, name: string): (r: ViewerRequest) => Promise<{ response: EdgeResponse } | { request: { uri: string; querystring: string }; headers: Record<string, string> }> {
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
    return { request: { uri: req.uri, querystring: querystringOf(req.querystring ?? {}) }, headers: headersOf(req.headers ?? {}) };
  };
}

export interface ViewerRequestsOptions {
  /** A secret's value by ARN or name (the start's secrets): resolves the origins' `{{resolve:secretsmanager:…}}` headers. */
  secretValue?: (id: string) => string | undefined;
}

/** The first behavior whose path pattern matches (CloudFront's order): its viewer-request function
 *  run (each compiled once) and, for a custom origin, what that origin receives; undefined for a
 *  path whose behavior has neither. */
export function viewerRequests(behaviors: ParityTemplate['webHeaders'], o: ViewerRequestsOptions = {}): (r: ViewerRequest) => Promise<ViewerOutcome | undefined> {
  const all = behaviors.map((b) => ({ ...b, run: b.viewerRequest && compiled(b.viewerRequest.code, b.viewerRequest.name) }));
  return async (r) => {
    const b = all.find((x) => matchesPathPattern(x.pathPattern, r.uri));
    if (!b || (!b.run && !b.customOrigin)) return undefined;
    const out = b.run ? await b.run(r) : { request: { uri: r.uri, querystring: r.querystring }, headers: headersOf(eventOf(r).request.headers) };
    if ('response' in out) return out;
    if (!b.customOrigin) return { request: out.request };
    const custom = Object.fromEntries(Object.entries(b.customOrigin.headers).map(([k, v]) => [k, resolveSecretReferences(v, o.secretValue)]));
    return { request: out.request, origin: { headers: { ...out.headers, ...custom }, sourceIp: CLOUDFRONT_EDGE_IP } };
  };
}
