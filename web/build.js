/** Bundles the capture page into web/dist/capture (index.html, app.js, app.css): `npm run build:web`. */
const { build } = require('esbuild');
const { copyFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

/** The capture app: React + i18next (TSX, automatic JSX runtime) in one IIFE bundle. */
function buildCapture() {
  const src = path.join(__dirname, 'capture');
  const out = path.join(__dirname, 'dist', 'capture');
  mkdirSync(out, { recursive: true });
  return build({
    entryPoints: [path.join(src, 'src', 'main.tsx')], outfile: path.join(out, 'app.js'),
    bundle: true, minify: true, sourcemap: false, target: ['es2020'], format: 'iife', logLevel: 'warning',
    jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' },
  }).then(() => {
    for (const f of ['index.html', 'app.css']) copyFileSync(path.join(src, f), path.join(out, f));
  });
}

buildCapture().catch((e) => { console.error(e); process.exit(1); });
