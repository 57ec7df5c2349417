/**
 * Where webhooks may go: never to private, link-local or reserved addresses (the cloud's
 * metadata service, the VPC, the local network), and to loopback only where the setting
 * `STUDIO_ALLOW_LOOPBACK_WEBHOOKS` allows it (the local stack; never in AWS). Checked when a
 * webhook is registered or changed (every address the host name resolves to) and again at
 * delivery (send.ts: on the addresses the connection actually uses, so a name that resolves
 * elsewhere later is refused too). `http:` only to loopback; everything else `https:`. An IPv6
 * address that carries an IPv4 one (mapped, NAT64, 6to4) is judged by the IPv4 address.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { config } from '../shared/config';

type Kind = 'loopback' | 'private' | 'link-local' | 'reserved';
const RANGES: ReadonlyArray<[Kind, string, number]> = [
  ['loopback', '127.0.0.0', 8], ['loopback', '::1', 128],
  ['private', '10.0.0.0', 8], ['private', '172.16.0.0', 12], ['private', '192.168.0.0', 16], ['private', '100.64.0.0', 10], ['private', 'fc00::', 7], ['private', '64:ff9b:1::', 48],
  ['link-local', '169.254.0.0', 16], ['link-local', 'fe80::', 10],
  ['reserved', '0.0.0.0', 8], ['reserved', '192.0.0.0', 24], ['reserved', '198.18.0.0', 15], ['reserved', '224.0.0.0', 4], ['reserved', '240.0.0.0', 4],
  ['reserved', '::', 128], ['reserved', 'ff00::', 8],
];
const LISTS = new Map<Kind, BlockList>();
for (const [kind, net, bits] of RANGES) {
  const list = LISTS.get(kind) ?? new BlockList();
  list.addSubnet(net, bits, isIP(net) === 6 ? 'ipv6' : 'ipv4');
  LISTS.set(kind, list);
}

export interface DestinationPolicy { allowLoopback: boolean }
/** Every address a host name resolves to (tests inject one; the default asks the system resolver). */
export type Resolve = (host: string) => Promise<string[]>;
export const systemResolve: Resolve = async (host) => {
  if (config().STUDIO_OFFLINE_DNS) {
    if (host === 'localhost') return ['127.0.0.1'];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (STUDIO_OFFLINE_DNS: no DNS queries)`), { code: 'ENOTFOUND' });
  }
  return (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);
};

/** The 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted quad as two groups). */
function groupsOf(v6: string): number[] {
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(v6);
  const pair = (a: string, b: string) => ((Number(a) << 8) | Number(b)).toString(16);
  const hex = quad ? `${v6.slice(0, -quad[0].length)}${pair(quad[1]!, quad[2]!)}:${pair(quad[3]!, quad[4]!)}` : v6;
  const [head = '', tail] = hex.split('::');
  const part = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  return [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}
const v4Of = (a: number, b: number) => `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;

/**
 * The IPv4 address an IPv6 one carries to an IPv4 host: mapped (`::ffff:a.b.c.d`), NAT64
 * (`64:ff9b::/96`, RFC 6052) or 6to4 (`2002:AABB:CCDD::/48`); else the address itself.
 */
function carriedAddress(ip: string): string {
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) return ip.slice(7);
  if (isIP(ip) !== 6) return ip;
  const g = groupsOf(ip);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Of(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4Of(g[1]!, g[2]!);
  return ip;
}

/** What is wrong with sending to this address, or undefined when it may be used. */
export function addressProblem(address: string, policy: DestinationPolicy): string | undefined {
  const ip = carriedAddress(address.toLowerCase());
  const family = isIP(ip) === 6 ? 'ipv6' : isIP(ip) === 4 ? 'ipv4' : undefined;
  if (!family) return `${address} is not an IP address`;
  for (const [kind, list] of LISTS) {
    if (!list.check(ip, family)) continue;
    if (kind === 'loopback' && policy.allowLoopback) return undefined;
    return `${address} is a ${kind} address`;
  }
  return undefined;
}

export const isLoopback = (address: string) => addressProblem(address, { allowLoopback: false })?.endsWith('loopback address') ?? false;
/** `[::1]` → `::1`. */
export const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * What is wrong with a webhook URL, or undefined. A name that does not resolve (yet) is accepted:
 * delivery checks again.
 */
export async function webhookUrlProblem(url: string, policy: DestinationPolicy, resolve: Resolve = systemResolve): Promise<string | undefined> {
  let u: URL;
  try { u = new URL(url); } catch { return 'must be a URL'; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'must be an https URL';
  if (u.username || u.password) return 'must not contain a user name or password';
  const host = bareHost(u.hostname);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try { addresses = await resolve(host); } catch { addresses = []; }
  }
  if (u.protocol === 'http:' && (addresses.length === 0 || !addresses.every(isLoopback))) return 'must be an https URL (http only for loopback addresses)';
  for (const a of addresses) {
    const problem = addressProblem(a, policy);
    if (problem) return `must not point to a private, link-local or loopback address (${host}: ${problem})`;
  }
  return undefined;
}
