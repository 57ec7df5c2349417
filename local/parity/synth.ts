/**
 * `cdk synth` for parity mode, cached by a hash of everything that shapes the cloud assembly
 * (the CDK app, the handlers and what they bundle, the lock file, the architecture), so that a
 * second start, or a second CI job with the same sources, reads the cached `cdk.out`.
 * The synth runs offline (`npm_config_offline`): the reports bundle installs from the npm cache
 * that `npm ci` filled; nothing downloads at run time.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** What the assembly is built from (folders walked, files read), relative to the root. The lock
 *  file stands for package.json (whose scripts do not shape the assembly). */
export const SOURCES = ['lambdas', 'lib', 'bin', 'compiler', 'schema', 'web', 'fixtures/workflows', 'package-lock.json', 'cdk.json', 'tsconfig.json'];
/** Deployed as code by the parity synth (live), so that parity runs a workflow the stack itself
 *  publishes (lib/workflows-as-code.ts) besides those the API activates. */
export const PARITY_WORKFLOWS = ['fixtures/workflows/parity-approve.workflow.json'];
const SKIP = new Set(['node_modules', 'dist', 'cdk.out', '.studio']);
/** The account and region of the parity stack (the simulated AWS account). */
export const PARITY_ACCOUNT = '123456789012';
export const PARITY_REGION = 'us-east-1';

export type Architecture = 'arm64' | 'x86_64';
export const hostArchitecture = (): Architecture => (process.arch === 'arm64' ? 'arm64' : 'x86_64');

/** Hex SHA-256 over the sorted source files (path and bytes) and the synth settings: the
 *  architecture, account, region and the workflows deployed as code (their list and files). */
export function sourceHash(root = ROOT, architecture: Architecture = hostArchitecture(), workflows: readonly string[] = PARITY_WORKFLOWS): string {
  const h = createHash('sha256');
  h.update(`architecture=${architecture};account=${PARITY_ACCOUNT};region=${PARITY_REGION};workflows=${workflows.join(',')}\n`);
  const visit = (rel: string) => {
    const full = path.join(root, rel);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) if (!SKIP.has(name)) visit(path.join(rel, name));
      return;
    }
    h.update(`${rel}\0`);
    h.update(readFileSync(full));
    h.update('\0');
  };
  for (const s of [...SOURCES, ...workflows]) visit(s);
  return h.digest('hex').slice(0, 20);
}

export interface SynthOptions {
  root?: string;
  /** Where assemblies are cached (default `<root>/.studio/parity`, STUDIO_PARITY_CACHE overrides). */
  cacheDir?: string;
  architecture?: Architecture;
  /** Workflow files deployed as code (default PARITY_WORKFLOWS). */
  workflows?: readonly string[];
  log?: (line: string) => void;
}
export interface Assembly { dir: string; hash: string; cached: boolean }

/** The cloud assembly of the current sources: from the cache, else synthesized into it.
 *  STUDIO_PARITY_ASSEMBLY names an assembly to run as is (one synthesized elsewhere, e.g. by CI). */
export async function synthesize(o: SynthOptions = {}): Promise<Assembly> {
  const given = process.env.STUDIO_PARITY_ASSEMBLY;
  if (given) return { dir: path.resolve(given), hash: 'given', cached: true };
  const root = o.root ?? ROOT;
  const architecture = o.architecture ?? hostArchitecture();
  const cacheDir = o.cacheDir ?? process.env.STUDIO_PARITY_CACHE ?? path.join(root, '.studio', 'parity');
  const workflows = o.workflows ?? PARITY_WORKFLOWS;
  const hash = sourceHash(root, architecture, workflows);
  const dir = path.join(cacheDir, `cdk.out-${hash}`);
  if (existsSync(path.join(dir, 'manifest.json'))) return { dir, hash, cached: true };
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  o.log?.(`parity: cdk synth (${architecture}) into ${path.relative(root, dir)}; this takes a few minutes once per source change`);
  const cdk = path.join(root, 'node_modules', 'aws-cdk', 'bin', 'cdk');
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [cdk, 'synth', '--quiet', '-o', partial, '-c', `architecture=${architecture}`, '-c', `workflows=${workflows.join(',')}`], {
      cwd: root, maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, CDK_DEFAULT_ACCOUNT: PARITY_ACCOUNT, CDK_DEFAULT_REGION: PARITY_REGION, npm_config_offline: 'true', CDK_DISABLE_VERSION_CHECK: 'true' },
    }, (err, _stdout, stderr) => (err ? reject(new Error(`cdk synth failed: ${stderr.trim().split('\n').slice(-20).join('\n')}`)) : resolve()));
  }).catch((e: unknown) => { rmSync(partial, { recursive: true, force: true }); throw e; });
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  pruneCache(cacheDir, dir);
  return { dir, hash, cached: false };
}

/** Assemblies are a few hundred MB each: keep the one just made and the previous one. */
function pruneCache(cacheDir: string, keep: string): void {
  const old = readdirSync(cacheDir).filter((n) => /^cdk\.out-[0-9a-f]+$/.test(n)).map((n) => path.join(cacheDir, n)).filter((d) => d !== keep)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const d of old.slice(1)) rmSync(d, { recursive: true, force: true });
}

/** `npm run synth:parity` (and before `npm run test:parity`): fills the cache, prints the assembly folder. */
if (require.main === module) {
  synthesize({ log: (l) => process.stderr.write(`${l}\n`) }).then(
    (a) => process.stdout.write(`${a.dir}${a.cached ? ' (cached)' : ''}\n`),
    (e: unknown) => { process.stderr.write(`${(e as Error).message}\n`); process.exitCode = 1; },
  );
}
