/**
 * IP addresses: private and reserved ranges are told apart before any geolocation (they locate
 * nowhere, and a lookup would only say "unknown" or worse); public ones are located by country
 * with the CC0 ip-location-db database (RIR/WHOIS and ASN data) in MaxMind DB format.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BlockList, isIP } from 'node:net';
import { Reader, type Response } from 'maxmind';

const RESERVED = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) RESERVED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) RESERVED.addSubnet(net, bits, 'ipv6');

export type IpKind = 'public' | 'private' | 'invalid';

export function classifyIp(raw: string): { address: string; kind: IpKind; version?: 4 | 6 } {
  let address = raw.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  const version = isIP(address);
  if (version === 0) return { address, kind: 'invalid' };
  const family = version === 4 ? 'ipv4' : 'ipv6';
  return { address, kind: RESERVED.check(address, family) ? 'private' : 'public', version: version === 4 ? 4 : 6 };
}

/** Country of a public IP address, as ISO 3166-1 alpha-2; undefined when unknown. */
export interface IpCountryLookup {
  country(ip: string): string | undefined;
}

let shared: MaxmindCountryLookup | undefined;

export class MaxmindCountryLookup implements IpCountryLookup {
  private readonly reader: Reader<Response>;

  constructor(database: Buffer) {
    this.reader = new Reader<Response>(database);
  }

  /** The database shipped in @ip-location-db/geo-whois-asn-country-mmdb (8 MB, read once). */
  static bundled(): MaxmindCountryLookup {
    if (!shared) {
      const dir = dirname(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json'));
      shared = new MaxmindCountryLookup(readFileSync(join(dir, 'geo-whois-asn-country.mmdb')));
    }
    return shared;
  }

  country(ip: string): string | undefined {
    // ip-location-db records are `{ country_code }`, not MaxMind's GeoIP2 shape
    const record = this.reader.get(ip) as { country_code?: string } | null;
    return record?.country_code ?? undefined;
  }
}
