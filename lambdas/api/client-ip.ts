/**
 * The caller's address. API Gateway's `sourceIp` is the peer of the TCP connection; behind a
 * proxy of our own (a CDN, a load balancer) that peer is the proxy.
 *
 * In AWS the API is reached through CloudFront (lib/hosting.ts), whose edge servers are the peer:
 * keyed on `sourceIp`, every viewer of one edge would share the per-address limits and be recorded
 * with the edge's address. So the API's CloudFront origin sends the deployment's edge secret
 * (`X-Studio-Edge-Secret`, a Secrets Manager value: `STUDIO_EDGE_SECRET`), and the API behavior's
 * viewer-request function writes the viewer's address (CloudFront's `event.viewer.ip`, the peer of
 * the viewer's connection to the edge) into `X-Studio-Viewer-Address`, replacing whatever the viewer
 * sent under that name. That address is believed only when the request carries the secret (compared
 * in constant time): the execute-api URL is public too, and a caller going there directly can send
 * any header but does not know the secret.
 *
 * Otherwise (no secret configured, none or another one sent, no valid address), as before: the
 * client is in `X-Forwarded-For`, believed only when the peer is a configured trusted proxy
 * (`STUDIO_TRUSTED_PROXIES`), and then read from the right: the first address that is not a trusted
 * proxy is the client (anything to its left was written by the client itself).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/** The origin custom header CloudFront adds to every request to the API (lib/hosting.ts); lower case as the handler reads headers. */
export const EDGE_SECRET_HEADER = 'x-studio-edge-secret';
/** The viewer's address as the edge saw it (a bare IPv4 or IPv6 address), set by the API behavior's viewer-request function. */
export const VIEWER_ADDRESS_HEADER = 'x-studio-viewer-address';

const unmapped = (ip: string) => (ip.toLowerCase().startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);
const family = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip, bits] = entry.split('/') as [string, string | undefined];
    if (bits === undefined) list.addAddress(unmapped(ip), family(unmapped(ip)));
    else list.addSubnet(ip, Number(bits), family(ip));
  }
  return list;
}

export interface ClientIpSettings {
  /** `STUDIO_TRUSTED_PROXIES`: peers whose `X-Forwarded-For` is believed. */
  trusted: BlockList;
  /** `STUDIO_EDGE_SECRET`: the value CloudFront sends in `X-Studio-Edge-Secret`; unset: the viewer address header is never believed. */
  edgeSecret?: string | undefined;
}

/** Equal strings, in time that does not depend on where they differ (both hashed to 32 bytes first). */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/** The viewer's address from the edge, when the request carries the edge secret; else undefined. */
function fromEdge(headers: Readonly<Record<string, string | undefined>>, secret: string | undefined): string | undefined {
  const sent = headers[EDGE_SECRET_HEADER];
  if (!secret || sent === undefined || !sameSecret(sent, secret)) return undefined;
  const viewer = unmapped((headers[VIEWER_ADDRESS_HEADER] ?? '').trim());
  return isIP(viewer) !== 0 ? viewer : undefined;
}

/** `headers`: the request's, with lower-case names. */
export function clientIp(sourceIp: string | undefined, headers: Readonly<Record<string, string | undefined>>, s: ClientIpSettings): string | undefined {
  const viewer = fromEdge(headers, s.edgeSecret);
  if (viewer) return viewer;
  if (!sourceIp) return undefined;
  const isTrusted = (ip: string) => isIP(ip) !== 0 && s.trusted.check(ip, family(ip));
  let client = unmapped(sourceIp);
  const forwardedFor = headers['x-forwarded-for'];
  if (!isTrusted(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map((h) => unmapped(h.trim())).filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!isTrusted(client)) break;
  }
  return client;
}
