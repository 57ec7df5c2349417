/**
 * Image quality of document_report on the seeded capture corpus (lambdas/reports/fixtures/documents/corpus.ts):
 * per check, false rejects of clean images and detection of its defect. These rates measure the
 * checks against our own generators, not against real captures.
 * Run alone: `node -r ./bin/register.js bench/reports/quality.ts` (BENCH_QUALITY_CLEAN, BENCH_QUALITY_DEFECTS, default 50 each).
 */
import { qualityRates } from '../../lambdas/reports/fixtures/documents/quality-rates';

interface BenchRow { name: string; value: number; unit: string; note?: string }

export async function run(
  clean = Number(process.env.BENCH_QUALITY_CLEAN ?? 50), defects = Number(process.env.BENCH_QUALITY_DEFECTS ?? 50),
): Promise<BenchRow[]> {
  const start = performance.now();
  const { rates, falseRejected } = await qualityRates(clean, defects);
  const rows: BenchRow[] = [];
  for (const r of rates) {
    rows.push({ name: `${r.check}: false rejects of clean images`, value: r.falseRejects, unit: `of ${r.clean}`, note: `reason ${r.reason}` });
    rows.push({ name: `${r.check}: defects detected`, value: r.detected / r.defective, unit: 'ratio', note: `${r.detected}/${r.defective}${r.missed.length ? `; missed: ${r.missed.slice(0, 4).join(', ')}` : ''}` });
  }
  rows.push({ name: 'clean images rejected for any quality reason', value: falseRejected.length, unit: `of ${clean}`, note: falseRejected.slice(0, 3).join('; ') || undefined });
  rows.push({ name: 'generate + measure per image, mean', value: Math.round((performance.now() - start) / (clean + 4 * defects)), unit: 'ms' });
  return rows;
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (error: unknown) => { console.error(error); process.exitCode = 1; });
}
