import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SfnApiError, type Clock, type Engine, type ExecutionRecord, type ExecutionStatus, type HistoryEvent, type LambdaHandler, type StartRequest } from '../contract';
import { DefinitionError } from './asl/definition';
import type { Json } from './asl/json';
import { loadProgram } from './asl/program';
import { randomnessOf } from './asl/randomness';
import type { Effect, StepEnv } from './interp/ctx';
import type { ExecSnapshot } from './interp/snapshot';
import { stepNow, type StepEvent } from './interp/step';
import { FileStore } from './store/file-store';
import { MemoryStore, type ExecutionStore } from './store/store';
import { dynamodbIntegration } from './tasks/dynamodb';
import { eventsIntegration } from './tasks/events';
import { LambdaRegistry, lambdaIntegration } from './tasks/lambda';
import { failed, type EventBus, type Integration, type TaskOutcome } from './tasks/types';
import { TimerScheduler } from './timers';
import { TokenIndex } from './tokens';

export interface EngineOptions {
  clock?: Clock;
  /** Durable mode: executions are journaled under this folder and resumed on creation. */
  dataDir?: string;
  /** Overrides dataDir: any ExecutionStore. */
  store?: ExecutionStore;
  lambdas?: Record<string, LambdaHandler>;
  eventBus?: EventBus;
  dynamodb?: DynamoDBClient;
  /** [0, 1): retry jitter (JitterStrategy FULL), `$random()` without a seed, States.MathRandom. Default Math.random. */
  random?: () => number;
  /** `$uuid()` and States.UUID. Default: drawn from `random` when that is injected, else crypto.randomUUID. */
  uuid?: () => string;
  /** Request ids (Lambda awsRequestId); task tokens are always cryptographically random. */
  idGenerator?: () => string;
  region?: string;
  accountId?: string;
  /** 'auto' runs timers with setTimeout; 'manual' only on fireDueTimers(). Default: manual when a clock is injected. */
  timers?: 'auto' | 'manual';
}

/** The contract's Engine plus what an embedding needs around it. */
export interface SfnEngine extends Engine {
  registerLambda(nameOrArn: string, handler: LambdaHandler): void;
  unregisterLambda(nameOrArn: string): void;
  /** Earliest pending timer (ms epoch), for virtual-clock drivers. */
  nextTimerDue(): number | undefined;
  /**
   * Deletes an execution that has ended, its journal and history included (the local
   * counterpart of a purge: AWS keeps histories 90 days and deletes none on request). False
   * when there is no such execution; an execution still running is refused.
   */
  forget(executionArn: string): Promise<boolean>;
  /**
   * Calls `listener` with an execution's ARN once it stops running (succeeded, failed, timed
   * out or aborted), after its end is persisted; returns the unsubscribe function. Lets an
   * embedding react to ends without describing every running execution.
   */
  onExecutionEnd(listener: (executionArn: string) => void): () => void;
}

interface Live { record: ExecutionRecord; snap?: ExecSnapshot; chain: Promise<void> }

export class StepFunctionsEngine implements SfnEngine {
  private readonly live = new Map<string, Live>();
  private readonly tokens = new TokenIndex();
  private readonly inflight = new Set<Promise<void>>();
  private readonly endListeners = new Set<(executionArn: string) => void>();
  private readonly clock: Clock;
  private readonly store: ExecutionStore;
  private readonly lambdas: LambdaRegistry;
  private readonly integrations: Integration[];
  private readonly integrationByResource = new Map<string, Integration | null>();
  private readonly timers: TimerScheduler;
  private readonly env: StepEnv;
  private readonly ready: Promise<void>;
  private closed = false;

  constructor(private readonly opts: EngineOptions = {}) {
    this.clock = opts.clock ?? { now: () => Date.now() };
    this.store = opts.store ?? (opts.dataDir ? new FileStore(opts.dataDir) : new MemoryStore());
    const region = opts.region ?? 'us-east-1';
    this.lambdas = new LambdaRegistry(region, opts.accountId ?? '123456789012', opts.idGenerator);
    for (const [name, h] of Object.entries(opts.lambdas ?? {})) this.lambdas.register(name, h);
    this.integrations = [lambdaIntegration(this.lambdas), eventsIntegration(() => this.opts.eventBus), dynamodbIntegration(() => this.opts.dynamodb)];
    this.env = { ...randomnessOf(opts), now: () => this.clock.now(), newToken: () => randomBytes(48).toString('base64url'), region };
    const auto = (opts.timers ?? (opts.clock ? 'manual' : 'auto')) === 'auto';
    this.timers = new TimerScheduler(this.clock, auto, (arn) => this.track(this.dispatch(arn, { t: 'timers' })));
    this.ready = this.recover();
  }

  registerLambda(nameOrArn: string, handler: LambdaHandler): void { this.lambdas.register(nameOrArn, handler); }
  unregisterLambda(nameOrArn: string): void { this.lambdas.unregister(nameOrArn); }
  nextTimerDue(): number | undefined { return this.timers.earliest(); }

  onExecutionEnd(listener: (executionArn: string) => void): () => void {
    this.endListeners.add(listener);
    return () => { this.endListeners.delete(listener); };
  }

  async start(req: StartRequest): Promise<ExecutionRecord> {
    await this.open();
    const existing = this.live.get(req.executionArn);
    if (existing) {
      if (existing.record.status === 'RUNNING' && existing.record.input === req.input) return { ...existing.record };
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${req.executionArn}'`);
    }
    try { loadProgram(req.definition); } catch (e) {
      if (e instanceof DefinitionError) throw new SfnApiError('InvalidDefinition', e.message);
      throw e;
    }
    try { JSON.parse(req.input); } catch { throw new SfnApiError('InvalidExecutionInput', `Invalid execution input: not JSON: ${req.input.slice(0, 200)}`); }
    const record: ExecutionRecord = {
      executionArn: req.executionArn, stateMachineArn: req.stateMachineArn, name: req.name, status: 'RUNNING',
      input: req.input, startDate: this.clock.now(),
    };
    if (req.stateMachineVersionArn) record.stateMachineVersionArn = req.stateMachineVersionArn;
    if (req.stateMachineAliasArn) record.stateMachineAliasArn = req.stateMachineAliasArn;
    const snap: ExecSnapshot = { v: 1, record, definition: req.definition, roleArn: req.roleArn, nextEventId: 1, nextThreadId: 0, nextTimerId: 1, threads: {}, timers: [], timedOutTokens: [] };
    this.live.set(record.executionArn, { record, snap, chain: Promise.resolve() });
    await this.dispatch(record.executionArn, { t: 'start' });
    return { ...record };
  }

  async forget(executionArn: string): Promise<boolean> {
    await this.open();
    const l = this.live.get(executionArn);
    if (!l) return false;
    await l.chain;
    if (l.record.status === 'RUNNING') throw new SfnApiError('ExecutionRunning', `Execution is running: '${executionArn}'`);
    this.live.delete(executionArn);
    this.store.forget(executionArn);
    return true;
  }

  async describe(executionArn: string): Promise<ExecutionRecord | undefined> {
    await this.open();
    const l = this.live.get(executionArn);
    return l ? { ...l.record } : undefined;
  }

  async list(filter: { stateMachineArn?: string; status?: ExecutionStatus }): Promise<ExecutionRecord[]> {
    await this.open();
    return [...this.live.values()].map((l) => l.record)
      .filter((r) => (!filter.stateMachineArn || r.stateMachineArn === filter.stateMachineArn) && (!filter.status || r.status === filter.status))
      .sort((a, b) => b.startDate - a.startDate).map((r) => ({ ...r }));
  }

  async history(executionArn: string): Promise<HistoryEvent[]> {
    await this.open();
    const l = this.mustGet(executionArn);
    await l.chain;
    return this.store.history(executionArn);
  }

  async stop(executionArn: string, error?: string, cause?: string): Promise<ExecutionRecord> {
    await this.open();
    const l = this.mustGet(executionArn);
    await this.dispatch(executionArn, { t: 'stop', error, cause });
    return { ...l.record };
  }

  async sendTaskSuccess(taskToken: string, output: string): Promise<void> {
    await this.open();
    const w = this.tokens.resolve(taskToken);
    let value: Json;
    try { value = JSON.parse(output) as Json; } catch { throw new SfnApiError('InvalidOutput', `Invalid output: not JSON: ${String(output).slice(0, 200)}`); }
    await this.dispatch(w.arn, { t: 'taskSucceeded', thread: w.thread, attempt: w.attempt, output: value });
  }

  async sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void> {
    await this.open();
    const w = this.tokens.resolve(taskToken);
    await this.dispatch(w.arn, { t: 'taskFailed', thread: w.thread, attempt: w.attempt, error, cause });
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    await this.open();
    const w = this.tokens.resolve(taskToken);
    await this.dispatch(w.arn, { t: 'heartbeat', thread: w.thread, attempt: w.attempt });
  }

  async idle(): Promise<void> {
    await this.ready;
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  async fireDueTimers(): Promise<void> {
    await this.idle();
    for (;;) {
      const due = this.timers.due(this.clock.now());
      if (!due.length) return;
      await Promise.all(due.map((arn) => this.dispatch(arn, { t: 'timers' })));
      await this.idle();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timers.clear();
    await Promise.all([...this.live.values()].map((l) => l.chain));
    await this.store.close();
  }

  private async open(): Promise<void> {
    if (this.closed) throw new SfnApiError('EngineClosed', 'The engine is closed', 500);
    await this.ready;
  }

  private mustGet(arn: string): Live {
    const l = this.live.get(arn);
    if (!l) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return l;
  }

  private track(p: Promise<void>): void {
    const done = (): void => { this.inflight.delete(q); };
    const q: Promise<void> = p.then(done, done);
    this.inflight.add(q);
  }

  /** Serialises events per execution: step, persist, index tokens, schedule timers, run effects. */
  private dispatch(arn: string, ev: StepEvent): Promise<void> {
    const l = this.mustGet(arn);
    const run = l.chain.then(async () => {
      const snap = l.snap;
      if (!snap || snap.record.status !== 'RUNNING' || this.closed) return;
      const stepped = stepNow(loadProgram(snap.definition), snap, ev, this.env);
      const res = stepped instanceof Promise ? await stepped : stepped;
      const saved = this.store.save(snap, res.events);
      if (saved) await saved;
      this.tokens.forget(res.deadTokens);
      this.tokens.timedOut(snap.timedOutTokens);
      for (const e of res.effects) if (e.token) this.tokens.add(e.token, { arn, thread: e.thread, attempt: e.attempt });
      this.timers.schedule(arn, snap.record.status === 'RUNNING' ? snap.timers : []);
      if (snap.record.status !== 'RUNNING') {
        l.snap = undefined;
        for (const f of this.endListeners) try { f(arn); } catch { /* a listener's failure is its own, never the execution's */ }
      }
      for (const e of res.effects) this.track(this.invoke(arn, e));
    });
    l.chain = run.catch(() => undefined);
    return run;
  }

  private async invoke(arn: string, e: Effect): Promise<void> {
    let integration = this.integrationByResource.get(e.resource);
    if (integration === undefined) {
      integration = this.integrations.find((i) => i.matches(e.resource)) ?? null;
      if (this.integrationByResource.size > 1000) this.integrationByResource.clear();
      this.integrationByResource.set(e.resource, integration);
    }
    let outcome: TaskOutcome;
    try {
      outcome = integration
        ? await integration.invoke({ resource: e.resource, args: e.args, token: e.token, executionArn: arn, state: e.state })
        : failed('States.Runtime', `Unsupported task resource '${e.resource}': this engine supports lambda:invoke, raw Lambda ARNs, events:putEvents and dynamodb:getItem|putItem|updateItem|deleteItem`);
    } catch (err) {
      outcome = failed('States.TaskFailed', (err as Error).message);
    }
    if (this.closed) return;
    const base = { thread: e.thread, attempt: e.attempt };
    if (outcome.kind === 'ok') await this.dispatch(arn, { t: 'taskSucceeded', ...base, output: outcome.output, text: outcome.text });
    else if (outcome.kind === 'submitted') await this.dispatch(arn, { t: 'taskSubmitted', ...base, output: outcome.output, text: outcome.text });
    else await this.dispatch(arn, { t: 'taskFailed', ...base, error: outcome.error, cause: outcome.cause });
  }

  /** Reloads stored executions: tokens, timers, and tasks that were scheduled but never delivered. */
  private async recover(): Promise<void> {
    for (const { snapshot } of await this.store.loadAll()) {
      const arn = snapshot.record.executionArn;
      const running = snapshot.record.status === 'RUNNING';
      this.live.set(arn, { record: snapshot.record, snap: running ? snapshot : undefined, chain: Promise.resolve() });
      this.tokens.timedOut(snapshot.timedOutTokens);
      if (!running) continue;
      for (const t of Object.values(snapshot.threads)) {
        const task = t.task;
        if (t.phase !== 'task' || !task) continue;
        if (task.token) this.tokens.add(task.token, { arn, thread: t.id, attempt: task.attempt });
        if (!task.token || !task.submitted) {
          this.track(this.invoke(arn, { t: 'invoke', thread: t.id, attempt: task.attempt, resource: task.resource, args: task.args, token: task.token, state: t.state }));
        }
      }
      this.timers.schedule(arn, snapshot.timers);
    }
    for (const arn of this.timers.due(this.clock.now())) this.track(this.dispatch(arn, { t: 'timers' }));
  }
}
