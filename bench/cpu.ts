/**
 * CPU time of the benchmark's own process and of its Java child process (DynamoDB Local's JVM;
 * not esbuild's service, which bin/register.js starts), read from /proc (Linux; elsewhere the
 * children read 0): a figure that does not depend on how busy the machine is, unlike req/s and
 * latencies. The Node figure includes autocannon's own
 * work, which runs in the same process. `childrenJit` is the part of the children's CPU spent by
 * the JVM's JIT compiler threads (`C1/C2 CompilerThread`): DynamoDB Local's JVM keeps compiling
 * its hot paths for minutes after a start, a cost that fades, unlike the rest (request threads,
 * its SQLite thread, GC).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface Cpu { node: number; children: number; childrenJit: number }

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Name and utime + stime (ms) of a /proc stat file; undefined if unreadable. */
function statOf(file: string): { name: string; ms: number } | undefined {
  try {
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** CPU ms of a JIT compiler's threads of process `pid` (live threads only). */
function jitMs(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce((s, t) => {
      const st = statOf(`/proc/${pid}/task/${t}/stat`);
      return st && /CompilerThre/.test(st.name) ? s + st.ms : s;
    }, 0);
  } catch {
    return 0;
  }
}

/** Child processes running Java (DynamoDB Local). */
function javaPids(): number[] {
  try {
    return readdirSync(`/proc/${process.pid}/task`).flatMap((t) => readFileSync(`/proc/${process.pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number))
      .filter((pid) => statOf(`/proc/${pid}/stat`)?.name === 'java');
  } catch {
    return [];
  }
}

/** CPU ms used so far by this process and by its live Java children. */
export function cpuNow(): Cpu {
  const u = process.cpuUsage();
  const pids = javaPids();
  return {
    node: (u.user + u.system) / 1000,
    children: pids.reduce((s, pid) => s + (statOf(`/proc/${pid}/stat`)?.ms ?? 0), 0),
    childrenJit: pids.reduce((s, pid) => s + jitMs(pid), 0),
  };
}

export const cpuSince = (before: Cpu): Cpu => {
  const now = cpuNow();
  // A JIT thread that exits takes its CPU out of the per-thread sum: never below 0.
  return { node: now.node - before.node, children: now.children - before.children, childrenJit: Math.max(0, now.childrenJit - before.childrenJit) };
};
