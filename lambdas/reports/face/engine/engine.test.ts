import { detectFaces, meshYaw, similarity, type DetectedFace, type FaceUse } from '.';
import { HEADS, turnMap } from '../../fixtures/faces/motion';
import { modelRuns } from '../../fixtures/faces/model-runs';
import { decode, encodeRaw, remap } from '../../fixtures/faces/raster';
import { MOTION_TURN_DEGREES } from '../head-turn';
import { allVariants, gradient, IDENTITIES, original, twoPeople, type FaceImage } from '../../../../fixtures/faces/variants';
import { FACE_THRESHOLDS } from '../thresholds';

/** Every variant's one face as live media; the originals, rotations and ID portraits also as
 *  documents are (the mesh, which documents skip, changes the crop most where the head is rolled). */
const found = { live: new Map<string, DetectedFace>(), document: new Map<string, DetectedFace>() };
/** The embedding each variant gets in the reports: ID portraits as documents, the rest as live media. */
const embeddings = new Map<string, Float32Array>();

async function one(image: FaceImage, use: FaceUse): Promise<DetectedFace> {
  const faces = await detectFaces(image.bytes, use);
  expect({ name: image.name, use, faces: faces.length }).toEqual({ name: image.name, use, faces: 1 });
  return faces[0] as DetectedFace;
}

beforeAll(async () => {
  for (const identity of IDENTITIES) {
    for (const image of await allVariants(identity)) {
      found.live.set(image.name, await one(image, 'live'));
      if (/\/(original|rotate.*|document)$/.test(image.name)) found.document.set(image.name, await one(image, 'document'));
      embeddings.set(image.name, found[image.name.endsWith('/document') ? 'document' : 'live'].get(image.name)!.embedding);
    }
  }
}, 120_000);

describe('detectFaces', () => {
  it('finds one face with a box, a score and a unit-length 1024-d embedding', () => {
    const face = found.live.get('astronaut/original')!;
    const [x, y, w, h] = face.box;
    // The astronaut's face sits near the top middle of the 512×512 photo.
    expect(x).toBeGreaterThan(100); expect(x + w).toBeLessThan(360);
    expect(y).toBeLessThan(120); expect(h).toBeGreaterThan(100);
    expect(face.score).toBeGreaterThan(0.5);
    expect(face.embedding).toHaveLength(1024);
    expect(similarity(face.embedding, face.embedding)).toBeCloseTo(1, 5);
  });

  it('finds no face in a gradient and two in a picture of two people', async () => {
    expect(await detectFaces((await gradient()).bytes)).toEqual([]);
    expect(await detectFaces((await twoPeople()).bytes)).toHaveLength(2);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(detectFaces(Buffer.from('not an image'))).rejects.toMatchObject({ name: 'FaceInputError' });
  });
});

describe('what each use runs (config.ts, FACE_USES)', () => {
  it('a document portrait and a known-faces photo get detection and the embedding only; live media also the mesh, antispoof and liveness', async () => {
    const bytes = original('astronaut');
    const run = async (use: FaceUse) => {
      let faces: DetectedFace[] = [];
      const runs = await modelRuns(async () => { faces = await detectFaces(bytes, use); });
      return { runs, fields: Object.keys(faces[0] ?? {}).sort() };
    };
    const light = { runs: { blazeface: 1, faceres: 1, facemesh: 0, antispoof: 0, liveness: 0 }, fields: ['box', 'embedding', 'score'] };
    expect(await run('document')).toEqual(light);
    expect(await run('known')).toEqual(light);
    expect(await run('live')).toEqual({ runs: { blazeface: 1, faceres: 1, facemesh: 1, antispoof: 1, liveness: 1 }, fields: ['box', 'embedding', 'live', 'real', 'score', 'yaw'] });
  });

  it('the embedding is the same with or without the mesh (originals, rotations, ID portraits)', () => {
    expect(found.document.size).toBe(8);
    const apart = [...found.document.keys()].flatMap((name) => {
      const s = similarity(found.live.get(name)!.embedding, found.document.get(name)!.embedding);
      return s < 0.998 ? [`${name}: ${s.toFixed(4)}`] : [];
    });
    expect(apart).toEqual([]);
  });
});

describe('antispoof, liveness and yaw', () => {
  it('meshYaw: the nose midway between the cheek outlines is 0°, a quarter of the way is -30°, whatever the roll', () => {
    const mesh = (nose: number, roll: number): number[][] => {
      const at = (x: number): number[] => [100 + x * Math.cos(roll), 100 + x * Math.sin(roll)];
      const points = Array.from({ length: 468 }, () => [0, 0]);
      points[234] = at(-50); points[454] = at(50); points[1] = at(nose);
      return points;
    };
    expect(meshYaw(mesh(0, 0))).toBe(0);
    expect(meshYaw(mesh(-25, 0))).toBe(-30);
    expect(meshYaw(mesh(25, 0.4))).toBe(30);
  });

  it('scores every face with the antispoof and liveness models and reads the turn of a head off the mesh', async () => {
    const photo = await decode(original('astronaut'));
    const turned = async (degrees: number) => {
      const bytes = await encodeRaw(remap(photo, photo.width, photo.height, turnMap(HEADS.astronaut, (degrees * Math.PI) / 180), [128, 128, 128])).png().toBuffer();
      return (await detectFaces(bytes))[0]!;
    };
    const [left, ahead, right] = [await turned(-30), await turned(0), await turned(30)];
    for (const face of [left, ahead, right]) {
      expect(face.real).toBeGreaterThan(0); expect(face.real).toBeLessThanOrEqual(1);
      expect(face.live).toBeGreaterThan(0); expect(face.live).toBeLessThanOrEqual(1);
    }
    expect(Math.abs(ahead.yaw!)).toBeLessThan(2);
    expect(left.yaw!).toBeLessThan(-MOTION_TURN_DEGREES);
    expect(right.yaw!).toBeGreaterThan(MOTION_TURN_DEGREES);
  }, 60_000);
});

describe('similarity over the fixture variants', () => {
  const names = (identity: string): string[] => [...embeddings.keys()].filter((n) => n.startsWith(`${identity}/`));

  it.each(IDENTITIES)('every pair of %s variants (crops, rotations, brightness, JPEG, ID portrait) matches', (identity) => {
    const low: string[] = [];
    for (const a of names(identity)) {
      for (const b of names(identity)) {
        const s = similarity(embeddings.get(a)!, embeddings.get(b)!);
        if (a < b && s < FACE_THRESHOLDS.faceMatch) low.push(`${a} ~ ${b}: ${s.toFixed(3)}`);
      }
    }
    expect(low).toEqual([]);
  });

  it('no astronaut variant matches a cameraman variant', () => {
    const high: string[] = [];
    for (const a of names('astronaut')) {
      for (const b of names('camera')) {
        const s = similarity(embeddings.get(a)!, embeddings.get(b)!);
        if (s >= FACE_THRESHOLDS.faceMatch) high.push(`${a} ~ ${b}: ${s.toFixed(3)}`);
      }
    }
    expect(high).toEqual([]);
  });

  it('is symmetric and rejects embeddings of different lengths', () => {
    const a = embeddings.get('astronaut/original')!, c = embeddings.get('camera/original')!;
    expect(similarity(a, c)).toBeCloseTo(similarity(c, a), 6);
    expect(() => similarity(a, c.subarray(0, 512))).toThrow(/differ in length/);
  });
});
