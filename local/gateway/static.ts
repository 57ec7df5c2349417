/**
 * Static files of the web apps (`web/dist/capture`, `web/dist/builder`) under `/capture/*` and
 * `/builder/*`: a file when it exists, else the app's index.html (client-side routes), else 404.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';

export const STATIC_APPS = ['capture', 'builder'] as const;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon', '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

/** True when the path belongs to a static app (answered here, found or not). */
export const isStaticPath = (p: string) => STATIC_APPS.some((a) => p === `/${a}` || p.startsWith(`/${a}/`));

export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  let rel: string;
  try { rel = decodeURIComponent(urlPath); } catch { rel = urlPath; }
  const app = STATIC_APPS.find((a) => rel === `/${a}` || rel.startsWith(`/${a}/`))!;
  const appDir = path.resolve(root, app);
  const wanted = path.resolve(root, `.${rel}`);
  const candidates = wanted === appDir || wanted.startsWith(appDir + path.sep)
    ? [wanted, path.join(wanted, 'index.html'), ...(path.extname(wanted) ? [] : [path.join(appDir, 'index.html')])]
    : [];
  for (const file of candidates) {
    const s = await stat(file).catch(() => undefined);
    if (!s?.isFile()) continue;
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': s.size, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { type: 'resource_not_found', message: `There is no file ${urlPath}`, fields: {} } }));
}
