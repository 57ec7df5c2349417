/**
 * What the face engine runs, and so which model files it reads: the one source for both the
 * engine (human.ts) and the Lambda bundle's prune list (lib/report-assets.ts). Pure: no imports
 * beyond types, so the CDK app can read it.
 */
import type { Config } from '@vladmandic/human';

/** The face pipeline, nothing else: BlazeFace finds faces → FaceMesh (468 points, which give the
 *  head's yaw) → FaceRes (the 1024-d descriptor), AntiSpoof (`real`) and Liveness (`live`) on
 *  the same crop. The mesh keeps faces it cannot fit (`keepInvalid`): its confidence collapses
 *  on partly hidden faces (the cameraman behind his camera scored 0.1-0.3), and those must still
 *  be found and described, just without a yaw. Crops and descriptors are the same with or
 *  without the mesh (same-image embeddings 0.999 apart on the fixtures). */
export const FACE_CONFIG = {
  backend: 'wasm',
  debug: false,
  async: true,
  warmup: 'none',
  cacheSensitivity: 0,          // every call is a different image: never reuse a cached result
  skipAllowed: false,
  filter: { enabled: false },   // the raw pixels, no auto brightness
  face: {
    enabled: true,
    detector: { modelPath: 'blazeface.json', rotation: true, maxDetected: 10, minConfidence: 0.5, return: false },
    mesh: { enabled: true, modelPath: 'facemesh.json', keepInvalid: true },
    attention: { enabled: false },
    iris: { enabled: false },
    emotion: { enabled: false },
    description: { enabled: true, modelPath: 'faceres.json' },
    antispoof: { enabled: true, modelPath: 'antispoof.json' },
    liveness: { enabled: true, modelPath: 'liveness.json' },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  gesture: { enabled: false },
  segmentation: { enabled: false },
} as const;

export const humanConfig = (): Partial<Config> => FACE_CONFIG as unknown as Partial<Config>;

/** The model files of every enabled face stage: each `name.json` and the `name.bin` of its
 *  weights (Human's converted models keep one weights file named after the model; a test
 *  checks each model's manifest against this). */
export function modelFiles(config: { face: Record<string, unknown> } = FACE_CONFIG): string[] {
  return Object.entries(config.face).flatMap(([name, stage]) => {
    if (typeof stage !== 'object' || stage === null) return [];
    const { enabled, modelPath } = stage as { enabled?: boolean; modelPath?: string };
    // The detector has no switch of its own: it runs whenever faces are looked for.
    return (name === 'detector' || enabled) && modelPath ? [modelPath, modelPath.replace(/\.json$/, '.bin')] : [];
  });
}

export const FACE_MODEL_FILES: readonly string[] = modelFiles();
