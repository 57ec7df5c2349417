/**
 * CPU time of the benchmark's own process and of its child processes (DynamoDB Local's JVM),
 * read from /proc (Linux; elsewhere the children read 0): a figure that does not depend on how
 * busy the machine is, unlike req/s and latencies. The Node figure includes autocannon's own
 * work, which runs in the same process.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface Cpu { node: number; children: number }

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of process `pid`, in ms; 0 if unreadable. */
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function childPids(): number[] {
  try {
    return readdirSync(`/proc/${process.pid}/task`).flatMap((t) => readFileSync(`/proc/${process.pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** CPU ms used so far by this process and by its live children. */
export function cpuNow(): Cpu {
  const u = process.cpuUsage();
  return { node: (u.user + u.system) / 1000, children: childPids().reduce((s, pid) => s + procCpuMs(pid), 0) };
}

export const cpuSince = (before: Cpu): Cpu => {
  const now = cpuNow();
  return { node: now.node - before.node, children: now.children - before.children };
};
