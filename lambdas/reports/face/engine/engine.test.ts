import { detectFaces, meshYaw, similarity } from '.';
import { HEADS, turnMap } from '../../fixtures/faces/motion';
import { decode, encodeRaw, remap } from '../../fixtures/faces/raster';
import { MOTION_TURN_DEGREES } from '../head-turn';
import { allVariants, gradient, IDENTITIES, original, twoPeople, type FaceImage } from '../../../../fixtures/faces/variants';
import { FACE_THRESHOLDS } from '../thresholds';

const embeddings = new Map<string, Float32Array>();

async function embed(image: FaceImage): Promise<Float32Array> {
  const faces = await detectFaces(image.bytes);
  expect({ name: image.name, faces: faces.length }).toEqual({ name: image.name, faces: 1 });
  return (faces[0] as { embedding: Float32Array }).embedding;
}

beforeAll(async () => {
  for (const identity of IDENTITIES) {
    for (const image of await allVariants(identity)) embeddings.set(image.name, await embed(image));
  }
}, 60_000);

describe('detectFaces', () => {
  it('finds one face with a box, a score and a unit-length 1024-d embedding', async () => {
    const [variant] = await allVariants('astronaut');
    const faces = await detectFaces((variant as FaceImage).bytes);
    expect(faces).toHaveLength(1);
    const [x, y, w, h] = faces[0]!.box;
    // The astronaut's face sits near the top middle of the 512×512 photo.
    expect(x).toBeGreaterThan(100); expect(x + w).toBeLessThan(360);
    expect(y).toBeLessThan(120); expect(h).toBeGreaterThan(100);
    expect(faces[0]!.score).toBeGreaterThan(0.5);
    expect(faces[0]!.embedding).toHaveLength(1024);
    expect(similarity(faces[0]!.embedding, faces[0]!.embedding)).toBeCloseTo(1, 5);
  });

  it('finds no face in a gradient and two in a picture of two people', async () => {
    expect(await detectFaces((await gradient()).bytes)).toEqual([]);
    expect(await detectFaces((await twoPeople()).bytes)).toHaveLength(2);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(detectFaces(Buffer.from('not an image'))).rejects.toMatchObject({ name: 'FaceInputError' });
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
