/**
 * Bundles the web apps into web/dist (`npm run build:web`): the capture page into
 * web/dist/capture and the Studio console (React, TSX, with the project's compiler) into
 * web/dist/console; each is index.html, app.js and app.css.
 */
const { build } = require('esbuild');
const { copyFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

/** `copy`: files used as they are; the console's app.css comes from the CSS its sources import. */
const APPS = [
  { name: 'capture', entry: 'src/main.ts', copy: ['index.html', 'app.css'] },
  { name: 'console', entry: 'src/main.tsx', copy: ['index.html'] },
];

async function bundle({ name, entry, copy }) {
  const src = path.join(__dirname, name);
  const out = path.join(__dirname, 'dist', name);
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(src, entry)], outfile: path.join(out, 'app.js'),
    bundle: true, minify: true, sourcemap: false, target: ['es2020'], format: 'iife', logLevel: 'warning',
    jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' }, legalComments: 'none',
  });
  for (const f of copy) copyFileSync(path.join(src, f), path.join(out, f));
}

Promise.all(APPS.map(bundle)).catch((e) => { console.error(e); process.exit(1); });
