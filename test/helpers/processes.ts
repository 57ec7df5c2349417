/** The processes of this machine, as tests look at them (Linux /proc). */
import { readdirSync, readFileSync } from 'node:fs';

/** The command line of a process one of whose arguments is exactly `arg` (say DynamoDB Local's `-dbPath` folder). */
export function commandLineNaming(arg: string): string[] | undefined {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let args: string[];
    try { args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (args.includes(arg)) return args;
  }
  return undefined;
}
