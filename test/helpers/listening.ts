/**
 * Which addresses a TCP port is listening on, read from the kernel (/proc/net/tcp and tcp6, as
 * `ss -ltn` does), and the machine's non-loopback addresses to try connecting to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

const LISTEN = '0A';

/** A `/proc/net/tcp{,6}` address (32-bit words in host order, little-endian here) as text: `127.0.0.1`, `::` as `0:0:0:0:0:0:0:0`. */
function decode(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return [...bytes.subarray(12)].join('.');
  return [0, 2, 4, 6, 8, 10, 12, 14].map((i) => bytes.readUInt16BE(i).toString(16)).join(':');
}

/** Local addresses with a socket listening on `port` (e.g. ['127.0.0.1'], or ['0.0.0.0'] when open to all). */
export function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== LISTEN) continue;
      const [addr = '', p = ''] = local.split(':');
      if (parseInt(p, 16) === port) out.push(decode(addr));
    }
  }
  return out;
}

/** Whether every listener on `port` is a loopback address (and there is at least one). */
export function loopbackOnly(port: number): boolean {
  const addrs = listeningAddresses(port);
  return addrs.length > 0 && addrs.every((a) => a.startsWith('127.') || a === '0:0:0:0:0:0:0:1');
}

/** IPv4 addresses of this machine that are not loopback (may be empty in a sandbox). */
export function externalAddresses(): string[] {
  return Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i!.address);
}

/** Resolves true when a TCP connection to host:port is accepted, false when refused or it times out. */
export function canConnect(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (ok: boolean) => { s.destroy(); resolve(ok); };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}
