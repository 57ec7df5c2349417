/**
 * Bundles the web apps into web/dist (`npm run build:web`): the capture page into
 * web/dist/capture and the Studio console (React, TSX, with the project's compiler) into
 * web/dist/console. Each is index.html plus `assets/app-<hash>.js` and `assets/*-<hash>.css`,
 * content-hashed so CloudFront and browsers may cache them for a year (lib/hosting.ts);
 * index.html names them and is never cached.
 *
 * `--test` builds the console alone into web/.dist-test/console (never deployed), with the
 * builder's test-only crash switch compiled in (`__BUILDER_CRASH_TEST__`,
 * web/console/src/builder/panel/crash-test.ts); web/dist's console has it `false`, which the
 * minifier drops with the code it guards.
 */
const { build } = require('esbuild');
const { createHash } = require('node:crypto');
const { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const modules = path.join(ROOT, 'node_modules');
/** What the bundles were made from, for the browser tests to rebuild only when a source changed (test/web/dist.ts); outside web/dist, which is deployed. */
const INPUTS = path.join(__dirname, process.argv.includes('--test') ? '.dist-test-inputs.json' : '.dist-inputs.json');
/**
 * On-device face detection (web/capture/src/quality/face.ts) loads Human, its face detector
 * model and TensorFlow.js's WebAssembly backend from `/capture/human/` when a face step opens
 * (copied, not bundled: about 3 MB the other steps never load; nothing comes from a CDN).
 */
const HUMAN = [
  ['@vladmandic/human/dist/human.esm.js', 'human.esm.js'],
  ['@vladmandic/human/models/blazeface.json', 'models/blazeface.json'],
  ['@vladmandic/human/models/blazeface.bin', 'models/blazeface.bin'],
  ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'].map((f) => [`@tensorflow/tfjs-backend-wasm/dist/${f}`, f]),
].map(([from, to]) => [path.join(modules, from), path.join('human', to)]);
/** HEIC decoding (web/capture/src/heic.ts): libheif's WebAssembly bundle, loaded from `/capture/heif/` only when a HEIC file is chosen. */
const HEIF = [[path.join(modules, 'libheif-js/libheif-wasm/libheif-bundle.mjs'), 'heif/libheif-bundle.mjs']];

/**
 * The builder's graph layout (elkjs, ~1.5 MB of compiled Java) runs in a Web Worker that the
 * canvas starts on its first layout (web/console/src/builder/layout.ts): outside the console's
 * bundle, which every page parses, and off the page's main thread. Content-hashed like the
 * bundles; the console learns its path at build time (`__ELK_WORKER__`).
 */
const ELK_WORKER = path.join(modules, 'elkjs/lib/elk-worker.min.js');
const elkWorker = `assets/elk-worker-${createHash('sha256').update(readFileSync(ELK_WORKER)).digest('hex').slice(0, 8).toUpperCase()}.js`;

/**
 * zod's namespace object carries all its ~50 error-message locales (`z.locales`, ~250 KB
 * minified) that no bundler can drop; the apps use the default, English, which zod registers
 * itself. The bundles get `z.locales` with `en` alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) => (a.importer.includes(`${path.sep}zod${path.sep}v4${path.sep}`)
      ? { path: path.join(path.dirname(a.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (a) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(a.path), 'en.js'))};`, loader: 'js', resolveDir: path.dirname(a.path),
    }));
  },
};

/** `css`: a stylesheet of its own; the console's comes from the CSS its sources import. `copy`: [file, path under the app] as they are. `define`: constants the app's code reads. */
const TEST = process.argv.includes('--test');
const DIST = path.join(__dirname, TEST ? '.dist-test' : 'dist');
const APPS = [
  { name: 'capture', entry: 'src/main.tsx', css: 'app.css', copy: [...HUMAN, ...HEIF] },
  { name: 'console', entry: 'src/main.tsx', copy: [[ELK_WORKER, elkWorker]], define: { __ELK_WORKER__: JSON.stringify(`/console/${elkWorker}`), __BUILDER_CRASH_TEST__: String(TEST) } },
].filter((app) => !TEST || app.name === 'console');

async function bundle({ name, entry, css, copy = [], define = {} }) {
  const src = path.join(__dirname, name);
  const out = path.join(DIST, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { metafile } = await build({
    entryPoints: { app: path.join(src, entry), ...(css ? { style: path.join(src, css) } : {}) },
    outdir: path.join(out, 'assets'), entryNames: '[name]-[hash]', metafile: true, absWorkingDir: ROOT,
    bundle: true, minify: true, sourcemap: false, target: ['es2020'], format: 'iife', logLevel: 'warning',
    jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"', ...define }, legalComments: 'none', plugins: [zodEnglishOnly],
  });
  const outputs = Object.keys(metafile.outputs);
  const asset = (file) => `/${name}/assets/${path.basename(file)}`;
  const js = outputs.find((o) => o.endsWith('.js') && metafile.outputs[o].entryPoint?.endsWith(entry));
  const styles = outputs.filter((o) => o.endsWith('.css'));
  let html = readFileSync(path.join(src, 'index.html'), 'utf8').replace(`src="/${name}/app.js"`, `src="${asset(js)}"`);
  const link = `<link rel="stylesheet" href="/${name}/app.css">`;
  html = html.replace(link, styles.map((s) => `<link rel="stylesheet" href="${asset(s)}">`).join('\n  '));
  if (html.includes(`/${name}/app.`)) throw new Error(`web/${name}/index.html no longer names /${name}/app.js and /${name}/app.css`);
  writeFileSync(path.join(out, 'index.html'), html);
  for (const [from, to] of copy) {
    mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
    copyFileSync(from, path.join(out, to));
  }
  if (!existsSync(path.join(out, 'index.html'))) throw new Error(`${name}: no index.html`);
  const inputs = Object.keys(metafile.inputs).map((i) => path.resolve(ROOT, i)).filter((i) => existsSync(i)); // not esbuild's `(disabled):` stand-ins
  return [...inputs, path.join(src, 'index.html'), ...copy.map(([from]) => from)];
}

const started = Date.now();
rmSync(INPUTS, { force: true });
Promise.all(APPS.map(bundle))
  .then((inputs) => writeFileSync(INPUTS, JSON.stringify({ started, inputs: [path.join(__dirname, 'build.js'), ...inputs.flat()] })))
  .catch((e) => { console.error(e); process.exit(1); });
