/**
 * npm run bench:reports — every report handler on generated fixtures: MRZ read accuracy (and per
 * MRZ format: MRZ, fields and result exact on clean documents; a changed printed number still flagged),
 * image-quality false rejects and detection per check,
 * face true/false match rates at the chosen thresholds, liveness and anti-spoofing catch rates
 * per attack kind, time and memory per call.
 */
interface BenchRow { name: string; value: number; unit: string; note?: string }
const SECTIONS: Array<[string, () => Promise<{ run: () => Promise<BenchRow[]> }>]> = [
  ['documents (document_report, autofill)', () => import('./reports/documents')],
  ['document formats (document_report on random clean TD3, TD1 and TD2 documents; measures our own generators)', () => import('./reports/formats')],
  ['changed printed numbers (document_report on the formats\' documents with one printed number character changed; measures our own generators)', () => import('./reports/changed-numbers')],
  ['image quality (document_report, seeded capture corpus; measures our own generators)', () => import('./reports/quality')],
  ['faces (facial_similarity_report, known_faces_report)', () => import('./reports/faces')],
  ['liveness and anti-spoofing (facial_similarity_report, seeded attack corpus; measures our own generators)', () => import('./reports/liveness')],
  ['screening and other reports', () => import('./reports/screening')],
];

async function main() {
  const only = process.argv[2];
  for (const [title, load] of SECTIONS) {
    if (only && !title.startsWith(only)) continue;
    console.log(`\n## ${title}`);
    const rows = await (await load()).run();
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) {
      const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(r.value < 10 ? 3 : 1);
      console.log(`${r.name.padEnd(width)}  ${value.padStart(10)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
    }
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
