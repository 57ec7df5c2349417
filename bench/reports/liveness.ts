/**
 * Liveness and anti-spoofing of facial_similarity_report on the seeded corpus
 * (lambdas/reports/fixtures/faces): per attack kind, the share that ends `consider` and the share
 * whose `visual_authenticity` names why (screen, print, Motion from one still); per genuine kind
 * (selfie, Motion, face video), the share that stays `clear`. All kinds run in one go by default.
 * These rates measure our detectors against our own generators, not against real attacks.
 * Run alone: `node -r ./bin/register.js bench/reports/liveness.ts` (BENCH_LIVENESS per attack kind, default 50;
 * BENCH_LIVENESS_GENUINE per genuine kind, default the same; BENCH_LIVENESS_KINDS, comma-separated, default all;
 * BENCH_LIVENESS_SEED, the first seed, default 1001: the presentation cues' thresholds were chosen on seeds 1-30,
 * so the bench measures them on captures they were not tuned on).
 */
import { CASE_KINDS, type CaseKind } from '../../lambdas/reports/fixtures/faces/corpus';
import { livenessRates, type KindRate } from '../../lambdas/reports/fixtures/faces/liveness-rates';

interface BenchRow { name: string; value: number; unit: string; note?: string }

const range = (values: number[]): string => (values.length ? `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}` : 'none');

function rows(r: KindRate, ms: number): BenchRow[] {
  const reals = r.outcomes.flatMap((o) => (o.scores.real === undefined ? [] : [o.scores.real]));
  const lives = r.outcomes.flatMap((o) => (o.scores.live === undefined ? [] : [o.scores.live]));
  const tally = new Map<string, number>();
  for (const o of r.outcomes) for (const reason of o.reasons) tally.set(reason, (tally.get(reason) ?? 0) + 1);
  const reasons = [...tally].map(([reason, n]) => `${reason} ${n}`).join(', ') || 'none';
  const faceless = r.outcomes.filter((o) => o.why.includes('image_integrity.face_detected')).length;
  const identities = ['astronaut', 'camera'].map((id) => {
    const mine = r.outcomes.filter((o) => o.id.endsWith(`-${id}`));
    return `${id} ${mine.filter((o) => (r.attack ? o.result === 'consider' : o.result === 'clear')).length}/${mine.length}`;
  }).join(', ');
  const scores = `real ${range(reals)}, live ${range(lives)}`;
  return r.attack
    ? [
      { name: `${r.kind}: attacks ending consider`, value: r.consider / r.total, unit: 'ratio', note: `${r.consider}/${r.total}; ${identities}` },
      { name: `${r.kind}: caught by visual_authenticity`, value: r.byAuthenticity / r.total, unit: 'ratio', note: `${r.byAuthenticity}/${r.total}; reasons: ${reasons}; no face found: ${faceless}; ${scores}` },
      { name: `${r.kind}: generate + check, per capture`, value: Math.round(ms / r.total), unit: 'ms' },
    ]
    : [
      { name: `${r.kind}: genuine staying clear`, value: (r.total - r.consider) / r.total, unit: 'ratio', note: `${r.total - r.consider}/${r.total}; ${identities}; consider reasons: ${reasons}; ${scores}` },
      { name: `${r.kind}: generate + check, per capture`, value: Math.round(ms / r.total), unit: 'ms' },
    ];
}

export async function run(
  attacks = Number(process.env.BENCH_LIVENESS ?? 50), genuine = Number(process.env.BENCH_LIVENESS_GENUINE ?? attacks),
  firstSeed = Number(process.env.BENCH_LIVENESS_SEED ?? 1001),
): Promise<BenchRow[]> {
  const kinds = (process.env.BENCH_LIVENESS_KINDS?.split(',') ?? Object.keys(CASE_KINDS)) as CaseKind[];
  const out: BenchRow[] = [];
  for (const kind of kinds) {
    const start = performance.now();
    const [rate] = await livenessRates(CASE_KINDS[kind].attack ? attacks : genuine, [kind], firstSeed, undefined,
      (o) => process.stderr.write(`    ${o.id}: ${o.result}${o.why.length ? ` (${o.why.join(', ')}; ${o.reasons.join(', ') || 'no reasons'})` : ''}\n`));
    const done = rows(rate as KindRate, performance.now() - start);
    // Each kind takes minutes: say so as it finishes, not only in the final table.
    for (const r of done) process.stderr.write(`  ${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}\n`);
    out.push(...done);
  }
  return out;
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (error: unknown) => { console.error(error); process.exitCode = 1; });
}
