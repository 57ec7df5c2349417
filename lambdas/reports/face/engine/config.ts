/**
 * What the face engine runs, and so which model files it reads: the one source for both the
 * engine (human.ts, index.ts) and the Lambda bundle's prune list (lib/report-assets.ts). Pure: no
 * imports beyond types, so the CDK app can read it.
 */
import type { Config } from '@vladmandic/human';

/** The face pipeline, nothing else: BlazeFace finds faces → FaceMesh (468 points, which give the
 *  head's yaw) → FaceRes (the 1024-d descriptor), AntiSpoof (`real`) and Liveness (`live`) on
 *  the same crop. Every stage the engine may run is here; which of the mesh, antispoof and
 *  liveness are on is set per use (`FACE_USES`, `withStages`). The mesh keeps faces it cannot fit
 *  (`keepInvalid`): its confidence collapses on partly hidden faces (the cameraman behind his
 *  camera scored 0.1-0.3), and those must still be found and described, just without a yaw.
 *  Descriptors are the same with or without the mesh (a test compares them on the fixtures). */
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

export type FaceConfig = Omit<typeof FACE_CONFIG, 'face'> & { face: Record<string, unknown> };
export type Stage = 'mesh' | 'antispoof' | 'liveness';
export type Stages = Record<Stage, boolean>;

/** The stages each use runs besides detection and description. Only live media are judged for
 *  authenticity (`visual_authenticity`: antispoof, liveness and, for Motion, the mesh's yaw); a
 *  document's portrait is only compared, and known_faces only searches the embedding. */
export const FACE_USES = {
  /** facial_similarity's live media: selfie photos, video and Motion frames. */
  live: { mesh: true, antispoof: true, liveness: true },
  /** The document's portrait in facial_similarity. */
  document: { mesh: false, antispoof: false, liveness: false },
  /** known_faces_report's live photo: only its embedding is searched and indexed. */
  known: { mesh: false, antispoof: false, liveness: false },
} as const satisfies Record<string, Stages>;
export type FaceUse = keyof typeof FACE_USES;

const STAGES: readonly Stage[] = ['mesh', 'antispoof', 'liveness'];

/** The per-call part of Human's configuration: every switch set, since Human merges a call's
 *  configuration into its own and keeps it. */
export function stagesConfig(on: Stages): { face: Record<Stage, { enabled: boolean }> } {
  return { face: { mesh: { enabled: on.mesh }, antispoof: { enabled: on.antispoof }, liveness: { enabled: on.liveness } } };
}

/** FACE_CONFIG with the switchable stages set as `on` says. */
export function withStages(on: Stages): FaceConfig {
  const face: Record<string, unknown> = { ...FACE_CONFIG.face };
  for (const stage of STAGES) face[stage] = { ...FACE_CONFIG.face[stage], enabled: on[stage] };
  return { ...FACE_CONFIG, face };
}

/** What the one Human instance loads: a stage some use runs. */
export function loadedStages(uses: Record<string, Stages> = FACE_USES): Stages {
  const any = (stage: Stage) => Object.values(uses).some((on) => on[stage]);
  return { mesh: any('mesh'), antispoof: any('antispoof'), liveness: any('liveness') };
}

export const humanConfig = (): Partial<Config> => withStages(loadedStages()) as unknown as Partial<Config>;

/** The model files of every enabled face stage: each `name.json` and the `name.bin` of its
 *  weights (Human's converted models keep one weights file named after the model; a test
 *  checks each model's manifest against this). */
export function modelFiles(config: { face: Record<string, unknown> } = withStages(loadedStages())): string[] {
  return Object.entries(config.face).flatMap(([name, stage]) => {
    if (typeof stage !== 'object' || stage === null) return [];
    const { enabled, modelPath } = stage as { enabled?: boolean; modelPath?: string };
    // The detector has no switch of its own: it runs whenever faces are looked for.
    return (name === 'detector' || enabled) && modelPath ? [modelPath, modelPath.replace(/\.json$/, '.bin')] : [];
  });
}

/** The files the engine loads and the Lambda bundle keeps: those of the stages some use runs. */
export const FACE_MODEL_FILES: readonly string[] = modelFiles();
