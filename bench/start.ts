/**
 * Start time of the normal `npm start` against the code before parity mode: `npm run bench:start`.
 * Issue 9: parity mode must not make `npm start` slower; its printed start time (`started in
 * 6.0 s`) stays within 10 % of what it was before parity mode existed. The baseline is the last
 * commit before `local/parity` (the parent of the first commit touching it; BENCH_START_BASE
 * overrides), checked out in a temporary `git worktree` with this tree's node_modules and removed
 * at the end. Both trees start BENCH_START_ROUNDS times (default 8, after BENCH_START_WARMUP
 * unmeasured starts each, default 1), alternating which goes first, so that the load of a shared
 * machine weighs on both alike (bench/start-run.ts: fresh data folder, free loopback ports).
 * Prints per tree the median and spread of the printed time, of the wall time from spawn (module
 * loading included) and of the CPU time of the CLI and DynamoDB Local, and the ratios; exits 1 if
 * the current median printed time is over BENCH_START_LIMIT (default 1.10) × the baseline's.
 * If the baseline cannot start, it says why and compares with the figure recorded in
 * bench/start-baseline.json (BENCH_START_RECORD=1 rewrites that file from this run).
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { checkout, commitBefore, describeCommit, killRunning, measureStart, type StartTime } from './start-run';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_START_ROUNDS ?? 8);
const WARMUP = Number(process.env.BENCH_START_WARMUP ?? 1);
const LIMIT = Number(process.env.BENCH_START_LIMIT ?? 1.1);
const RECORDED = path.join(__dirname, 'start-baseline.json');

const Recorded = z.object({ commit: z.string(), measured: z.string(), rounds: z.number().int(), load: z.string(), printed_s: z.number(), wall_s: z.number(), cpu_s: z.number() });
type Recorded = z.infer<typeof Recorded>;
type Metric = 'printed' | 'wall' | 'cpu';
const METRICS: Metric[] = ['printed', 'wall', 'cpu'];

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const values = (runs: StartTime[], k: Metric) => runs.map((r) => (k === 'printed' ? r.printed ?? r.wall : r[k]));
const spread = (xs: number[]) => `median ${median(xs).toFixed(2)} s (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n ${xs.length})`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const row = (r: StartTime) => `${(r.printed ?? NaN).toFixed(1).padStart(6)} ${r.wall.toFixed(1).padStart(6)} ${r.cpu.toFixed(1).padStart(6)}`;

const MAX_FAILURES = Number(process.env.BENCH_START_MAX_FAILURES ?? 4);
const failures: string[] = [];
/** One start of `tree`; a start that fails (on a loaded machine DynamoDB Local may not answer in time) is logged and retried, up to MAX_FAILURES in all. */
async function startOnce(tree: string): Promise<StartTime> {
  for (;;) {
    try {
      return await measureStart(tree);
    } catch (e) {
      failures.push(`${tree === ROOT ? 'current' : 'old'}: ${(e as Error).message.split('\n').slice(0, 2).join(' ')}`);
      console.log(`        a start failed (${failures.length} of at most ${MAX_FAILURES}), retried: ${failures.at(-1)}`);
      if (failures.length >= MAX_FAILURES) throw e;
    }
  }
}

async function main(): Promise<number> {
  const base = process.env.BENCH_START_BASE ?? commitBefore(ROOT, 'local/parity');
  console.log(`npm start, current tree vs ${describeCommit(ROOT, base)}; ${ROUNDS} rounds, ${cpus().length} CPUs, load ${load()}`);
  const old = checkout(ROOT, base);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { killRunning(); old.remove(); process.exit(130); });
  const current: StartTime[] = [], before: StartTime[] = [];
  let unusable: string | undefined;
  try {
    for (let i = 0; i < WARMUP && !unusable; i++) {
      await startOnce(ROOT);
      await startOnce(old.dir).catch((e: unknown) => { unusable = (e as Error).message; });
    }
  } catch (e) {
    old.remove();
    throw e;
  }
  if (unusable) {
    old.remove();
    console.log(`the baseline cannot run here: ${unusable}`);
    return againstRecorded(current);
  }
  try {
    console.log('round   old: printed  wall   cpu (s) | current: printed  wall   cpu (s) | load');
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which tree starts first, so that neither always follows the other's stop.
      const [a, b] = i % 2 ? [ROOT, old.dir] : [old.dir, ROOT];
      const ra = await startOnce(a), rb = await startOnce(b);
      const [o, c] = a === ROOT ? [rb, ra] : [ra, rb];
      before.push(o); current.push(c);
      console.log(`${String(i + 1).padStart(5)}   ${row(o)}      |          ${row(c)}      | ${load()}`);
    }
  } finally {
    old.remove();
  }
  const pairwise = median(current.map((c, i) => values([c], 'printed')[0]! / values([before[i]!], 'printed')[0]!));
  console.log(`median of the rounds' own ratios (current / old printed time, same round): ${pairwise.toFixed(3)}`);
  if (failures.length) console.log(`${failures.length} failed start(s), retried: not in the figures`);
  for (const k of METRICS) console.log(`${k.padEnd(8)} old ${spread(values(before, k))}; current ${spread(values(current, k))}; ratio ${(median(values(current, k)) / median(values(before, k))).toFixed(3)}`);
  if (process.env.BENCH_START_RECORD === '1') {
    const rec: Recorded = { commit: base, measured: new Date().toISOString(), rounds: ROUNDS, load: load(), printed_s: +median(values(before, 'printed')).toFixed(2), wall_s: +median(values(before, 'wall')).toFixed(2), cpu_s: +median(values(before, 'cpu')).toFixed(2) };
    writeFileSync(RECORDED, `${JSON.stringify(rec, null, 2)}\n`);
  }
  return verdict(median(values(current, 'printed')), median(values(before, 'printed')), 'the baseline measured alongside');
}

async function againstRecorded(current: StartTime[]): Promise<number> {
  const rec = Recorded.parse(JSON.parse(readFileSync(RECORDED, 'utf8')));
  for (let i = 0; i < ROUNDS; i++) current.push(await startOnce(ROOT));
  for (const k of METRICS) console.log(`${k.padEnd(8)} current ${spread(values(current, k))}; recorded ${rec[`${k}_s`].toFixed(2)} s`);
  return verdict(median(values(current, 'printed')), rec.printed_s, `the figure recorded on ${rec.measured} (load ${rec.load}) for ${rec.commit.slice(0, 7)}`);
}

function verdict(current: number, old: number, against: string): number {
  const ratio = current / old;
  const ok = ratio <= LIMIT;
  console.log(`printed start time: current ${current.toFixed(2)} s, ${against} ${old.toFixed(2)} s, ratio ${ratio.toFixed(3)} (limit ${LIMIT}): ${ok ? 'ok' : 'TOO SLOW'}`);
  return ok ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => { console.error(e); process.exitCode = 2; });
