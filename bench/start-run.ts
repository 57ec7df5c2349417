/**
 * One measured `studio start` for `npm run bench:start` (bench/start.ts): `node bin/studio.js
 * start` of a source tree in its own process group, on a fresh data folder and free loopback
 * ports (PORT=0, HOST=127.0.0.1; the stack's own services take free ports), until it prints
 * that it is running; then SIGTERM, and SIGKILL of its group if it has not stopped in time.
 * Also the checkout of an older commit in a temporary `git worktree` sharing this tree's
 * node_modules.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface StartTime {
  /** The start time the CLI printed (`started in 6.0 s`), in s; undefined if it printed none. */
  printed?: number;
  /** From spawn to the `is running` line, module loading included, in s. */
  wall: number;
  /** CPU time (user + system) of the CLI and its child processes (DynamoDB Local) at that moment, in s. */
  cpu: number;
}

const READY = /is running on \S+(?: \(started in ([0-9.]+) s)?/;
const STOP_MS = 60_000;
const TICK_S = 0.01; // USER_HZ is 100 on Linux

/** utime + stime of `pid` and of all its descendants, in s (0 off Linux). */
function treeCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = (Number(fields[11]) + Number(fields[12])) * TICK_S;
    const children = readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    return own + children.reduce((s, c) => s + treeCpu(c), 0);
  } catch {
    return 0;
  }
}

const killGroup = (pid: number, signal: NodeJS.Signals) => { try { process.kill(-pid, signal); } catch { /* already gone */ } };
const running = new Set<number>();
/** Kills the process group of every start still running (the bench interrupted). */
export const killRunning = () => { for (const pid of running) killGroup(pid, 'SIGKILL'); };

/** Starts the CLI of `tree` once and returns how long it took to be ready. */
export async function measureStart(tree: string, timeoutMs = 180_000): Promise<StartTime> {
  const data = mkdtempSync(path.join(tmpdir(), 'bench-start-'));
  const began = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(tree, 'bin', 'studio.js'), 'start'], {
    cwd: tree, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STUDIO_DATA: data, STUDIO_API_TOKEN: 'api_sandbox.bench-start-0123456789abcdef', STUDIO_MODE: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'must-not-be-used' },
  });
  const pid = child.pid!;
  running.add(pid);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  try {
    return await new Promise<StartTime>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${tree}: not running after ${timeoutMs} ms:\n${out.slice(-2000)}`)), timeoutMs);
      child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = READY.exec(out);
        if (!m) return;
        const wall = Number(process.hrtime.bigint() - began) / 1e9;
        clearTimeout(timer);
        resolve({ wall, cpu: treeCpu(pid), ...(m[1] ? { printed: Number(m[1]) } : {}) });
      });
      void exited.then((code) => { clearTimeout(timer); reject(new Error(`${tree}: studio start exited (${code}) before it was ready:\n${out.slice(-2000)}`)); });
    });
  } finally {
    killGroupAfter(pid, exited);
    await exited;
    killGroup(pid, 'SIGKILL'); // anything of its group left behind
    running.delete(pid);
    rmSync(data, { recursive: true, force: true });
  }
}

function killGroupAfter(pid: number, exited: Promise<unknown>): void {
  killGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_MS);
  void exited.then(() => clearTimeout(timer));
}

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The last commit before `firstPath` existed: the parent of the first commit that touched it. */
export function commitBefore(root: string, firstPath: string): string {
  const first = git(root, ['log', '--reverse', '--format=%H', '--', firstPath]).split('\n')[0];
  if (!first) throw new Error(`no commit touches ${firstPath}`);
  return git(root, ['rev-parse', `${first}~1`]);
}

export const describeCommit = (root: string, rev: string) => git(root, ['log', '-1', '--format=%h %cs %s', rev]);

/** A detached checkout of `rev` in a temporary folder, using `root`'s node_modules; `remove` deletes it. */
export function checkout(root: string, rev: string): { dir: string; remove: () => void } {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'bench-start-tree-')), 'tree');
  git(root, ['worktree', 'add', '--detach', dir, rev]);
  symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(dir, 'node_modules'));
  let removed = false;
  return {
    dir,
    remove: () => {
      if (removed) return;
      removed = true;
      unlinkSync(path.join(dir, 'node_modules')); // the link only, before anything deletes the folder
      try { git(root, ['worktree', 'remove', '--force', dir]); } catch { rmSync(dir, { recursive: true, force: true }); git(root, ['worktree', 'prune']); }
      rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
}
