/**
 * Static files of the web apps (`web/dist/capture`, `web/dist/console`) under `/capture/*` and
 * `/console/*`: a file when it exists, else the app's index.html (client-side routes), else 404.
 * `/builder` and `/builder/*` (the old address of the workflow builder) redirect to `/console/`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';

export const STATIC_APPS = ['capture', 'console'] as const;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon', '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

const under = (p: string, app: string) => p === `/${app}` || p.startsWith(`/${app}/`);
/** True when the path belongs to a static app (answered here, found or not), or is the old builder address. */
export const isStaticPath = (p: string) => STATIC_APPS.some((a) => under(p, a)) || under(p, 'builder');

/** The old builder address answers with a redirect to the console. */
export function redirectBuilder(urlPath: string, res: ServerResponse): boolean {
  if (!under(urlPath, 'builder')) return false;
  res.writeHead(302, { location: '/console/', 'content-length': 0 });
  res.end();
  return true;
}

/** `headers`: added to every answer (parity mode: the distribution's response-headers policy of the path). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string> = {}): Promise<void> {
  let rel: string;
  try { rel = decodeURIComponent(urlPath); } catch { rel = urlPath; }
  if (redirectBuilder(urlPath, res)) return;
  const app = STATIC_APPS.find((a) => under(rel, a))!;
  const appDir = path.resolve(root, app);
  const wanted = path.resolve(root, `.${rel}`);
  const candidates = wanted === appDir || wanted.startsWith(appDir + path.sep)
    ? [wanted, path.join(wanted, 'index.html'), ...(path.extname(wanted) ? [] : [path.join(appDir, 'index.html')])]
    : [];
  for (const file of candidates) {
    const s = await stat(file).catch(() => undefined);
    if (!s?.isFile()) continue;
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': s.size, 'cache-control': 'no-cache', ...headers });
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ error: { type: 'resource_not_found', message: `There is no file ${urlPath}`, fields: {} } }));
}
