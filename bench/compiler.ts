/**
 * npm run bench:compiler — validate + compile time of generated workflows of 10 to 5,000 tasks
 * (median of repeated runs), per task, and the growth against n·log n.
 */
import { compile, LOCAL_CONTEXT } from '../compiler';
import { workflowOfSize } from '../test/helpers/generate';

const SIZES = [10, 100, 1000, 5000];
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

function measure(n: number): { tasks: number; ms: number; states: number } {
  const definition = workflowOfSize(n);
  const runs = n >= 5000 ? 7 : n >= 1000 ? 15 : 50;
  const times: number[] = [];
  let states = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    const result = compile(definition, LOCAL_CONTEXT);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!result.ok) throw new Error(`generated workflow of ${n} is invalid: ${result.problems[0]?.message}`);
    states = Object.keys(result.asl.States).length;
    if (i >= 2) times.push(ms); // the first two runs warm the JIT
  }
  return { tasks: definition.tasks.length, ms: median(times), states };
}

const rows = SIZES.map(measure);
const base = rows[0]!;
console.log('validate + compile (median)');
console.log('tasks  states      ms   µs/task   growth vs n  growth vs n·log n');
for (const r of rows) {
  const n = r.tasks / base.tasks;
  const nlogn = (r.tasks * Math.log2(r.tasks)) / (base.tasks * Math.log2(base.tasks));
  const growth = r.ms / base.ms;
  console.log(`${String(r.tasks).padStart(5)} ${String(r.states).padStart(7)} ${r.ms.toFixed(2).padStart(7)} ${((r.ms * 1000) / r.tasks).toFixed(1).padStart(9)} ${(growth / n).toFixed(2).padStart(12)} ${(growth / nlogn).toFixed(2).padStart(18)}`);
}
const thousand = rows.find((r) => r.tasks >= 1000 && r.tasks < 2000);
if (thousand) console.log(`\n1,000 tasks: ${thousand.ms.toFixed(1)} ms (target < 100 ms): ${thousand.ms < 100 ? 'met' : 'NOT met'}`);
