/**
 * The key a per-address limit counts a caller on (console sign-in attempts, generic link starts):
 * the caller's address (client-ip.ts) reduced to what one subscriber holds. An IPv4 address is
 * the whole address. An IPv6 subscriber usually gets a whole /64 (2^64 addresses) and can take a
 * new address for every request, so an IPv6 address is keyed on its /64 prefix, in one canonical
 * form (RFC 5952: lower case, no leading zeros, the longest run of zero groups as `::`; the zone id
 * dropped), e.g. `2001:db8:1:2::/64`. An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, or in hex)
 * is its IPv4 address, and so is a 6to4 address (`2002:AABB:CCDD::/48`, RFC 3056: the subscriber holds that whole
 * /48, made from its IPv4 address). Anything else (no address, not an address) is one key, `unknown`: never a
 * throw, and no way to get a fresh count by writing garbage.
 *
 * Only the limits use this: the address recorded (an upload's `source_ip`) stays as it came.
 */
import { isIP } from 'node:net';

/** The shared key of callers whose address is missing or is not an address. */
export const UNKNOWN_ADDRESS = 'unknown';

/** An IPv4 address's four numbers as two 16-bit groups. */
function ipv4Groups(dotted: string): number[] {
  const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
  return [(a << 8) | b, (c << 8) | d];
}

/** The eight 16-bit groups of an IPv6 address `isIP` accepts (the zone id removed), or undefined. */
function ipv6Groups(ip: string): number[] | undefined {
  const parts = (s: string) => (s === '' ? [] : s.split(':').flatMap((p) => (p.includes('.') ? ipv4Groups(p) : [parseInt(p, 16)])));
  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const head = parts(halves[0]!);
  const tail = halves.length === 2 ? parts(halves[1]!) : [];
  const zeros = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (zeros < 0) return undefined;
  const groups = [...head, ...new Array<number>(zeros).fill(0), ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** Eight groups in RFC 5952's form: hex without leading zeros, the first longest run (two or more) of zeros as `::`. */
function canonical(groups: readonly number[]): string {
  let best = { at: -1, length: 1 };
  for (let i = 0; i < groups.length; i++) {
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j > i ? j - 1 : i;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

/** The key `address` is counted on by every per-address limit (see above). */
export function addressLimitKey(address: string | undefined): string {
  const ip = (address ?? '').trim();
  const version = isIP(ip);
  if (version === 4) return ip; // isIP takes only the dotted decimal form, without leading zeros: already canonical
  if (version !== 6) return UNKNOWN_ADDRESS;
  const groups = ipv6Groups(ip.split('%')[0]!.toLowerCase());
  if (!groups) return UNKNOWN_ADDRESS;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  // 6to4 (RFC 3056): the subscriber holds the whole /48 made from its IPv4 address (65,536 /64s).
  if (groups[0] === 0x2002) return [groups[1]! >> 8, groups[1]! & 0xff, groups[2]! >> 8, groups[2]! & 0xff].join('.');
  return `${canonical([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}
