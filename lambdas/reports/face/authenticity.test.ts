import { AUTHENTICITY_REASONS, visualAuthenticity } from './authenticity';
import type { FacesIn } from './detection';
import { FACE_THRESHOLDS } from './thresholds';

const face = (real: number, live: number, yaw: number | null = null) => ({ box: [0, 0, 10, 10] as [number, number, number, number], score: 1, embedding: new Float32Array(4), real, live, yaw });
const photo = (real: number, live: number, id = 'p'): FacesIn => ({ media: { id, bytes: Buffer.alloc(0), contentType: 'image/jpeg' }, faces: [face(real, live)] });
const frame = (i: number, real: number, live: number, yaw: number | null): FacesIn =>
  ({ media: { id: `v#frame${i}`, bytes: Buffer.alloc(0), contentType: 'image/jpeg', video: 'v', at: i, duration: 9 }, faces: [face(real, live, yaw)] });

describe('visualAuthenticity', () => {
  it('photo: spoofing_detection only, with the antispoof score (Onfido: near 0 is a spoof) and the liveness score', () => {
    expect(visualAuthenticity('photo', [photo(0.55, 0.9)])).toEqual({
      result: 'clear', breakdown: { spoofing_detection: { result: 'clear', properties: { score: 0.55, liveness_score: 0.9 } } },
    });
  });

  it('photo: a low antispoof or liveness score is consider and the reason is named; the lowest photo counts', () => {
    const low = Math.round((FACE_THRESHOLDS.real - 0.1) * 100) / 100;
    expect(visualAuthenticity('photo_fully_auto', [photo(0.8, 0.9, 'p1'), photo(low, 0.9, 'p2')])).toMatchObject({
      result: 'consider', breakdown: { spoofing_detection: { result: 'consider', properties: { score: low, reasons: [AUTHENTICITY_REASONS.spoof] } } },
    });
    expect(visualAuthenticity('photo', [photo(0.8, 0)]).breakdown?.spoofing_detection?.properties?.reasons).toEqual([AUTHENTICITY_REASONS.notLive]);
  });

  it('video: the median over the frames (one bad frame does not decide), and liveness_detected without a head turn', () => {
    const frames = [frame(0, 0.6, 0.9, 0), frame(1, 0.1, 0.02, 0), frame(2, 0.5, 0.8, 0)];
    expect(visualAuthenticity('video', frames)).toEqual({
      result: 'clear', breakdown: {
        spoofing_detection: { result: 'clear', properties: { score: 0.5 } },
        liveness_detected: { result: 'clear', properties: { score: 0.8 } },
      },
    });
  });

  it('motion: liveness_detected needs the head turn; a still is consider with the reason', () => {
    const turning = [0, 0, -12, 0, 12, 0].map((yaw, i) => frame(i, 0.6, 0.9, yaw));
    const still = [0, 0.2, -0.3, 0.1, 0, 0.2].map((yaw, i) => frame(i, 0.6, 0.9, yaw));
    expect(visualAuthenticity('motion', turning)).toMatchObject({ result: 'clear', breakdown: { liveness_detected: { result: 'clear', properties: { head_turn: { turn_negative: 12, turn_positive: 12 } } } } });
    expect(visualAuthenticity('motion', still)).toMatchObject({
      result: 'consider', breakdown: { spoofing_detection: { result: 'clear' }, liveness_detected: { result: 'consider', properties: { reasons: ['no_head_turn'] } } },
    });
  });
});
