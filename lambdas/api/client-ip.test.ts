/**
 * The caller's address (client-ip.ts): behind CloudFront the viewer's, as the edge wrote it, but
 * only on a request that carries the edge secret CloudFront sends the API; anything else (a call
 * to the execute-api URL directly, whatever it claims) keeps the peer's address, or X-Forwarded-For
 * from trusted proxies.
 */
import { clientIp, EDGE_SECRET_HEADER, trustedProxies, VIEWER_ADDRESS_HEADER } from './client-ip';

const SECRET = 'Kq3vT8wZ2mN5xR7bY1cD4fG6hJ9kL0pQsUvWxYzA1b2C3d4E5f6G7h8I9j0K1l2M';
const EDGE = '192.0.2.10'; // the peer API Gateway sees: here, a CloudFront edge server
const none = trustedProxies([]);
const viaEdge = (viewer: string, secret = SECRET): Record<string, string> => ({ [EDGE_SECRET_HEADER]: secret, [VIEWER_ADDRESS_HEADER]: viewer });

describe('behind CloudFront (the edge secret configured)', () => {
  const s = { trusted: none, edgeSecret: SECRET };

  it('is the viewer address the edge wrote, when the request carries the secret', () => {
    expect(clientIp(EDGE, viaEdge('81.2.69.142'), s)).toBe('81.2.69.142');
    // Two viewers behind one edge server are two addresses, not one.
    expect(clientIp(EDGE, viaEdge('203.0.113.77'), s)).toBe('203.0.113.77');
  });

  it('takes IPv6 viewers as they are, and an IPv4-mapped one as its IPv4 address', () => {
    expect(clientIp(EDGE, viaEdge('2001:db8:85a3::8a2e:370:7334'), s)).toBe('2001:db8:85a3::8a2e:370:7334');
    expect(clientIp('2600:9000:2000::1', viaEdge('2001:db8::1'), s)).toBe('2001:db8::1');
    expect(clientIp(EDGE, viaEdge('::ffff:81.2.69.142'), s)).toBe('81.2.69.142');
  });

  it('ignores the viewer address without the secret or with another one: the peer stays the caller', () => {
    // A caller of the execute-api URL directly can send any header, but not the secret.
    expect(clientIp('198.51.100.9', { [VIEWER_ADDRESS_HEADER]: '81.2.69.142' }, s)).toBe('198.51.100.9');
    expect(clientIp('198.51.100.9', viaEdge('81.2.69.142', 'guess'), s)).toBe('198.51.100.9');
    expect(clientIp('198.51.100.9', viaEdge('81.2.69.142', `${SECRET}x`), s)).toBe('198.51.100.9');
    expect(clientIp('198.51.100.9', viaEdge('81.2.69.142', SECRET.slice(0, -1)), s)).toBe('198.51.100.9');
    expect(clientIp('198.51.100.9', viaEdge('81.2.69.142', ''), s)).toBe('198.51.100.9');
  });

  it('falls back to the peer when the secret comes without a usable viewer address', () => {
    expect(clientIp(EDGE, { [EDGE_SECRET_HEADER]: SECRET }, s)).toBe(EDGE);
    expect(clientIp(EDGE, viaEdge('not-an-address'), s)).toBe(EDGE);
    expect(clientIp(EDGE, viaEdge('81.2.69.142, 10.0.0.1'), s)).toBe(EDGE);
    expect(clientIp(EDGE, viaEdge('81.2.69.142:443'), s)).toBe(EDGE); // a bare address, never ip:port
  });

  it('is the viewer\'s whatever X-Forwarded-For says', () => {
    expect(clientIp(EDGE, { ...viaEdge('81.2.69.142'), 'x-forwarded-for': '6.6.6.6, 81.2.69.142' }, s)).toBe('81.2.69.142');
  });
});

describe('without an edge secret configured (the local stack, or before the secret is loaded)', () => {
  it('never believes the viewer address, even with a header that looks like the secret', () => {
    expect(clientIp(EDGE, viaEdge('81.2.69.142'), { trusted: none })).toBe(EDGE);
    expect(clientIp(EDGE, viaEdge('81.2.69.142', ''), { trusted: none, edgeSecret: '' })).toBe(EDGE);
  });

  it('reads X-Forwarded-For from the right, past trusted proxies only, as before', () => {
    const trusted = trustedProxies(['127.0.0.1', '10.0.0.0/8']);
    expect(clientIp('127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 81.2.69.142, 10.1.2.3' }, { trusted })).toBe('81.2.69.142');
    expect(clientIp('198.51.100.9', { 'x-forwarded-for': '81.2.69.142' }, { trusted })).toBe('198.51.100.9');
    expect(clientIp(undefined, {}, { trusted })).toBeUndefined();
  });
});
