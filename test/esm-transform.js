// Jest loads CommonJS only; a few dependencies ship ES modules only (@middy/core 6, ...).
// This transformer turns such files into CommonJS with esbuild, the way Lambda bundles do.
'use strict';
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'js', format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'external',
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
