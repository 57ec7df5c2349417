/**
 * The one Human instance of the process, loaded lazily on first use and kept for the warm
 * Lambda's lifetime. Everything is local: the wasm backend's binaries and the face models come
 * from node_modules (or from FACE_MODELS_DIR / FACE_WASM_DIR in a bundled Lambda), never a CDN.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Human } from '@vladmandic/human';
import { processSettings } from '../../../shared/config';
import { FaceEngineError } from '../errors';
import { humanConfig } from './config';

/** The folder of a package, found from its main file (neither package exports `package.json`;
 *  Human's `exports` keys lack the leading `./`, so its subpaths cannot be resolved either). */
function packageDir(name: string): string {
  const main = require.resolve(name);
  const marker = path.join('node_modules', name);
  const at = main.lastIndexOf(marker);
  if (at < 0) throw new FaceEngineError(`Cannot locate the folder of ${name} from ${main}`);
  return main.slice(0, at + marker.length);
}

/** Human's node-wasm build, the models and the wasm binaries. In a bundled Lambda the stack sets
 *  FACE_HUMAN_JS, FACE_MODELS_DIR and FACE_WASM_DIR (lib/report-assets.ts, FACE_ASSET_ENV),
 *  relative to the bundle's folder (`base`: where index.js is), because the pruned bundle has no
 *  `human.node.js` for `require.resolve('@vladmandic/human')` to find. Absolute paths are used as
 *  they are; without the variables the paths come from the project's node_modules. */
export function assetPaths(settings: { FACE_HUMAN_JS?: string; FACE_MODELS_DIR?: string; FACE_WASM_DIR?: string } = processSettings(), base = __dirname): { human: string; models: string; wasm: string } {
  const from = (value: string | undefined, fallback: () => string) => (value ? path.resolve(base, value) : fallback());
  return {
    human: from(settings.FACE_HUMAN_JS, () => path.join(packageDir('@vladmandic/human'), 'dist', 'human.node-wasm.js')),
    models: from(settings.FACE_MODELS_DIR, () => path.join(packageDir('@vladmandic/human'), 'models')),
    wasm: from(settings.FACE_WASM_DIR, () => path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist')),
  };
}

/** Node's fetch cannot read file:// URLs, which is how Human asks for models: serve those from
 *  disk and hand anything else to the real fetch (this code itself never asks for one). */
function installFileFetch(): void {
  const realFetch = globalThis.fetch;
  if ((realFetch as { fileShim?: boolean }).fileShim) return;
  const shim = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file://')) return realFetch(input, init);
    const bytes = await readFile(new URL(url));
    return new Response(bytes, { status: 200, headers: { 'content-type': url.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
  };
  globalThis.fetch = Object.assign(shim, { fileShim: true }) as typeof fetch;
}

let loading: Promise<Human> | undefined;

/** The shared instance; the first call loads models (~0.2 s), later calls return at once. */
export function getHuman(): Promise<Human> {
  loading ??= createHuman().catch((error: unknown) => {
    loading = undefined;   // a failed load is retried by the next call
    throw new FaceEngineError('Could not load the face models', { cause: error });
  });
  return loading;
}

async function createHuman(): Promise<Human> {
  installFileFetch();
  const dirs = assetPaths();
  // By path: the package's `node` export is the tfjs-node build, which does not install offline.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path, on purpose
  const mod = require(dirs.human) as typeof import('@vladmandic/human');
  const human = new mod.Human({
    ...humanConfig(),
    wasmPath: dirs.wasm + path.sep,
    modelBasePath: pathToFileURL(dirs.models).href + '/',
  });
  await human.load();
  return human;
}

