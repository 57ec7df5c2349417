import { createServer, type Server } from 'node:net';
import { reservePort } from './ports';

const listen = (port: number) => new Promise<Server>((resolve, reject) => {
  const srv = createServer();
  srv.once('error', reject);
  srv.listen(port, '127.0.0.1', () => resolve(srv));
});
const close = (srv: Server) => new Promise<void>((resolve) => srv.close(() => resolve()));

describe('reservePort', () => {
  it('holds the port until released, then the server that asked for it gets it', async () => {
    const { port, release } = await reservePort();
    expect(port).toBeGreaterThan(0);
    await expect(listen(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await release();
    await release(); // a second release (a stop after a failed start) is harmless
    await close(await listen(port));
  });
});
