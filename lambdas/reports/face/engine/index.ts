/**
 * The face engine: find the faces in an image and describe each with a 1024-d embedding (Human's
 * `faceres` model); for live media also score it with the antispoof and liveness models and read
 * its yaw off the face mesh (config.ts, `FACE_USES`); compare two embeddings. The only door into
 * `engine/`.
 */
import { decodeRgb } from './decode';
import { getHuman } from './human';
import { FACE_USES, stagesConfig, type FaceUse } from './config';
import { FaceEngineError } from '../errors';

export { getHuman };
export { FACE_USES, type FaceUse };

export interface DetectedFace {
  /** [x, y, width, height] in pixels of the decoded (EXIF-rotated, ≤1280 px) image. */
  box: [number, number, number, number];
  /** Detector confidence (the mesh's, when it ran and fitted), 0..1. */
  score: number;
  /** L2-normalised, so the dot product of two embeddings is their cosine similarity. */
  embedding: Float32Array;
}

/** A face in live media (`use` 'live'): what `visual_authenticity` judges. */
export interface LiveFace extends DetectedFace {
  /** Human's antispoof model: 0 (a spoof: a screen, a print) to 1 (a real face), in steps of 0.01. */
  real: number;
  /** Human's liveness model: 0 to 1 (live), in steps of 0.01. */
  live: number;
  /** Degrees the head is turned left or right (positive: the nose towards the picture's right),
   *  from the 468-point face mesh (`meshYaw`); null when the mesh could not be fitted to this face. */
  yaw: number | null;
}

export type FaceOf<U extends FaceUse> = U extends 'live' ? LiveFace : DetectedFace;

/** One detection at a time: Human keeps each call's configuration, so two uses must not
 *  interleave (and the wasm backend is single-threaded: parallel calls would only queue). */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/** Every face found in the image (at most 10), largest first, with what `use` runs (default:
 *  everything, as for live media). */
export async function detectFaces<U extends FaceUse = 'live'>(bytes: Buffer, use: U = 'live' as U): Promise<Array<FaceOf<U>>> {
  const human = await getHuman();
  const image = await decodeRgb(bytes);
  const stages = FACE_USES[use];
  return serially(async () => {
    // float32, the dtype Human works in: an int32 tensor it would clone and then cast (same values, 0..255).
    const input = human.tf.tensor(Float32Array.from(image.data), [1, image.height, image.width, 3], 'float32');
    try {
      const result = await human.detect(input as never, stagesConfig(stages) as never);
      const faces: Array<DetectedFace | LiveFace> = [];
      for (const face of result.face) {
        if (!face.embedding || face.embedding.length === 0) continue;   // found, but not describable
        const [x = 0, y = 0, w = 0, h = 0] = face.box;
        const found: DetectedFace = { box: [x, y, w, h], score: face.score, embedding: normalise(face.embedding) };
        const yaw = stages.mesh && face.mesh.length >= 468 ? meshYaw(face.mesh) : null;
        // Human leaves `real` and `live` out when the model answered exactly 0.
        faces.push(use === 'live' ? { ...found, real: face.real ?? 0, live: face.live ?? 0, yaw } : found);
      }
      return faces.sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]) as Array<FaceOf<U>>;
    } catch (error) {
      throw new FaceEngineError('Face detection failed', { cause: error });
    } finally {
      input.dispose();
    }
  });
}

/** Cosine similarity of two embeddings, clamped to 0..1 (unrelated faces sit near 0.3). */
export function similarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new FaceEngineError(`Embeddings differ in length (${a.length} vs ${b.length}): were they made by the same model?`);
  }
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return Math.min(1, Math.max(0, dot));
}

/** Mesh points: the nose tip and the face's outline at the cheekbones, left and right in the picture. */
const NOSE_TIP = 1, CHEEK_LEFT = 234, CHEEK_RIGHT = 454;

/**
 * Yaw from where the nose tip sits between the two sides of the face outline, measured along the
 * line joining them (so roll, scale and position drop out): midway is 0°, the head modelled as a
 * cylinder, yaw = asin(2·share − 1). A flat picture moved, zoomed, rolled or tilted keeps that share,
 * so only a head that turns changes it. Human's own `rotation.angle.yaw` (from the mesh's
 * predicted depth) moved only ±6.6° for a ±30° turn of the fixture face, this ±16°.
 */
export function meshYaw(mesh: ReadonlyArray<ReadonlyArray<number | undefined>>): number {
  const [ax = 0, ay = 0] = mesh[CHEEK_LEFT] ?? [], [bx = 0, by = 0] = mesh[CHEEK_RIGHT] ?? [], [nx = 0, ny = 0] = mesh[NOSE_TIP] ?? [];
  const ux = bx - ax, uy = by - ay, length2 = ux * ux + uy * uy;
  if (length2 === 0) return 0;
  const share = ((nx - ax) * ux + (ny - ay) * uy) / length2;
  return Math.round((Math.asin(Math.max(-1, Math.min(1, 2 * share - 1))) * 1800) / Math.PI) / 10;
}

export function normalise(values: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(values);
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm === 0) throw new FaceEngineError('Embedding is all zeros');
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}
