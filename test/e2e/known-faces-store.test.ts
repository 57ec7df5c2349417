/** The DynamoDB known-faces store on DynamoDB Local: the FaceIndexStore contract, and what several containers sharing it need. */
import { faceIndexContract, syntheticEmbedding } from '../../lambdas/reports/known_faces_report/store.contract';
import { DynamoFaceIndex, FACE_REFRESH_OVERLAP_MS } from '../../lambdas/reports/known_faces_report/dynamo';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

let n = 0;
/** A scope of its own per test: the table is shared by the whole file. */
const scope = () => `test-${++n}`;
const at = (iso: string) => ({ now: () => new Date(iso), newId: () => 'unused' });
const face = (applicantId: string, mediaId: string, seed: number) => ({ applicantId, mediaId, embedding: syntheticEmbedding(seed) });
const search = (seed: number) => ({ embedding: syntheticEmbedding(seed), options: { minScore: 0.9, limit: 10 } });

faceIndexContract('DynamoFaceIndex (DynamoDB Local)', async () => new DynamoFaceIndex(scope()));

describe('DynamoFaceIndex across containers', () => {
  it('a warm container sees the faces another one adds after it loaded', async () => {
    const env = scope();
    const a = new DynamoFaceIndex(env);
    const b = new DynamoFaceIndex(env);
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
    const a = new DynamoFaceIndex(env);
    const b = new DynamoFaceIndex(env);
    await Promise.all([a.add(face('app-1', 'm1', 1)), b.add(face('app-1', 'm1', 1)), a.add(face('app-1', 'm1', 1))]);
    expect([await a.size(), await b.size(), await new DynamoFaceIndex(env).size()]).toEqual([1, 1, 1]);
  });

  it('keeps environments apart', async () => {
    const [live, sandbox] = [`${scope()}-live`, `${scope()}-sandbox`];
    await new DynamoFaceIndex(live).add(face('app-1', 'm1', 1));
    const { embedding, options } = search(1);
    expect(await new DynamoFaceIndex(sandbox).search(embedding, options)).toEqual([]);
    expect(await new DynamoFaceIndex(live).search(embedding, options)).toHaveLength(1);
  });

  it('picks up a face stamped before the newest one it holds (a slow write, clocks apart), within the overlap', async () => {
    const env = scope();
    const reader = new DynamoFaceIndex(env);
    await new DynamoFaceIndex(env, at('2026-03-01T12:00:10.000Z')).add(face('app-1', 'm1', 1));
    expect(await reader.size()).toBe(1);
    const late = new Date(Date.parse('2026-03-01T12:00:10.000Z') - FACE_REFRESH_OVERLAP_MS + 1000).toISOString();
    await new DynamoFaceIndex(env, at(late)).add(face('app-2', 'm2', 2));
    const { embedding, options } = search(2);
    expect((await reader.search(embedding, options)).map((h) => h.applicantId)).toEqual(['app-2']);
    expect(await reader.size()).toBe(2);
  });

  it('loads more faces than one Query page (1 MB) holds, in every container', async () => {
    const env = scope();
    let minute = 0; // a minute apart: each add's own refresh re-reads one face, not the last 30 s of them
    const writer = new DynamoFaceIndex(env, { now: () => new Date(Date.UTC(2026, 0, 1, 0, minute++)), newId: () => 'unused' });
    for (let i = 0; i < 300; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => writer.add(face(`app-${i + j}`, `m${i + j}`, 1000 + i + j))));
    }
    const cold = new DynamoFaceIndex(env);
    expect(await cold.size()).toBe(300);
    const { embedding, options } = search(1000 + 217);
    expect(await cold.search(embedding, options)).toEqual([{ applicantId: 'app-217', mediaId: 'm217', score: expect.closeTo(1, 5) }]);
  });
});
