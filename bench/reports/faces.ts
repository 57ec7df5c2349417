/**
 * Face checks: match rates at the chosen thresholds over the fixture pairs, the cost of a
 * comparison, memory, and a known-faces query over 20k synthetic embeddings.
 * Run alone: `node -r ./bin/register.js bench/reports/faces.ts`.
 */
import { allVariants, IDENTITIES, type FaceImage } from '../../fixtures/faces/variants';
import { checkFacialSimilarity, detectFaces, FACE_THRESHOLDS, getHuman, InMemoryFaceIndex, normalise, similarity } from '../../lambdas/reports/face';

interface BenchRow { name: string; value: number; unit: string; note?: string }
interface Embedded { image: FaceImage; embedding: Float32Array }
interface Pairs { genuine: number[]; impostor: number[] }

const isDocument = (e: Embedded): boolean => e.image.name.endsWith('/document');

function pairs(left: Embedded[], right: Embedded[]): Pairs {
  const out: Pairs = { genuine: [], impostor: [] };
  for (const a of left) {
    for (const b of right) {
      if (a === b || (left === right && a.image.name > b.image.name)) continue;
      (a.image.identity === b.image.identity ? out.genuine : out.impostor).push(similarity(a.embedding, b.embedding));
    }
  }
  return out;
}

function rates(label: string, p: Pairs, threshold: number): BenchRow[] {
  const tm = p.genuine.filter((s) => s >= threshold).length;
  const fm = p.impostor.filter((s) => s >= threshold).length;
  return [
    { name: `${label}: true-match rate @${threshold}`, value: tm / p.genuine.length, unit: 'ratio', note: `${tm}/${p.genuine.length} same-person pairs` },
    { name: `${label}: false-match rate @${threshold}`, value: fm / p.impostor.length, unit: 'ratio', note: `${fm}/${p.impostor.length} pairs of the 2 identities` },
    { name: `${label}: lowest same-person score`, value: round(Math.min(...p.genuine)), unit: 'cosine' },
    { name: `${label}: highest other-person score`, value: round(Math.max(...p.impostor)), unit: 'cosine' },
  ];
}

async function embedAll(): Promise<{ embedded: Embedded[]; msPerImage: number }> {
  const images = (await Promise.all(IDENTITIES.map(allVariants))).flat();
  const embedded: Embedded[] = [];
  const start = performance.now();
  for (const image of images) {
    const [face] = await detectFaces(image.bytes);
    if (face) embedded.push({ image, embedding: face.embedding });
  }
  return { embedded, msPerImage: (performance.now() - start) / images.length };
}

async function timeComparison(embedded: Embedded[], runs = 5): Promise<number> {
  const doc = embedded.find(isDocument)!.image, live = embedded.find((e) => !isDocument(e))!.image;
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    await checkFacialSimilarity({
      documentImage: { id: 'doc', bytes: doc.bytes, contentType: 'image/jpeg' },
      live: [{ id: 'live', bytes: live.bytes, contentType: 'image/png' }],
      config: { variant: 'photo' },
    });
  }
  return (performance.now() - start) / runs;
}

async function knownFacesQuery(faces = 20_000, queries = 20): Promise<BenchRow[]> {
  const index = new InMemoryFaceIndex();
  const random = (): Float32Array => normalise(Float32Array.from({ length: 1024 }, () => Math.random() - 0.5));
  const addStart = performance.now();
  for (let i = 0; i < faces; i++) index.addSync({ applicantId: `a${i}`, mediaId: `m${i}`, embedding: random() });
  const addMs = performance.now() - addStart;
  const probes = Array.from({ length: queries }, random);
  const start = performance.now();
  for (const q of probes) await index.search(q, { minScore: FACE_THRESHOLDS.knownFaces, limit: 20 });
  return [
    { name: 'known faces: query, 20k × 1024-d', value: round((performance.now() - start) / queries), unit: 'ms', note: `mean of ${queries}, brute-force cosine` },
    { name: 'known faces: load 20k embeddings', value: Math.round(addMs), unit: 'ms', note: 'incl. generating them' },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const loadStart = performance.now();
  await getHuman();
  const loadMs = performance.now() - loadStart;
  const { embedded, msPerImage } = await embedAll();
  const docs = embedded.filter(isDocument), live = embedded.filter((e) => !isDocument(e));
  const comparisonMs = await timeComparison(embedded);
  const rssAfterFaces = process.memoryUsage().rss;
  return [
    ...rates('document vs live', pairs(docs, live), FACE_THRESHOLDS.faceMatch),
    ...rates('live vs live', pairs(live, live), FACE_THRESHOLDS.knownFaces),
    { name: 'face models load (cold start)', value: Math.round(loadMs), unit: 'ms' },
    { name: 'detect + embed one image', value: Math.round(msPerImage), unit: 'ms', note: `mean over ${embedded.length} fixture images, wasm backend` },
    { name: 'facial similarity check, photo', value: Math.round(comparisonMs), unit: 'ms', note: 'document + live image, decode to result' },
    { name: 'RSS after face work', value: Math.round(rssAfterFaces / 2 ** 20), unit: 'MiB' },
    ...(await knownFacesQuery()),
    { name: 'peak RSS', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MiB', note: 'whole run, incl. the 80 MB 20k index' },
  ];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (error: unknown) => { console.error(error); process.exitCode = 1; });
}
