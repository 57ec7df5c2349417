// Lets Node run the TypeScript sources directly: .ts files are transpiled with esbuild on load.
// Used by the `studio` command and the npm scripts; Lambdas are bundled with esbuild instead.
'use strict';
const fs = require('node:fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = function loadTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'inline',
    // import() of a .ts module must go through require (and this hook), not Node's ESM loader.
    supported: { 'dynamic-import': false },
  });
  module._compile(code, filename);
};
