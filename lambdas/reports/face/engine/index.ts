/**
 * The face engine: find the faces in an image and describe each with a 1024-d embedding
 * (Human's `faceres` model), and compare two embeddings. The only door into `engine/`.
 */
import { decodeRgb } from './decode';
import { getHuman } from './human';
import { FaceEngineError } from '../errors';

export { getHuman };

export interface DetectedFace {
  /** [x, y, width, height] in pixels of the decoded (EXIF-rotated, ≤1280 px) image. */
  box: [number, number, number, number];
  /** Detector and mesh confidence, 0..1. */
  score: number;
  /** L2-normalised, so the dot product of two embeddings is their cosine similarity. */
  embedding: Float32Array;
}

/** Every face found in the image (at most 10), largest first. */
export async function detectFaces(bytes: Buffer): Promise<DetectedFace[]> {
  const human = await getHuman();
  const image = await decodeRgb(bytes);
  const input = human.tf.tensor(image.data, [1, image.height, image.width, 3], 'int32');
  try {
    const result = await human.detect(input as never);
    const faces: DetectedFace[] = [];
    for (const face of result.face) {
      if (!face.embedding || face.embedding.length === 0) continue;   // found, but not describable
      const [x = 0, y = 0, w = 0, h = 0] = face.box;
      faces.push({ box: [x, y, w, h], score: face.score, embedding: normalise(face.embedding) });
    }
    return faces.sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  } catch (error) {
    throw new FaceEngineError('Face detection failed', { cause: error });
  } finally {
    input.dispose();
  }
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

export function normalise(values: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(values);
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm === 0) throw new FaceEngineError('Embedding is all zeros');
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}
