// Lets Node run the TypeScript sources directly: .ts files are transpiled with esbuild on load.
// Used by the `studio` command and the npm scripts; Lambdas are bundled with esbuild instead.
//
// Each transpiled file is kept in a cache folder (STUDIO_TS_CACHE, default
// node_modules/.cache/open-studio/ts), under the sha256 of its path, its source, esbuild's version
// and the options below: `npm start` loads ~140 files, and transpiling them took ~0.85 s of its
// start. A changed source is a new key; the folder is private to its owner (700), and where it is
// not (or cannot be made), nothing is cached. STUDIO_TS_CACHE=off turns the cache off.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');
const { transformSync, version } = require('esbuild');

const OPTIONS = {
  loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'inline',
  // import() of a .ts module must go through require (and this hook), not Node's ESM loader.
  supported: { 'dynamic-import': false },
};
const SALT = `${version}\0${JSON.stringify(OPTIONS)}\0`;

/** The cache folder if it is ours alone (created 700 if missing), else undefined. */
function cacheDir() {
  const wanted = process.env.STUDIO_TS_CACHE ?? path.resolve(__dirname, '../node_modules/.cache/open-studio/ts');
  if (wanted === 'off') return undefined;
  try {
    fs.mkdirSync(wanted, { recursive: true, mode: 0o700 });
    const st = fs.statSync(wanted);
    if ((process.getuid && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) return undefined;
    return wanted;
  } catch {
    return undefined;
  }
}
const dir = cacheDir();

function transpile(source, filename) {
  const key = dir && path.join(dir, `${createHash('sha256').update(SALT).update(filename).update('\0').update(source).digest('hex')}.js`);
  if (key) {
    try { return fs.readFileSync(key, 'utf8'); } catch { /* not cached yet */ }
  }
  const { code } = transformSync(source, { ...OPTIONS, sourcefile: filename });
  if (key) {
    // Written whole under another name, then renamed: a reader never sees half a file.
    const tmp = `${key}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
      fs.writeFileSync(tmp, code, { mode: 0o600 });
      fs.renameSync(tmp, key);
    } catch {
      try { fs.unlinkSync(tmp); } catch { /* never written */ }
    }
  }
  return code;
}

require.extensions['.ts'] = function loadTs(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
