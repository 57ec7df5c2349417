/**
 * The one test that bundles (slow: esbuild plus an npm install from the npm cache, offline):
 * the reports function's synthesized asset holds the files its FACE_* environment points to, and
 * the face engine resolves its paths inside that folder. Bundled for the host's CPU.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { assetPaths } from '../../lambdas/reports/face/engine/human';
import { FACE_ASSET_ENV, FACE_MODEL_FILES, FACE_WASM_FILES } from '../../lib/report-assets';
import { resourcesOf, synthStudio } from './synth';

const architecture = process.arch === 'arm64' ? 'arm64' : 'x86_64';
let assetDir = '';
let variables: Record<string, unknown> = {};

beforeAll(() => {
  process.env.npm_config_offline = 'true';   // tests reach no network: the npm cache only
  const { stack, template } = synthStudio({ architecture }, { 'studio:bundling': 'reports' });
  const id = stack.getLogicalId(stack.functions.reports.fn.node.defaultChild as never);
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[id]!;
  variables = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
  const key = (fn.Properties!.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
  const outdir = (stack.node.root as unknown as { outdir: string }).outdir;
  assetDir = path.join(outdir, `asset.${key}`);
}, 600_000);
afterAll(() => { delete process.env.npm_config_offline; });

test(`the reports asset (${architecture}) has index.js and the files FACE_HUMAN_JS, FACE_MODELS_DIR and FACE_WASM_DIR name`, () => {
  expect(variables).toMatchObject(FACE_ASSET_ENV);
  expect(existsSync(path.join(assetDir, 'index.js'))).toBe(true);
  const paths = assetPaths(variables as NodeJS.ProcessEnv, assetDir);
  expect(paths.human).toBe(path.join(assetDir, FACE_ASSET_ENV.FACE_HUMAN_JS));
  expect(existsSync(paths.human)).toBe(true);
  expect(readdirSync(paths.models)).toEqual(expect.arrayContaining([...FACE_MODEL_FILES]));
  expect(readdirSync(paths.wasm)).toEqual(expect.arrayContaining([...FACE_WASM_FILES]));
  // Pruned: the package's main file is gone, so only the environment leads to Human.
  expect(existsSync(path.join(assetDir, 'node_modules/@vladmandic/human/dist/human.node.js'))).toBe(false);
});
