/**
 * The reports function's node_modules: packages esbuild cannot inline (native addons, wasm and
 * model files found through require.resolve, ESM loaded with require at run time). Installed
 * for linux on the stack's architecture into the bundle by `npm install` (from the npm cache
 * when it has them), then pruned to what the reports read, and checked against Lambda's 250 MB
 * unzipped limit. Run by the bundling hook (report-bundling.ts):
 *   node -r ./bin/register.js lib/report-assets.ts <outputDir> <arm64|x86_64>
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FACE_MODEL_FILES } from '../lambdas/reports/face/engine/config';

export const REPORT_NODE_MODULES = [
  'sharp', 'tesseract.js', '@tesseract.js-data/eng', '@vladmandic/human', '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm', '@ffmpeg-installer/ffmpeg', 'zxing-wasm',
  'unpdf', 'mrz', 'driver-license-validator', 'any-ascii', '@ip-location-db/geo-whois-asn-country-mmdb',
] as const;

/** Where the face engine finds Human, its models and the wasm binaries in this bundle, relative
 *  to the bundle's folder (lambdas/reports/face/engine/human.ts resolves them from there): the
 *  stack sets these on the reports function, and PRUNE keeps exactly these files. */
export const FACE_ASSET_ENV = {
  FACE_HUMAN_JS: 'node_modules/@vladmandic/human/dist/human.node-wasm.js',
  FACE_MODELS_DIR: 'node_modules/@vladmandic/human/models',
  FACE_WASM_DIR: 'node_modules/@tensorflow/tfjs-backend-wasm/dist',
} as const;
/** Files the face engine reads under FACE_MODELS_DIR (derived from the engine's configuration:
 *  every enabled stage's model) and FACE_WASM_DIR. */
export { FACE_MODEL_FILES };
export const FACE_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

/** npm's names of the CPUs of the `architecture` setting. */
export const NPM_CPU = { arm64: 'arm64', x86_64: 'x64' } as const;
export type ReportArchitecture = keyof typeof NPM_CPU;

/** Lambda's limit on the unzipped function; keep 10% for the bundle itself and growth. */
export const MAX_NODE_MODULES_BYTES = 225 * 1024 * 1024;

function exactly(names: readonly string[]): RegExp {
  return new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

/** Paths (relative to node_modules) deleted after install: nothing a report reads at run time. */
export const PRUNE: Array<{ dir: string; keep?: RegExp; drop?: RegExp }> = [
  { dir: '@vladmandic/human', keep: /^(dist|models|package\.json|LICENSE)$/ },
  { dir: '@vladmandic/human/dist', keep: /^human\.node-wasm\.js$/ },
  { dir: '@vladmandic/human/models', keep: exactly(FACE_MODEL_FILES) },
  { dir: '@tesseract.js-data/eng', drop: /^4\.0\.0_best_int$/ },           // ocr.ts reads 4.0.0
  { dir: 'tesseract.js-core', drop: /\.wasm\.js$/ },                        // browser builds (wasm inlined)
  { dir: '@tensorflow/tfjs-core/dist', drop: /(\.es2017|\.fesm|\.min)\.js$|^miniprogram$/ },
  { dir: '@tensorflow/tfjs-converter/dist', drop: /(\.es2017|\.fesm|\.min)\.js$|^miniprogram$/ },
  { dir: '@tensorflow/tfjs-backend-wasm/dist', drop: /(\.es2017|\.fesm|\.min)\.js$|^miniprogram$/ },
];
const ANYWHERE = /\.(map|md|d\.ts|d\.mts|d\.cts)$/;

/** Exact versions installed in the project, so the Lambda runs what the tests ran. */
export function pinnedDependencies(root: string): Record<string, string> {
  return Object.fromEntries(REPORT_NODE_MODULES.map((name) => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    return [name, pkg.version];
  }));
}

export function prune(nodeModules: string): void {
  for (const rule of PRUNE) {
    const dir = path.join(nodeModules, rule.dir);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if ((rule.keep && !rule.keep.test(name)) || rule.drop?.test(name)) rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
  walk(nodeModules, (file) => { if (ANYWHERE.test(file)) rmSync(file, { force: true }); });
}

export function sizeOf(dir: string): number {
  let total = 0;
  walk(dir, (file) => { total += statSync(file).size; });
  return total;
}

function walk(dir: string, visit: (file: string) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit); else if (entry.isFile()) visit(full);
  }
}

/** Installs, prunes and measures; throws when the result would not fit in Lambda. */
export function installReportAssets(outputDir: string, architecture: ReportArchitecture = 'arm64', root = path.resolve(__dirname, '..')): number {
  writeFileSync(path.join(outputDir, 'package.json'), JSON.stringify({ private: true, dependencies: pinnedDependencies(root) }, null, 2));
  copyFileSync(path.join(root, 'package-lock.json'), path.join(outputDir, 'package-lock.json'));
  execFileSync('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--os=linux', `--cpu=${NPM_CPU[architecture]}`, '--libc=glibc'],
    { cwd: outputDir, stdio: ['ignore', 'inherit', 'inherit'] });
  rmSync(path.join(outputDir, 'package-lock.json'), { force: true });
  const nodeModules = path.join(outputDir, 'node_modules');
  prune(nodeModules);
  const bytes = sizeOf(nodeModules);
  if (bytes > MAX_NODE_MODULES_BYTES) {
    throw new Error(`reports node_modules is ${(bytes / 2 ** 20).toFixed(0)} MB, over ${MAX_NODE_MODULES_BYTES / 2 ** 20} MB: prune more in lib/report-assets.ts`);
  }
  return bytes;
}

if (require.main === module) {
  const [out, architecture = 'arm64'] = process.argv.slice(2);
  if (!out || !(architecture in NPM_CPU)) throw new Error('usage: report-assets.ts <bundle output dir> [arm64|x86_64]');
  const bytes = installReportAssets(out, architecture as ReportArchitecture);
  process.stderr.write(`reports node_modules: ${(bytes / 2 ** 20).toFixed(1)} MB (linux/${architecture}, pruned)\n`);
}
