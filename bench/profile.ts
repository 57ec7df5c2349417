/**
 * CPU profiles of the benchmark's process (the whole local stack but DynamoDB Local) while it is
 * measured, with BENCH_PROFILE=<folder>: `<folder>/<name>.cpuprofile` (open it in Chrome DevTools
 * or VS Code) and the functions with the most self time printed. The V8 profiler samples wall
 * time on the main thread: on a busy machine a system call the process was descheduled in (a
 * socket write, a file write) looks dearer than its CPU; compare shares, not milliseconds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

/** Self time per function (`name file:line`), largest first, without idle and GC-less program ticks. */
export function topSelfTime(p: Profile, n = 15): Array<{ fn: string; ms: number; share: number }> {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    const us = p.timeDeltas[i] ?? 0;
    if (!f || f.functionName === '(idle)' || f.functionName === '(program)') return;
    total += us;
    const file = f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([fn, us]) => ({ fn, ms: us / 1000, share: total ? us / total : 0 }));
}

/** Starts profiling when `dir` is set; the returned function stops, writes `<dir>/<name>.cpuprofile` and prints the top of it. */
export async function profileWhile(dir: string | undefined, name: string): Promise<() => Promise<void>> {
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`\n${name}: ${file}; most self time (share of non-idle samples):`);
    for (const t of topSelfTime(profile as unknown as Profile)) console.log(`  ${(100 * t.share).toFixed(1).padStart(5)}%  ${t.fn}`);
  };
}
