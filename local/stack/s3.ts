/**
 * S3 on s3rver: a free port, objects under a data folder, the bucket created at start. s3rver
 * only knows its own access key, so the local credentials (`local`/`local`) are registered;
 * SigV4 signatures are not checked. Clients must use `forcePathStyle: true`.
 */
import { mkdirSync } from 'node:fs';
import { freePort } from './ports';

interface S3rverInstance { run(): Promise<{ port: number }>; close(): Promise<void>; reset(): void; httpServer?: import('node:http').Server }
type S3rverCtor = new (opts: Record<string, unknown>) => S3rverInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as S3rverCtor;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const account = require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
account.DUMMY_ACCOUNT.createKeyPair('local', 'local');

/** Lets a browser page (capture client) PUT/GET presigned URLs. */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>
<AllowedMethod>POST</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

export interface S3Options { dataDir: string; bucket: string; port?: number; resetOnClose?: boolean }
export interface LocalS3 { endpoint: string; port: number; bucket: string; stop(): Promise<void> }

export async function startS3(opts: S3Options): Promise<LocalS3> {
  mkdirSync(opts.dataDir, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1', port: opts.port ?? await freePort(), silent: true, directory: opts.dataDir,
    resetOnClose: opts.resetOnClose ?? false, configureBuckets: [{ name: opts.bucket, configs: [CORS] }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`, port, bucket: opts.bucket,
    async stop() {
      const closing = server.close().catch(() => undefined);
      server.httpServer?.closeAllConnections();
      await closing;
    },
  };
}
