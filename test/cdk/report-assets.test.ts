/** The reports bundle keeps exactly the face models the engine is configured to run. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FACE_CONFIG, FACE_USES, loadedStages, modelFiles, withStages } from '../../lambdas/reports/face/engine/config';
import { FACE_MODEL_FILES, prune } from '../../lib/report-assets';

const shipped = path.join(__dirname, '../../node_modules/@vladmandic/human/models');

test('pruning keeps the model files of every enabled face stage (antispoof, liveness and the mesh too) and nothing else', () => {
  const nm = mkdtempSync(path.join(tmpdir(), 'studio-models-'));
  const models = path.join(nm, '@vladmandic/human/models');
  mkdirSync(models, { recursive: true });
  for (const name of readdirSync(shipped)) writeFileSync(path.join(models, name), 'x');
  prune(nm);
  expect(readdirSync(models).sort()).toEqual([...FACE_MODEL_FILES].sort());
  expect(FACE_MODEL_FILES).toEqual(expect.arrayContaining(['antispoof.json', 'antispoof.bin', 'liveness.json', 'liveness.bin', 'facemesh.json', 'facemesh.bin']));
  expect(existsSync(path.join(models, 'iris.bin'))).toBe(false);
});

test('the list follows the configuration: a stage switched off drops its files, the detector always stays', () => {
  const face = { ...FACE_CONFIG.face, antispoof: { enabled: false, modelPath: 'antispoof.json' }, mesh: { enabled: false, modelPath: 'facemesh.json' } };
  expect(modelFiles({ face })).toEqual(['blazeface.json', 'blazeface.bin', 'faceres.json', 'faceres.bin', 'liveness.json', 'liveness.bin']);
});

test('the list is what the uses run: a stage no use switches on is neither loaded nor bundled', () => {
  expect(modelFiles(withStages(FACE_USES.document))).toEqual(['blazeface.json', 'blazeface.bin', 'faceres.json', 'faceres.bin']);
  const uses = { a: { mesh: false, antispoof: false, liveness: true }, b: { mesh: false, antispoof: false, liveness: false } };
  expect(modelFiles(withStages(loadedStages(uses)))).toEqual(['blazeface.json', 'blazeface.bin', 'faceres.json', 'faceres.bin', 'liveness.json', 'liveness.bin']);
  expect([...FACE_MODEL_FILES].sort()).toEqual([...new Set(Object.values(FACE_USES).flatMap((on) => modelFiles(withStages(on))))].sort());
});

test('every kept model is shipped, and its weights manifest names only files that are kept', () => {
  for (const json of FACE_MODEL_FILES.filter((f) => f.endsWith('.json'))) {
    const manifest = JSON.parse(readFileSync(path.join(shipped, json), 'utf8')) as { weightsManifest: Array<{ paths: string[] }> };
    for (const file of manifest.weightsManifest.flatMap((m) => m.paths)) expect({ json, file, kept: FACE_MODEL_FILES.includes(file) }).toEqual({ json, file, kept: true });
  }
});
