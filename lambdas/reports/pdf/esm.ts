/**
 * Loads an ESM-only package (the pdf.js build inside unpdf) through Node's own `require`, which loads ES modules
 * since Node 20.19. Jest's module registry cannot parse ESM from node_modules without a
 * transform, and `process.getBuiltinModule` reaches the real loader from inside Jest too.
 * A bundler will not follow this call: mark these packages external when bundling.
 */
export function requireEsm<T>(specifier: string): T {
  const { createRequire } = process.getBuiltinModule('node:module');
  return createRequire(__filename)(specifier) as T;
}
