/** The processes of this machine, as tests look at them (Linux /proc). */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

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

/** Inodes of the sockets this process holds open (its file descriptors). */
function ownSockets(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try { target = readlinkSync(`/proc/self/fd/${fd}`); } catch { continue; }
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m?.[1]) inodes.add(m[1]);
  }
  return inodes;
}

/** The established TCP connections this process holds to `port` on this machine (/proc/net/tcp, tcp6): their socket inodes. */
export function connectionsTo(port: number): Set<string> {
  const own = ownSockets();
  const found = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let rows: string[];
    try { rows = readFileSync(table, 'utf8').trim().split('\n').slice(1); } catch { continue; }
    for (const row of rows) {
      // sl local_address rem_address st ... inode (hex ports; state 01 = ESTABLISHED)
      const cols = row.trim().split(/\s+/);
      const remotePort = parseInt(cols[2]?.split(':')[1] ?? '', 16);
      const inode = cols[9] ?? '';
      if (remotePort === port && cols[3] === '01' && own.has(inode)) found.add(inode);
    }
  }
  return found;
}
