/**
 * Document checks: MRZ read accuracy over N seeded random documents (raw OCR and after the
 * check-digit-guided repairs; which reader: OCR-B templates or Tesseract), document_report and autofill time per call, and memory per call.
 * Run alone: `node -r ./bin/register.js bench/reports/documents.ts` (BENCH_DOCUMENTS=N, default 40).
 */
import { FIXTURE_TODAY, randomSpec, renderDocument, type DocumentSpec } from '../../lambdas/reports/fixtures/documents';
import { checkDocument, closeOcr } from '../../lambdas/reports/document_report';
import { extractDocument } from '../../lambdas/reports/autofill';
import type { BreakdownArea, Media, ReportResult } from '../../lambdas/reports/types';

interface BenchRow { name: string; value: number; unit: string; note?: string }
interface Sample { ms: number; rssPeak: number; heapDelta: number }

const MiB = 2 ** 20;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Times one call and samples RSS every 5 ms while it runs (Tesseract's worker threads count too). */
async function measured<T>(call: () => Promise<T>): Promise<{ value: T; sample: Sample }> {
  const before = process.memoryUsage();
  let peak = before.rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const start = performance.now();
  const value = await call();
  const ms = performance.now() - start;
  clearInterval(timer);
  const after = process.memoryUsage();
  return { value, sample: { ms, rssPeak: Math.max(peak, after.rss) - before.rss, heapDelta: after.heapUsed - before.heapUsed } };
}

function mrzOf(report: ReportResult): { lines?: string[]; corrections: unknown[]; valid: boolean; reader?: string } {
  const mrz = (report.breakdown.data_validation as BreakdownArea | undefined)?.breakdown?.mrz;
  const props = mrz?.properties;
  return { lines: props?.lines as string[] | undefined, corrections: (props?.corrections as unknown[] | undefined) ?? [], valid: mrz?.result === 'clear', reader: props?.reader as string | undefined };
}

export async function run(count = Number(process.env.BENCH_DOCUMENTS ?? 40)): Promise<BenchRow[]> {
  const docs: Array<{ spec: DocumentSpec; images: Media[] }> = [];
  for (let i = 0; i < count; i++) {
    const spec = randomSpec(1000 + i, FIXTURE_TODAY);
    docs.push({ spec, images: await renderDocument(spec, i % 2 ? 'jpeg' : 'png') });
  }
  const cold = await measured(() => checkDocument({ images: docs[0]?.images ?? [], now: FIXTURE_TODAY }));
  const reportSamples: Sample[] = [], autofillMs: number[] = [];
  let exact = 0, rawExact = 0, fieldsExact = 0, td1 = 0, byTemplates = 0;
  const misses: string[] = [];
  for (const { spec, images } of docs) {
    const { value: report, sample } = await measured(() => checkDocument({ images, now: FIXTURE_TODAY }));
    reportSamples.push(sample);
    if (spec.kind === 'id_card') td1++;
    if (mrzOf(report).reader === 'glyphs') byTemplates++;
    const mrz = mrzOf(report);
    const same = mrz.valid && mrz.lines?.join('\n') === spec.mrz.join('\n');
    if (same) exact++; else misses.push(`${spec.kind} ${spec.documentNumber}`);
    if (same && mrz.corrections.length === 0) rawExact++;
    const auto = await measured(() => extractDocument({ images, now: FIXTURE_TODAY }));
    autofillMs.push(auto.sample.ms);
    const e = auto.value.extracted_data;
    if (e.document_number === spec.documentNumber && e.date_of_birth === spec.birthDate && e.last_name === spec.surname) fieldsExact++;
  }
  await closeOcr();
  const ms = reportSamples.map((s) => s.ms);
  return [
    { name: 'MRZ read exactly (after check-digit repairs)', value: exact / count, unit: 'ratio', note: `${exact}/${count} random documents (${count - td1} TD3, ${td1} TD1), check digits valid${misses.length ? `; missed: ${misses.slice(0, 5).join(', ')}` : ''}` },
    { name: 'MRZ read exactly without check-digit or code repairs', value: rawExact / count, unit: 'ratio', note: `${rawExact}/${count} (mrz autocorrect, check-digit and country-code repairs not needed; names-line re-read allowed)` },
    { name: 'MRZ read by OCR-B template matching', value: byTemplates / count, unit: 'ratio', note: `${byTemplates}/${count}; the rest fell back to Tesseract` },
    { name: 'autofill number + dob + surname exact', value: fieldsExact / count, unit: 'ratio', note: `${fieldsExact}/${count}` },
    { name: 'document_report first call (OCR workers start)', value: Math.round(cold.sample.ms), unit: 'ms' },
    { name: 'document_report per call, median', value: Math.round(quantile(ms, 0.5)), unit: 'ms', note: 'quality + MRZ OCR + printed-field OCR, workers reused' },
    { name: 'document_report per call, p95', value: Math.round(quantile(ms, 0.95)), unit: 'ms' },
    { name: 'document_report peak RSS rise per call, max', value: Math.round(Math.max(...reportSamples.map((s) => s.rssPeak)) / MiB), unit: 'MiB', note: 'sampled every 5 ms, includes worker threads' },
    { name: 'document_report heap delta per call, median', value: Number((quantile(reportSamples.map((s) => s.heapDelta), 0.5) / MiB).toFixed(2)), unit: 'MiB' },
    { name: 'first call RSS rise (workers + traineddata)', value: Math.round(cold.sample.rssPeak / MiB), unit: 'MiB' },
    { name: 'autofill per call, median', value: Math.round(quantile(autofillMs, 0.5)), unit: 'ms', note: 'skips printed-field OCR when the MRZ is valid' },
    { name: 'autofill per call, p95', value: Math.round(quantile(autofillMs, 0.95)), unit: 'ms' },
    { name: 'peak RSS', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MiB', note: 'whole run' },
  ];
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (error: unknown) => { console.error(error); process.exitCode = 1; });
}
