/**
 * The caller's address. API Gateway's `sourceIp` is the peer of the TCP connection; behind a
 * proxy of our own (a CDN, a load balancer) that peer is the proxy, and the client is in
 * `X-Forwarded-For`. The header is believed only when the peer is a configured trusted proxy
 * (`STUDIO_TRUSTED_PROXIES`), and then read from the right: the first address that is not a
 * trusted proxy is the client (anything to its left was written by the client itself).
 */
import { BlockList, isIP } from 'node:net';

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

export function clientIp(sourceIp: string | undefined, forwardedFor: string | undefined, trusted: BlockList): string | undefined {
  if (!sourceIp) return undefined;
  const isTrusted = (ip: string) => isIP(ip) !== 0 && trusted.check(ip, family(ip));
  let client = unmapped(sourceIp);
  if (!isTrusted(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map((h) => unmapped(h.trim())).filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!isTrusted(client)) break;
  }
  return client;
}
