/**
 * Where the faces of past applicants are kept. The check depends only on this interface; the
 * back end's implementation is `DynamoFaceIndex` (known_faces_report/dynamo.ts: items in DynamoDB, held
 * in an `InMemoryFaceIndex` per process), which runs the same contract tests on DynamoDB Local.
 */
export interface FaceEntry {
  applicantId: string;
  mediaId: string;
  /** L2-normalised embedding, as `detectFaces` returns. */
  embedding: Float32Array;
}

export interface FaceMatch {
  applicantId: string;
  mediaId: string;
  /** Cosine similarity, 0..1. */
  score: number;
}

export interface SearchOptions {
  minScore: number;
  limit: number;
  /** Leave out this applicant's own earlier faces. */
  excludeApplicantId?: string;
}

export interface FaceIndexStore {
  add(entry: FaceEntry): Promise<void>;
  /** Entries scoring at least `minScore`, best first, at most `limit`. */
  search(embedding: Float32Array, options: SearchOptions): Promise<FaceMatch[]>;
  size(): Promise<number>;
}
