/**
 * The behaviour every FaceIndexStore must have. Each implementation's test file calls this with
 * a factory (test/e2e/known-faces-store.test.ts runs it against DynamoFaceIndex).
 */
import { normalise } from '../face/engine';
import type { FaceIndexStore } from './store';

/** A deterministic unit vector: `seed` picks the direction, `noise` blurs it. */
export function syntheticEmbedding(seed: number, dims = 1024, noise = 0): Float32Array {
  let state = seed * 2654435761 >>> 0;
  const next = (): number => { state = (state * 1664525 + 1013904223) >>> 0; return state / 2 ** 32 - 0.5; };
  const base = Array.from({ length: dims }, next);
  let jitter = (seed + 7919) >>> 0;
  return normalise(base.map((v) => { jitter = (jitter * 1103515245 + 12345) >>> 0; return v + noise * (jitter / 2 ** 32 - 0.5); }));
}

export function faceIndexContract(name: string, make: () => Promise<FaceIndexStore>): void {
  describe(`FaceIndexStore contract: ${name}`, () => {
    it('finds an added face, best first, and reports its size', async () => {
      const index = await make();
      await index.add({ applicantId: 'a1', mediaId: 'm1', embedding: syntheticEmbedding(1) });
      await index.add({ applicantId: 'a2', mediaId: 'm2', embedding: syntheticEmbedding(2) });
      await index.add({ applicantId: 'a3', mediaId: 'm3', embedding: syntheticEmbedding(1, 1024, 0.5) });
      expect(await index.size()).toBe(3);
      const hits = await index.search(syntheticEmbedding(1), { minScore: 0.5, limit: 10 });
      expect(hits.map((h) => h.applicantId)).toEqual(['a1', 'a3']);
      expect(hits[0]!.score).toBeCloseTo(1, 5);
      expect(hits[1]!.score).toBeLessThan(hits[0]!.score);
    });

    it('leaves out the excluded applicant, scores below minScore, and rows past the limit', async () => {
      const index = await make();
      for (let i = 0; i < 5; i++) await index.add({ applicantId: `a${i}`, mediaId: `m${i}`, embedding: syntheticEmbedding(9, 1024, i * 0.1) });
      expect((await index.search(syntheticEmbedding(9), { minScore: 0.5, limit: 2 })).map((h) => h.mediaId)).toEqual(['m0', 'm1']);
      expect((await index.search(syntheticEmbedding(9), { minScore: 0.5, limit: 10, excludeApplicantId: 'a0' }))[0]!.mediaId).toBe('m1');
      expect(await index.search(syntheticEmbedding(10), { minScore: 0.5, limit: 10 })).toEqual([]);
    });

    it('searches an empty index and rejects an embedding of another length', async () => {
      const index = await make();
      expect(await index.search(syntheticEmbedding(1), { minScore: 0, limit: 5 })).toEqual([]);
      await index.add({ applicantId: 'a1', mediaId: 'm1', embedding: syntheticEmbedding(1) });
      await expect(index.add({ applicantId: 'a2', mediaId: 'm2', embedding: syntheticEmbedding(1, 512) })).rejects.toThrow(/512 dims/);
    });
  });
}
