/**
 * The reports function's synthesized asset, as parity mode runs it (the assembly `cdk synth`
 * made for the host's CPU, cached by a hash of the sources; `npm run test:parity` synthesizes it
 * first): it holds the files its FACE_* environment points to, and the face engine resolves its
 * paths inside that folder. Runs in `test:parity`, which bundles anyway, not in `npm test`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assetPaths } from '../../lambdas/reports/face/engine/human';
import { synthesize } from '../../local/parity/synth';
import { FACE_ASSET_ENV, FACE_MODEL_FILES, FACE_WASM_FILES } from '../../lib/report-assets';

interface Resource { Type: string; Properties?: { Environment?: { Variables?: Record<string, unknown> }; Code?: { S3Key?: string } } }
let assetDir = '';
let variables: Record<string, unknown> = {};

beforeAll(async () => {
  const { dir } = await synthesize();
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { templateFile?: string } }> };
  const templateFile = Object.values(manifest.artifacts).find((a) => a.type === 'aws:cloudformation:stack')!.properties!.templateFile!;
  const template = JSON.parse(readFileSync(path.join(dir, templateFile), 'utf8')) as { Resources: Record<string, Resource> };
  const reports = Object.values(template.Resources)
    .find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.Environment?.Variables?.FACE_HUMAN_JS !== undefined)!;
  variables = reports.Properties!.Environment!.Variables!;
  assetDir = path.join(dir, `asset.${reports.Properties!.Code!.S3Key!.replace(/\.zip$/, '')}`);
}, 900_000);

test('the reports asset has index.js and the files FACE_HUMAN_JS, FACE_MODELS_DIR and FACE_WASM_DIR name', () => {
  expect(variables).toMatchObject(FACE_ASSET_ENV);
  expect(existsSync(path.join(assetDir, 'index.js'))).toBe(true);
  const paths = assetPaths(variables as Record<string, string>, assetDir);
  expect(paths.human).toBe(path.join(assetDir, FACE_ASSET_ENV.FACE_HUMAN_JS));
  expect(existsSync(paths.human)).toBe(true);
  expect(readdirSync(paths.models)).toEqual(expect.arrayContaining([...FACE_MODEL_FILES]));
  expect(readdirSync(paths.wasm)).toEqual(expect.arrayContaining([...FACE_WASM_FILES]));
  // Pruned: the package's main file is gone, so only the environment leads to Human.
  expect(existsSync(path.join(assetDir, 'node_modules/@vladmandic/human/dist/human.node.js'))).toBe(false);
});
