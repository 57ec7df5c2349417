/** Where webhooks may go (lambdas/webhooks/destination.ts) and the sender's own check at connect time (send.ts). */
import { webhookUrlProblem, type Resolve } from '../../lambdas/webhooks/destination';
import { deliver } from '../../lambdas/webhooks/send';
import { startReceiver, type Receiver } from './helpers';

const resolvesTo = (addresses: string[]): Resolve => async () => addresses;
const AWS = { allowLoopback: false };
const LOCAL = { allowLoopback: true };

let receiver: Receiver;
beforeAll(async () => { receiver = await startReceiver([200]); });
afterAll(() => receiver.close());

describe('registration', () => {
  it.each([[['10.0.0.7']], [['169.254.169.254']], [['fd12::1']], [['203.0.113.5', '192.168.0.2']],
    // IPv6 addresses that reach an IPv4 one: NAT64 (hex and dotted), 6to4, NAT64 for local use.
    [['64:ff9b::a9fe:a9fe']], [['64:ff9b::10.0.0.1']], [['2002:c0a8:0001::1']], [['64:ff9b:1::a']]])('refuses a name resolving to %j', async (addresses) => {
    expect(await webhookUrlProblem('https://hooks.example/x', AWS, resolvesTo(addresses))).toMatch(/^must not point to a private, link-local or loopback address \(hooks\.example: /);
  });

  it('accepts a name resolving to public addresses, and one that does not resolve yet (delivery checks again)', async () => {
    expect(await webhookUrlProblem('https://hooks.example/x', AWS, resolvesTo(['203.0.113.5', '2001:db8::5']))).toBeUndefined();
    expect(await webhookUrlProblem('https://hooks.example/x', AWS, resolvesTo(['64:ff9b::cb00:7105', '2002:cb00:7105::1']))).toBeUndefined(); // public IPv4 behind NAT64, 6to4
    expect(await webhookUrlProblem('https://hooks.example/x', AWS, () => Promise.reject(new Error('ENOTFOUND')))).toBeUndefined();
  });

  it('allows loopback only where the setting says so, and http only to loopback', async () => {
    expect(await webhookUrlProblem('https://me.example/x', AWS, resolvesTo(['127.0.0.1']))).toContain('loopback');
    expect(await webhookUrlProblem('http://me.example/x', LOCAL, resolvesTo(['127.0.0.1', '::1']))).toBeUndefined();
    expect(await webhookUrlProblem('http://me.example/x', LOCAL, resolvesTo(['203.0.113.5']))).toBe('must be an https URL (http only for loopback addresses)');
    expect(await webhookUrlProblem('https://user:pw@me.example/x', LOCAL, resolvesTo(['203.0.113.5']))).toBe('must not contain a user name or password');
  });
});

describe('delivery', () => {
  it('refuses, without connecting, a name that now resolves inside the network (DNS rebinding)', async () => {
    const res = await deliver('https://rebound.example/x', '{}', 'secret', 2000, AWS, resolvesTo(['169.254.169.254']));
    expect(res).toEqual({ ok: false, error: 'refused: 169.254.169.254 is a link-local address' });
  });

  it('connects to the address it checked, and refuses loopback where it is not allowed', async () => {
    const port = new URL(receiver.url).port;
    const before = receiver.received.length;
    expect(await deliver(`http://receiver.example:${port}/hooks`, '{"a":1}', 'secret', 2000, LOCAL, resolvesTo(['127.0.0.1']))).toEqual({ ok: true, status: 200 });
    expect(receiver.received.slice(before).map((r) => r.body)).toEqual(['{"a":1}']);
    expect(await deliver(`http://receiver.example:${port}/hooks`, '{}', 'secret', 2000, AWS, resolvesTo(['127.0.0.1']))).toEqual({ ok: false, error: 'refused: 127.0.0.1 is a loopback address' });
    expect(await deliver(receiver.url, '{}', 'secret', 2000, AWS)).toEqual({ ok: false, error: 'refused: 127.0.0.1 is a loopback address' });
    expect(receiver.received.length).toBe(before + 1);
  });
});

describe('offline DNS (every jest worker sets STUDIO_OFFLINE_DNS: test/setup-env.js)', () => {
  it('resolves localhost only and refuses other names without asking a resolver', async () => {
    const { systemResolve } = await import('../../lambdas/webhooks/destination');
    expect(await systemResolve('localhost')).toEqual(['127.0.0.1']);
    await expect(systemResolve('hooks.example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
