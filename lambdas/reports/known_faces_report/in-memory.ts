/**
 * Brute-force cosine search over one contiguous Float32Array (rows = faces). 20k faces × 1024
 * dims is 80 MB and a query is a single pass over it (see bench/reports/faces.ts for the time).
 */
import { FaceEngineError } from '../face/errors';
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
      const dot = dotAt(query, vectors, row * dims);
      if (dot >= minScore) hits.push({ applicantId: owner.applicantId, mediaId: owner.mediaId, score: dot });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  async size(): Promise<number> {
    return this.owners.length;
  }

  /** Length of the embeddings held (0 while empty). */
  get dimensions(): number {
    return this.dims;
  }

  private grow(rows: number): void {
    const next = new Float32Array(rows * this.dims);
    next.set(this.vectors);
    this.vectors = next;
  }
}

/** Dot product of `q` with the row at `base`; four accumulators let V8 pipeline the adds. */
function dotAt(q: Float32Array, m: Float32Array, base: number): number {
  let a = 0, b = 0, c = 0, d = 0;
  const n = q.length - (q.length % 4);
  let i = 0;
  for (; i < n; i += 4) {
    a += (q[i] as number) * (m[base + i] as number);
    b += (q[i + 1] as number) * (m[base + i + 1] as number);
    c += (q[i + 2] as number) * (m[base + i + 2] as number);
    d += (q[i + 3] as number) * (m[base + i + 3] as number);
  }
  for (; i < q.length; i++) a += (q[i] as number) * (m[base + i] as number);
  return a + b + c + d;
}
