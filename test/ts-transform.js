// The TypeScript transform of every test run: esbuild, as `bin/register.js` (npm start, the CLI)
// and the Lambda bundles transpile the same sources, so tests run the code those run. Files that
// call `jest.mock(...)` go through ts-jest instead, whose transform hoists those calls above the
// imports (esbuild keeps statement order). A file's transform is cached by jest on disk; on a cold
// cache (a clean clone, CI) esbuild takes ~1 ms a file where ts-jest took ~20.
//
// Plus one thing: every module binds `Math` and `Number` to module-level constants.
// Jest runs each module inside a vm context, where a read of a global goes through the context's
// interceptor instead of V8's fast global lookup: measured in a loop of 3 M calls, `Math.abs`
// 0.018 s in Node, 0.40 s under jest; `Math.cos` 0.19 s vs 0.61 s. The pixel loops of the image
// fixtures and of the report code spent most of their time there (a print attack took
// 19 s to generate under jest, 1.3 s in Node). A constant is the same object, so spies on its
// methods (jest.spyOn(Math, 'random')) still work. The binding goes after the "use strict"
// prologue, on the first line, so line numbers in stack traces do not move.
'use strict';
const { createHash } = require('node:crypto');
const { transformSync, version: esbuildVersion } = require('esbuild');

const BOUND = ['Math', 'Number'];
const VERSION = 'esbuild-bound-globals-2';
/** A file whose mocks must be hoisted above its imports. */
const mocks = (source) => /\bjest\.mock\(/.test(source);

function bind(code) {
  const names = BOUND.filter((name) => !new RegExp(`\\b(?:const|let|var|class|function)\\s+${name}\\b`).test(code));
  if (names.length === 0) return code;
  const aliases = names.map((name) => `const ${name} = globalThis.${name};`).join(' ');
  const prologue = /^(['"])use strict\1;/.exec(code);
  return prologue ? `${prologue[0]} ${aliases}${code.slice(prologue[0].length)}` : `${aliases} ${code}`;
}

const bound = (out) => (typeof out === 'string' ? bind(out) : { ...out, code: bind(out.code) });

function esbuild(source, filename) {
  const { code, map } = transformSync(source, {
    loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'external',
    // import() of a .ts module must go through jest's require, not Node's ESM loader.
    supported: { 'dynamic-import': false },
  });
  // esbuild puts no "use strict" in CommonJS output; TypeScript did (the sources are modules, strict).
  return { code: bind(`"use strict";${code}`), map };
}

module.exports = {
  createTransformer(options) {
    let tsJest;
    const inner = () => (tsJest ??= require('ts-jest').default.createTransformer(options));
    const key = (source, path, rest) => (mocks(source)
      ? `${inner().getCacheKey(source, path, ...rest)}:${VERSION}`
      : createHash('sha256').update(`${VERSION}\0${esbuildVersion}\0${path}\0${source}`).digest('hex'));
    return {
      canInstrument: false,
      getCacheKey: (source, path, ...rest) => key(source, path, rest),
      getCacheKeyAsync: async (source, path, ...rest) => key(source, path, rest),
      process: (source, path, ...rest) => (mocks(source) ? bound(inner().process(source, path, ...rest)) : esbuild(source, path)),
      processAsync: async (source, path, ...rest) => (mocks(source) ? bound(await inner().processAsync(source, path, ...rest)) : esbuild(source, path)),
    };
  },
};
