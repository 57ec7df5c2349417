/**
 * Bundles the capture page into web/dist/capture: index.html plus `assets/app-<hash>.js` and
 * `assets/app-<hash>.css`, content-hashed so CloudFront and browsers may cache them for a year
 * (lib/hosting.ts); index.html names them and is never cached. `npm run build:web`.
 */
const { build } = require('esbuild');
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const src = path.join(__dirname, 'capture');
const out = path.join(__dirname, 'dist', 'capture');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
build({
  entryPoints: { app: path.join(src, 'src', 'main.ts'), style: path.join(src, 'app.css') },
  outdir: path.join(out, 'assets'), entryNames: '[name]-[hash]', metafile: true,
  bundle: true, minify: true, sourcemap: false, target: ['es2020'], format: 'iife', logLevel: 'warning',
}).then(({ metafile }) => {
  const built = (entry) => {
    const file = Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint?.endsWith(entry));
    return `/capture/assets/${path.basename(file)}`;
  };
  const html = readFileSync(path.join(src, 'index.html'), 'utf8')
    .replace('href="/capture/app.css"', `href="${built('app.css')}"`)
    .replace('src="/capture/app.js"', `src="${built('main.ts')}"`);
  if (html.includes('/capture/app.')) throw new Error('web/capture/index.html no longer names /capture/app.js and /capture/app.css');
  writeFileSync(path.join(out, 'index.html'), html);
}).catch((e) => { console.error(e); process.exit(1); });
