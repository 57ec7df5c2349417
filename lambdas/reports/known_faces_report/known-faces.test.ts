import { ReportResult } from '../../../compiler';
import { edited, gradient, original, twoPeople } from '../../../fixtures/faces/variants';
import type { Media } from '../types';
import { checkKnownFaces, InMemoryFaceIndex } from '.';
import { modelRuns } from '../fixtures/faces/model-runs';
import { faceIndexContract } from './store.contract';

faceIndexContract('InMemoryFaceIndex', async () => new InMemoryFaceIndex());

const image = (id: string, bytes: Buffer): Media => ({ id, bytes, contentType: 'image/png' });

describe('checkKnownFaces', () => {
  it('finds an earlier applicant with the same face, and indexes every new face; runs the detector and descriptor only', async () => {
    const index = new InMemoryFaceIndex();
    let first: ReportResult = { result: 'consider', breakdown: {}, properties: {} };
    const runs = await modelRuns(async () => { first = await checkKnownFaces({ live: image('m-astro', original('astronaut')), applicantId: 'app-1', index }); });
    expect(runs).toEqual({ blazeface: 1, faceres: 1, facemesh: 0, antispoof: 0, liveness: 0 });
    expect(ReportResult.parse(first)).toBeTruthy();
    expect(first).toMatchObject({ result: 'clear', breakdown: { previously_seen_faces: { result: 'clear' } }, properties: { matches: [] } });

    const other = await checkKnownFaces({ live: image('m-camera', original('camera')), applicantId: 'app-2', index });
    expect(other.result).toBe('clear');

    const again = await checkKnownFaces({ live: image('m-astro-2', (await edited('astronaut', 'jpeg-q35')).bytes), applicantId: 'app-3', index });
    expect(again.result).toBe('consider');
    expect(again.breakdown.previously_seen_faces).toEqual({ result: 'consider' });
    const matches = again.properties.matches as Array<{ applicant_id: string; score: number; media_id: string }>;
    expect(matches.map((m) => [m.applicant_id, m.media_id])).toEqual([['app-1', 'm-astro']]);
    expect(matches[0]!.score).toBeGreaterThan(0.9);
    expect(await index.size()).toBe(3);
  });

  it("does not match the applicant's own earlier face", async () => {
    const index = new InMemoryFaceIndex();
    await checkKnownFaces({ live: image('m1', original('camera')), applicantId: 'app-1', index });
    const retry = await checkKnownFaces({ live: image('m2', (await edited('camera', 'darker-0.6')).bytes), applicantId: 'app-1', index });
    expect(retry).toMatchObject({ result: 'clear', properties: { matches: [] } });
  });

  it('no face, or two: consider with the reason, and nothing is indexed', async () => {
    const index = new InMemoryFaceIndex();
    const none = await checkKnownFaces({ live: image('m1', (await gradient()).bytes), applicantId: 'app-1', index });
    expect(none).toEqual({
      result: 'consider',
      breakdown: { image_integrity: { result: 'consider', breakdown: { face_detected: { result: 'consider', properties: { reasons: ['no_face_in_live_media'], live_faces: 0 } } } } },
      properties: {},
    });
    const two = await checkKnownFaces({ live: image('m2', (await twoPeople()).bytes), applicantId: 'app-2', index });
    expect(two.breakdown.image_integrity).toMatchObject({ breakdown: { face_detected: { properties: { reasons: ['several_faces_in_live_media'] } } } });
    expect(await index.size()).toBe(0);
  });
});
