/**
 * Brute-force cosine search over one contiguous Float32Array (rows = faces). 20k faces × 1024
 * dims is 80 MB and a query is a single pass over it (see bench/reports/faces.ts for the time).
 */
import { FaceEngineError } from '../errors';
import type { FaceEntry, FaceIndexStore, FaceMatch, SearchOptions } from './store';

export class InMemoryFaceIndex implements FaceIndexStore {
  private vectors = new Float32Array(0);
  private readonly owners: Array<{ applicantId: string; mediaId: string }> = [];
  private dims = 0;

  async add(entry: FaceEntry): Promise<void> {
    this.addSync(entry);
  }

  /** Synchronous add, for bulk loading. */
  addSync({ applicantId, mediaId, embedding }: FaceEntry): void {
    if (this.dims === 0) this.dims = embedding.length;
    if (embedding.length !== this.dims) {
      throw new FaceEngineError(`Embedding of ${mediaId} has ${embedding.length} dims, the index holds ${this.dims}`);
    }
    const count = this.owners.length;
    if ((count + 1) * this.dims > this.vectors.length) this.grow(Math.max(16, count * 2));
    this.vectors.set(embedding, count * this.dims);
    this.owners.push({ applicantId, mediaId });
  }

  async search(query: Float32Array, { minScore, limit, excludeApplicantId }: SearchOptions): Promise<FaceMatch[]> {
    const { vectors, dims } = this;
    if (this.owners.length > 0 && query.length !== dims) {
      throw new FaceEngineError(`Query has ${query.length} dims, the index holds ${dims}`);
    }
    const hits: FaceMatch[] = [];
    for (let row = 0; row < this.owners.length; row++) {
      const owner = this.owners[row] as { applicantId: string; mediaId: string };
      if (owner.applicantId === excludeApplicantId) continue;
      let dot = 0;
      const base = row * dims;
      for (let i = 0; i < dims; i++) dot += (query[i] as number) * (vectors[base + i] as number);
      if (dot >= minScore) hits.push({ applicantId: owner.applicantId, mediaId: owner.mediaId, score: dot });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  async size(): Promise<number> {
    return this.owners.length;
  }

  private grow(rows: number): void {
    const next = new Float32Array(rows * this.dims);
    next.set(this.vectors);
    this.vectors = next;
  }
}
