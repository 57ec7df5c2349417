/** The DynamoDB known-faces store on DynamoDB Local: the FaceIndexStore contract, and what several containers sharing it need. */
import { faceIndexContract, syntheticEmbedding } from '../../lambdas/reports/known_faces_report/store.contract';
import { DynamoFaceIndex, FACE_REFRESH_OVERLAP_MS } from '../../lambdas/reports/known_faces_report/dynamo';
import { recordMedia } from '../../lambdas/store/media';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

/** The index alone: these media ids have no uploads (the report's index stores only faces of stored uploads). */
const index = (env: string, rt?: ConstructorParameters<typeof DynamoFaceIndex>[1]) => new DynamoFaceIndex(env, rt, { uploadsOnly: false });

let n = 0;
/** A scope of its own per test: the table is shared by the whole file. */
const scope = () => `test-${++n}`;
const at = (iso: string) => ({ now: () => new Date(iso), newId: () => 'unused' });
const face = (applicantId: string, mediaId: string, seed: number) => ({ applicantId, mediaId, embedding: syntheticEmbedding(seed) });
const search = (seed: number) => ({ embedding: syntheticEmbedding(seed), options: { minScore: 0.9, limit: 10 } });

faceIndexContract('DynamoFaceIndex (DynamoDB Local)', async () => index(scope()));

it('stores the face of a stored upload only: a report finishing after its upload was purged stores nothing', async () => {
  const env = scope();
  const checked = new DynamoFaceIndex(env);
  await checked.add(face('app-1', `gone-${env}`, 1));
  expect(await index(env).size()).toBe(0);
  const media = await recordMedia({
    kind: 'live_photos', environment: 'sandbox', applicantId: 'app-1', id: `upload-${env}`, objectKey: `sandbox/app-1/live_photos/upload-${env}`,
    fileName: 'selfie.jpg', fileType: 'image/jpeg', contentType: 'image/jpeg', fileSize: 1,
  });
  await checked.add(face('app-1', media.id, 2));
  expect(await index(env).size()).toBe(1);
});

describe('DynamoFaceIndex across containers', () => {
  it('a warm container sees the faces another one adds after it loaded', async () => {
    const env = scope();
    const a = index(env);
    const b = index(env);
    await a.add(face('app-1', 'm1', 1));
    expect(await b.size()).toBe(1);
    await a.add(face('app-2', 'm2', 2));
    const { embedding, options } = search(2);
    expect((await b.search(embedding, options)).map((h) => h.mediaId)).toEqual(['m2']);
    await b.add(face('app-3', 'm3', 3));
    expect(await a.size()).toBe(3);
  });

  it('stores a media id once, however often it is added', async () => {
    const env = scope();
    const a = index(env);
    const b = index(env);
    await Promise.all([a.add(face('app-1', 'm1', 1)), b.add(face('app-1', 'm1', 1)), a.add(face('app-1', 'm1', 1))]);
    expect([await a.size(), await b.size(), await index(env).size()]).toEqual([1, 1, 1]);
  });

  it('keeps environments apart', async () => {
    const [live, sandbox] = [`${scope()}-live`, `${scope()}-sandbox`];
    await index(live).add(face('app-1', 'm1', 1));
    const { embedding, options } = search(1);
    expect(await index(sandbox).search(embedding, options)).toEqual([]);
    expect(await index(live).search(embedding, options)).toHaveLength(1);
  });

  it('picks up a face stamped before the newest one it holds (a slow write, clocks apart), within the overlap', async () => {
    const env = scope();
    const reader = index(env);
    await index(env, at('2026-03-01T12:00:10.000Z')).add(face('app-1', 'm1', 1));
    expect(await reader.size()).toBe(1);
    const late = new Date(Date.parse('2026-03-01T12:00:10.000Z') - FACE_REFRESH_OVERLAP_MS + 1000).toISOString();
    await index(env, at(late)).add(face('app-2', 'm2', 2));
    const { embedding, options } = search(2);
    expect((await reader.search(embedding, options)).map((h) => h.applicantId)).toEqual(['app-2']);
    expect(await reader.size()).toBe(2);
  });

  it('loads more faces than one Query page (1 MB) holds, in every container', async () => {
    const env = scope();
    let minute = 0; // a minute apart: each add's own refresh re-reads one face, not the last 30 s of them
    const writer = index(env, { now: () => new Date(Date.UTC(2026, 0, 1, 0, minute++)), newId: () => 'unused' });
    for (let i = 0; i < 300; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => writer.add(face(`app-${i + j}`, `m${i + j}`, 1000 + i + j))));
    }
    const cold = index(env);
    expect(await cold.size()).toBe(300);
    const { embedding, options } = search(1000 + 217);
    expect(await cold.search(embedding, options)).toEqual([{ applicantId: 'app-217', mediaId: 'm217', score: expect.closeTo(1, 5) }]);
  });
});
