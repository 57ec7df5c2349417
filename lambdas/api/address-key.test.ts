/**
 * The key a per-address limit counts a caller on (address-key.ts): an IPv4 address whole, an IPv6
 * address by its /64 (one subscriber's prefix), in one canonical form whatever way it was written;
 * an IPv4-mapped IPv6 address as its IPv4 address; anything else one stable key, never a throw.
 */
import { addressLimitKey } from './address-key';

describe('addressLimitKey', () => {
  it('keys an IPv4 address on the whole address', () => {
    expect(addressLimitKey('81.2.69.142')).toBe('81.2.69.142');
    expect(addressLimitKey('81.2.69.143')).toBe('81.2.69.143');
    expect(addressLimitKey(' 10.0.0.1 ')).toBe('10.0.0.1');
  });

  it('keys every address of one IPv6 /64 on that prefix, however it is written', () => {
    const forms = [
      '2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:abcd:0:0:1', '2001:DB8:1:2::ABCD',
      '2001:db8:1:2::', '2001:db8:1:2:0:0:0:0', '2001:db8:1:2::1%eth0', '2001:db8:1:2::1%3',
      '2001:db8:1:2::192.0.2.1', '2001:db8:1:2:1:2:3:4',
    ];
    for (const f of forms) expect([f, addressLimitKey(f)]).toEqual([f, '2001:db8:1:2::/64']);
  });

  it('keeps two /64s apart', () => {
    expect(addressLimitKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressLimitKey('2001:db8:1:2::1')).not.toBe(addressLimitKey('2001:db8:1:3::1'));
    expect(addressLimitKey('2001:db8:2:2::1')).not.toBe(addressLimitKey('2001:db8:1:2::1'));
  });

  it('writes the prefix in the canonical form (RFC 5952: lower case, no leading zeros, the longest zero run as ::)', () => {
    expect(addressLimitKey('::1')).toBe('::/64');
    expect(addressLimitKey('::')).toBe('::/64');
    expect(addressLimitKey('2001:db8::1')).toBe('2001:db8::/64');
    expect(addressLimitKey('2001:0:0:1::5')).toBe('2001:0:0:1::/64');
    expect(addressLimitKey('0:0:0:1:2:3:4:5')).toBe('0:0:0:1::/64');
    expect(addressLimitKey('2001:0:DB8:0::7')).toBe('2001:0:db8::/64');
    expect(addressLimitKey('FE80::1%en0')).toBe('fe80::/64');
    expect(addressLimitKey('64:ff9b::198.51.100.7')).toBe('64:ff9b::/64');
  });

  it('keys an IPv4-mapped IPv6 address as its IPv4 address, in any of its forms', () => {
    for (const f of ['::ffff:81.2.69.142', '::FFFF:81.2.69.142', '::ffff:5102:458e', '0:0:0:0:0:ffff:5102:458e', '0000:0000:0000:0000:0000:FFFF:81.2.69.142']) {
      expect([f, addressLimitKey(f)]).toEqual([f, '81.2.69.142']);
    }
  });

  it('keys a 6to4 address (2002:AABB:CCDD::/48, RFC 3056) as the IPv4 address its /48 is made from: every /64 of that /48 shares it', () => {
    for (const f of ['2002:c633:6407::1', '2002:c633:6407:1::1', '2002:C633:6407:ffff:1:2:3:4', '2002:c633:6407:2::%eth0']) {
      expect([f, addressLimitKey(f)]).toEqual([f, '198.51.100.7']);
    }
    expect(addressLimitKey('2002:c633:6408::1')).toBe('198.51.100.8');
  });

  it('gives anything that is not an address one stable key, without throwing', () => {
    const bad = [undefined, '', '   ', 'not-an-address', '81.2.69.142:443', '[2001:db8::1]', '1::2::3', '2001:db8::1%', '081.2.69.142',
      '1:2:3:4:5:6:7:8:9', '81.2.69.142, 10.0.0.1', 'x'.repeat(100_000), '\u0000', '%eth0'];
    for (const b of bad) expect([b, addressLimitKey(b)]).toEqual([b, 'unknown']);
  });
});
