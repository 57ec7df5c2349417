/**
 * Document formats: N seeded random clean documents of each format (TD3 passports, TD1 ID
 * cards with the MRZ on the back, TD2 cards; cards with codes I, ID, A, C; US California
 * licences, labels above or beside their values, the printed front against the back's AAMVA
 * barcode; PNG and JPEG alternately for the MRZ formats) through the whole document_report
 * (format-documents.ts). Per format and over all formats, as rates: the MRZ read exactly
 * (licences: no MRZ), every document field exact (type, issuing country, number, names, dates,
 * nationality, sex), and the report as expected (a clean document that is not `clear` is a
 * false reject; a licence's printed fields must all have been compared). Our own generators'
 * renders, not real captures.
 *
 * Documents are independent: they are split across `BENCH_FORMAT_JOBS` child processes
 * (default: the machine's cores), each taking the formats in turn so a stopped run has
 * measured each format as far. Run alone: `node -r ./bin/register.js bench/reports/formats.ts`
 * (BENCH_FORMAT_DOCUMENTS=N per format, default 100; BENCH_FORMATS=TD1,US runs only those;
 * BENCH_FORMAT_FIRST, the first document index, default 1000: the misread fixes were made on
 * indexes 0-99, so the default measures documents they were not made on; each outcome is
 * logged to stderr as it finishes).
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { FORMATS, outcomeSchema, type Format, type Outcome } from './format-documents';

interface BenchRow { name: string; value: number; unit: string; note?: string }
interface Task { format: Format; index: number }

/** The lower end of the 95% Wilson interval of `k` successes in `n` (what `k/n` says about the rate at best). */
export function wilsonLower(k: number, n: number): number {
  if (n === 0) return 0;
  const z = 1.96, p = k / n, z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

/** The tasks of `jobs` children: the documents in turn (index by index, every format), dealt round. */
export function splitTasks(formats: readonly Format[], first: number, count: number, jobs: number): Task[][] {
  const all = Array.from({ length: count }, (_, i) => formats.map((format) => ({ format, index: first + i }))).flat();
  const out = Array.from({ length: Math.max(1, Math.min(jobs, all.length)) }, (): Task[] => []);
  all.forEach((task, t) => out[t % out.length]?.push(task));
  return out;
}

/** Runs one child over its tasks; `seen` is called with each outcome as it arrives. */
function runChild(tasks: Task[], seen: (o: Outcome) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'format-documents.ts'), [], {
      execArgv: process.execArgv, env: { ...process.env, FORMAT_TASKS: JSON.stringify(tasks) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let received = 0;
    child.on('message', (message) => { received++; seen(outcomeSchema.parse(message)); });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 && received === tasks.length
      ? resolve()
      : reject(new Error(`format bench child stopped (code ${code}, signal ${signal}) after ${received} of ${tasks.length} documents`))));
  });
}

const rate = (k: number, n: number) => ({ value: n ? k / n : 0, unit: 'ratio', note: `${k}/${n}, 95% lower bound ${(wilsonLower(k, n) * 100).toFixed(1)}%` });

/** The rows of a set of outcomes (`name`: a format, or all of them). */
function rows(name: string, outcomes: Outcome[]): BenchRow[] {
  const n = outcomes.length, mrzFormats = outcomes.filter((o) => o.format !== 'US');
  const misses = outcomes.filter((o) => !o.expected || o.wrong.length).map((o) => `seed ${o.seed}: ${o.wrong.length ? `wrong ${o.wrong.join(' ')} ` : ''}${o.why}`);
  const missed = misses.length ? `; ${misses.slice(0, 5).join('; ')}${misses.length > 5 ? `; ${misses.length - 5} more` : ''}` : '';
  const count = (f: (o: Outcome) => boolean, of = outcomes) => of.filter(f).length;
  const expected = rate(count((o) => o.expected), n);
  return [
    ...(mrzFormats.length ? [{ name: `${name}: MRZ read exactly`, ...rate(count((o) => o.mrz, mrzFormats), mrzFormats.length) }] : []),
    { name: `${name}: document fields exact`, ...rate(count((o) => o.wrong.length === 0), n) },
    { name: `${name}: report as expected (no false reject)`, ...expected, note: `${expected.note}${missed}` },
    { name: `${name}: generate + check, per document`, value: Math.round(outcomes.reduce((s, o) => s + o.ms, 0) / Math.max(1, n)), unit: 'ms' },
  ];
}

export async function run(
  count = Number(process.env.BENCH_FORMAT_DOCUMENTS ?? 100), first = Number(process.env.BENCH_FORMAT_FIRST ?? 1000),
  jobs = Number(process.env.BENCH_FORMAT_JOBS ?? availableParallelism()),
): Promise<BenchRow[]> {
  const only = process.env.BENCH_FORMATS?.split(',');
  const formats = FORMATS.filter((f) => !only || only.includes(f));
  const outcomes: Outcome[] = [];
  const start = performance.now();
  const seen = (o: Outcome) => {
    outcomes.push(o);
    const mine = outcomes.filter((x) => x.format === o.format);
    process.stderr.write(`${o.format} ${mine.length}/${count} seed ${o.seed} (${o.ms} ms): mrz ${mine.filter((x) => x.mrz).length} fields ${mine.filter((x) => !x.wrong.length).length}`
      + ` expected ${mine.filter((x) => x.expected).length}${o.wrong.length ? ` wrong ${o.wrong.join(' ')}` : ''} ${o.why}\n`);
  };
  await Promise.all(splitTasks(formats, first, count, jobs).map((tasks) => runChild(tasks, seen)));
  const seconds = Math.round((performance.now() - start) / 1000);
  return [
    ...formats.flatMap((format) => rows(format, outcomes.filter((o) => o.format === format).sort((a, b) => a.index - b.index))),
    ...rows(`all ${formats.length} formats`, outcomes),
    { name: 'wall time', value: seconds, unit: 's', note: `${outcomes.length} documents, indexes ${first}-${first + count - 1}, ${jobs} processes` },
  ];
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (error: unknown) => { console.error(error); process.exitCode = 1; });
}
