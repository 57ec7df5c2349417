/**
 * Changed printed numbers: the documents of the formats bench (format-documents.ts, same seeds)
 * with one character of the printed document number changed to one outside the misreads the
 * number check forgives (printed-values `readsAs`, either way), the MRZ or barcode left as it
 * was, through the whole document_report. Per format, the rate at which
 * `data_consistency.document_numbers` is `consider`: what forgiving OCR misreads (at any
 * confidence, through the measured confusions) costs in detection. Our own generators' renders
 * of a crude forgery (one character, same font), not real captures.
 *
 * Run alone: `node -r ./bin/register.js bench/reports/changed-numbers.ts` (BENCH_CHANGED_DOCUMENTS=N
 * per format, default 25; BENCH_CHANGED_FIRST, the first document index, default 1000; each
 * outcome logged to stderr).
 */
import {
  DOCUMENT_KINDS, FIXTURE_TODAY, MRZ_FORMAT, randomLicence, randomSpec, renderDocument, seeded, usLicenceImages,
} from '../../lambdas/reports/fixtures/documents';
import { checkDocument, closeOcr } from '../../lambdas/reports/document_report';
import { readsAs } from '../../lambdas/reports/document_report/printed-values';
import type { BreakdownArea, Media } from '../../lambdas/reports/types';
import { FORMATS, seedOf, type Format } from './format-documents';
import { wilsonLower } from './formats';

interface BenchRow { name: string; value: number; unit: string; note?: string }
interface Changed { seed: number; number: string; printed: string; flagged: boolean; read: string }

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `value` with one character (position and replacement from `rnd`) changed so that neither reads as the other. */
export function changeNumber(value: string, rnd: () => number): string {
  const at = Math.floor(rnd() * value.length);
  const start = Math.floor(rnd() * ALPHABET.length);
  for (let k = 0; k < ALPHABET.length; k++) {
    const printed = value.slice(0, at) + ALPHABET[(start + k) % ALPHABET.length] + value.slice(at + 1);
    if (!readsAs(value, printed) && !readsAs(printed, value)) return printed;
  }
  throw new Error(`no character outside the misreads of ${value[at]}`);
}

/** The images of document `index` of `format` with its printed number changed. */
async function changedDocument(format: Format, index: number): Promise<{ number: string; printed: string; images: Media[] }> {
  const seed = seedOf(format, index), rnd = seeded(seed + 1_000_000);   // a stream of its own, not the document's
  const kind = DOCUMENT_KINDS.find((k) => MRZ_FORMAT[k] === format);
  if (kind) {
    const spec = randomSpec(seed, FIXTURE_TODAY, kind), printed = changeNumber(spec.documentNumber, rnd);
    return { number: spec.documentNumber, printed, images: await renderDocument({ ...spec, printed: { documentNumber: printed } }, index % 2 ? 'jpeg' : 'png') };
  }
  const { licence, labels } = randomLicence(seed, FIXTURE_TODAY), printed = changeNumber(licence.number, rnd);
  return { number: licence.number, printed, images: await usLicenceImages(licence, { number: printed }, labels) };
}

async function checkChanged(format: Format, index: number): Promise<Changed> {
  const { number, printed, images } = await changedDocument(format, index);
  const report = await checkDocument({ images, now: FIXTURE_TODAY });
  const result = (report.breakdown.data_consistency as BreakdownArea | undefined)?.breakdown?.document_numbers?.result;
  return { seed: seedOf(format, index), number, printed, flagged: result === 'consider', read: result ?? 'not compared' };
}

export async function run(
  count = Number(process.env.BENCH_CHANGED_DOCUMENTS ?? 25), first = Number(process.env.BENCH_CHANGED_FIRST ?? 1000),
): Promise<BenchRow[]> {
  const all: Changed[] = [], rows: BenchRow[] = [];
  for (const format of FORMATS) {
    const mine: Changed[] = [];
    for (let index = first; index < first + count; index++) {
      const c = await checkChanged(format, index);
      mine.push(c);
      process.stderr.write(`${format} seed ${c.seed}: ${c.number} printed ${c.printed}: ${c.read}\n`);
    }
    all.push(...mine);
    rows.push(row(`${format}: changed printed number flagged`, mine));
  }
  await closeOcr();
  return [...rows, row(`all ${FORMATS.length} formats: changed printed number flagged`, all)];
}

function row(name: string, changed: Changed[]): BenchRow {
  const k = changed.filter((c) => c.flagged).length, n = changed.length;
  const missed = changed.filter((c) => !c.flagged).map((c) => `seed ${c.seed}: ${c.number} printed ${c.printed} ${c.read}`);
  return { name, value: n ? k / n : 0, unit: 'ratio', note: `${k}/${n}, 95% lower bound ${(wilsonLower(k, n) * 100).toFixed(1)}%${missed.length ? `; ${missed.join('; ')}` : ''}` };
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (error: unknown) => { console.error(error); process.exitCode = 1; });
}
