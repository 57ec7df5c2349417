/**
 * Bundling of the evidence function (lambdas/evidence draws PDFs with pdfkit). Two things in
 * pdfkit do not survive a CommonJS esbuild bundle as is:
 *  - its ESM build (what esbuild picks for an `import`) computes paths with
 *    `new URL(..., import.meta.url)` at load, and `import.meta` is empty in CJS: the bundle throws
 *    `Invalid URL` before the handler runs. The alias picks the CJS build Node itself loads for a
 *    `require` (`exports["."].node.require`).
 *  - the standard fonts' metrics are loaded at run time with `createRequire(<bundle>)` and the
 *    package's own import map (`#standard-fonts/*`), which esbuild cannot follow. The
 *    afterBundling hook copies those modules next to index.js and gives the bundle's folder a
 *    package.json with the same import map, so Node resolves them from the asset.
 * Run by the hook:  node -r ./bin/register.js lib/evidence-bundling.ts <outputDir>
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BundlingOptions, ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Folder of the asset holding pdfkit's standard font modules. */
export const STANDARD_FONTS_DIR = 'pdfkit-standard-fonts';

/** pdfkit's CommonJS build, as Node resolves `require('pdfkit')` from `root`. */
export const pdfkitCjs = (root: string): string => require.resolve('pdfkit', { paths: [root] });

export function evidenceBundling(root: string): BundlingOptions {
  const hooks: ICommandHooks = {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_input: string, outputDir: string) => [
      `node -r ${q(path.join(root, 'bin/register.js'))} ${q(path.join(root, 'lib/evidence-bundling.ts'))} ${q(outputDir)}`,
    ],
  };
  return { esbuildArgs: { '--alias:pdfkit': pdfkitCjs(root) }, commandHooks: hooks };
}

/** Copies pdfkit's standard font modules (CJS, with their shared chunks) into `out` and writes
 *  the import map that resolves `#standard-fonts/<Name>` to them. */
export function copyStandardFonts(out: string, root = path.resolve(__dirname, '..')): string[] {
  const from = path.join(path.dirname(pdfkitCjs(root)), 'standard-fonts');
  const copied: string[] = [];
  const copy = (rel: string) => {
    mkdirSync(path.join(out, STANDARD_FONTS_DIR, rel), { recursive: true });
    for (const e of readdirSync(path.join(from, rel), { withFileTypes: true })) {
      if (e.isDirectory()) copy(path.join(rel, e.name));
      else if (e.name.endsWith('.cjs')) {
        copyFileSync(path.join(from, rel, e.name), path.join(out, STANDARD_FONTS_DIR, rel, e.name));
        copied.push(path.join(rel, e.name));
      }
    }
  };
  copy('');
  const pkg = { private: true, imports: { '#standard-fonts/*': `./${STANDARD_FONTS_DIR}/*.cjs` } };
  writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return copied;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

if (require.main === module) {
  const [out] = process.argv.slice(2);
  if (!out) throw new Error('usage: evidence-bundling.ts <bundle output dir>');
  const copied = copyStandardFonts(out);
  if (!copied.some((f) => f === 'Helvetica.cjs')) throw new Error(`pdfkit's standard fonts not found (copied: ${copied.join(', ') || 'none'})`);
}
