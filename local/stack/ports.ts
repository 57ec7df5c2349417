/** Ports and readiness: ephemeral ports from the kernel, bounded polling until a server answers. */
import { createServer } from 'node:net';

/**
 * A port held open until `release()`: nothing else on the machine (another server asking the
 * kernel for any port, a JVM's listener) can be given it meanwhile. For a URL that must be known
 * long before its server listens; release it right before that server's own listen.
 */
export function reservePort(host = '127.0.0.1'): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      let released: Promise<void> | undefined;
      resolve({ port, release: () => (released ??= new Promise<void>((done) => srv.close(() => done()))) });
    });
  });
}

/** A port that was free a moment ago (the kernel picks it; a race is possible but rare: reservePort holds one). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const { port, release } = await reservePort(host);
  await release();
  return port;
}

/** Polls `probe` until it resolves true, at most `timeoutMs`; `failed` aborts early (process died). */
export async function waitUntil(what: string, probe: () => Promise<boolean>, opts: { timeoutMs?: number; intervalMs?: number; failed?: () => string | undefined } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const reason = opts.failed?.();
    if (reason) throw new Error(`${what} did not start: ${reason}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${opts.timeoutMs ?? 30_000} ms`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 40));
  }
}
