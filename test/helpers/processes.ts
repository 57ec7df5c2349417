/** The processes of this machine, as tests look at them (Linux /proc). */
import { readdirSync, readFileSync } from 'node:fs';

/** A process one of whose arguments is exactly `arg` (say DynamoDB Local's `-dbPath` folder): its pid and command line. */
export function processNaming(arg: string): { pid: number; args: string[] } | undefined {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let args: string[];
    try { args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (args.includes(arg)) return { pid: Number(pid), args };
  }
  return undefined;
}

/** The command line of a process one of whose arguments is exactly `arg`. */
export const commandLineNaming = (arg: string): string[] | undefined => processNaming(arg)?.args;
