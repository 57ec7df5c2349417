/**
 * The local EventBridge: buses hold rules (event pattern → targets); PutEvents validates each
 * entry, builds the event targets receive, and queues one delivery per matching target.
 * Targets are in-process handlers registered by function name (a Lambda ARN resolves to its
 * name). With a data folder, rules and pending deliveries survive a restart.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_RETRY, DeliveryQueue, type Delivery, type RetryPolicy } from './delivery';
import { busName, functionName, PutEventsEntry, type BusEvent, type PutEventsResult, type Rule, type Target } from './model';
import { matches, parsePattern } from './pattern';

/** A target: the event as EventBridge delivers it; `attempt` counts from 1. */
export type TargetHandler = (event: BusEvent, context: { functionName: string; awsRequestId: string; attempt: number }) => Promise<unknown>;

export interface EventBusOptions {
  dataDir?: string;
  clock?: { now(): number };
  /** Default: 'manual' when a clock is injected, else 'auto'. */
  timers?: 'auto' | 'manual';
  retry?: Partial<RetryPolicy>;
  region?: string;
  account?: string;
  /** Called with a delivery that exhausted its attempts. Default: logged to stderr. */
  onDeadLetter?: (event: BusEvent, target: { rule: string; targetId: string; arn: string; attempts: number }, error: string) => void | Promise<void>;
  /** Every accepted event, before matching (tests, tracing). */
  onEvent?: (event: BusEvent, bus: string) => void;
}

export class LocalEventBus {
  private readonly rules = new Map<string, Rule>();
  private readonly handlers = new Map<string, TargetHandler>();
  private readonly queue: DeliveryQueue;
  private readonly now: () => number;

  constructor(private readonly o: EventBusOptions = {}) {
    this.now = () => (o.clock ? o.clock.now() : Date.now());
    if (o.dataDir) {
      mkdirSync(o.dataDir, { recursive: true });
      try {
        for (const r of JSON.parse(readFileSync(this.rulesFile(), 'utf8')) as Rule[]) this.rules.set(key(r.EventBusName, r.Name), r);
      } catch { /* no rules yet */ }
    }
    this.queue = new DeliveryQueue({
      now: this.now, timers: o.timers ?? (o.clock ? 'manual' : 'auto'), retry: { ...DEFAULT_RETRY, ...o.retry },
      ...(o.dataDir ? { journalDir: path.join(o.dataDir, 'deliveries') } : {}),
      send: (d) => this.send(d),
      deadLetter: (d, error) => (o.onDeadLetter ?? logDeadLetter)(d.event, { rule: d.rule, targetId: d.targetId, arn: d.arn, attempts: d.attempt + 1 }, error),
    });
  }

  /** Registers the handler that a target ARN or function name resolves to. */
  registerTarget(nameOrArn: string, handler: TargetHandler): void { this.handlers.set(functionName(nameOrArn), handler); }

  putRule(r: { Name: string; EventBusName?: string; EventPattern: string | object; State?: 'ENABLED' | 'DISABLED'; Description?: string }): string {
    const bus = busName(r.EventBusName);
    const pattern = parsePattern(r.EventPattern);
    const old = this.rules.get(key(bus, r.Name));
    this.rules.set(key(bus, r.Name), { Name: r.Name, EventBusName: bus, EventPattern: JSON.stringify(pattern), State: r.State ?? 'ENABLED', Targets: old?.Targets ?? [], ...(r.Description ? { Description: r.Description } : {}) });
    this.saveRules();
    return this.ruleArn(bus, r.Name);
  }

  putTargets(rule: string, targets: Target[], bus?: string): void {
    const r = this.mustRule(bus, rule);
    r.Targets = [...r.Targets.filter((t) => !targets.some((n) => n.Id === t.Id)), ...targets.map((t) => ({ Id: t.Id, Arn: t.Arn }))];
    this.saveRules();
  }

  removeTargets(rule: string, ids: string[], bus?: string): void {
    const r = this.mustRule(bus, rule);
    r.Targets = r.Targets.filter((t) => !ids.includes(t.Id));
    this.saveRules();
  }

  deleteRule(rule: string, bus?: string): void { this.rules.delete(key(busName(bus), rule)); this.saveRules(); }

  listRules(bus?: string, prefix = ''): Array<Rule & { Arn: string }> {
    return [...this.rules.values()].filter((r) => r.EventBusName === busName(bus) && r.Name.startsWith(prefix))
      .map((r) => ({ ...r, Arn: this.ruleArn(r.EventBusName, r.Name) }));
  }

  async putEvents(entries: unknown[]): Promise<PutEventsResult> {
    const out: PutEventsResult = { Entries: [], FailedEntryCount: 0 };
    const deliveries: Delivery[] = [];
    for (const raw of entries) {
      const parsed = this.toEvent(raw);
      if ('error' in parsed) { out.Entries.push(parsed.error); out.FailedEntryCount++; continue; }
      const { event, bus } = parsed;
      this.o.onEvent?.(event, bus);
      for (const r of this.rules.values()) {
        if (r.EventBusName !== bus || r.State !== 'ENABLED' || !matches(JSON.parse(r.EventPattern), event)) continue;
        for (const t of r.Targets) deliveries.push({ id: randomUUID(), event, rule: r.Name, targetId: t.Id, arn: t.Arn, attempt: 0, dueAt: this.now() });
      }
      out.Entries.push({ EventId: event.id });
    }
    this.queue.enqueue(deliveries);
    return out;
  }

  /** Runs due deliveries now (virtual clock), waiting for them. */
  runDue(): Promise<void> { return this.queue.runDue(); }
  nextDue(): number | undefined { return this.queue.nextDue(); }
  pendingDeliveries(): number { return this.queue.size(); }
  /** Drops pending deliveries of matching events (a purge: local/stack/lifecycle.ts). */
  dropPending(match: (event: BusEvent) => boolean): number { return this.queue.drop(match); }
  idle(): Promise<void> { return this.queue.idle(); }
  close(): Promise<void> { return this.queue.close(); }

  private toEvent(raw: unknown): { event: BusEvent; bus: string } | { error: { ErrorCode: string; ErrorMessage: string } } {
    const p = PutEventsEntry.safeParse(raw);
    const fail = (ErrorCode: string, ErrorMessage: string) => ({ error: { ErrorCode, ErrorMessage } });
    if (!p.success) return fail('MalformedDetail', p.error.message);
    const e = p.data;
    if (!e.Source) return fail('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.');
    if (!e.DetailType) return fail('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
    let detail: unknown;
    try { detail = JSON.parse(e.Detail ?? ''); } catch { return fail('MalformedDetail', 'Detail is malformed.'); }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return fail('MalformedDetail', 'Detail is malformed: it must be a JSON object.');
    const time = e.Time === undefined ? new Date(this.now()) : new Date(typeof e.Time === 'number' ? e.Time * 1000 : e.Time);
    return {
      bus: busName(e.EventBusName),
      event: {
        version: '0', id: randomUUID(), 'detail-type': e.DetailType, source: e.Source, account: this.o.account ?? '000000000000',
        time: `${time.toISOString().slice(0, 19)}Z`, region: this.o.region ?? 'us-east-1', resources: e.Resources ?? [], detail,
      },
    };
  }

  private async send(d: Delivery): Promise<void> {
    const name = functionName(d.arn);
    const h = this.handlers.get(name);
    if (!h) throw new Error(`No handler registered for target ${d.arn}`);
    await h(d.event, { functionName: name, awsRequestId: randomUUID(), attempt: d.attempt + 1 });
  }

  private mustRule(bus: string | undefined, name: string): Rule {
    const r = this.rules.get(key(busName(bus), name));
    if (!r) throw Object.assign(new Error(`Rule ${name} does not exist on EventBus ${busName(bus)}.`), { name: 'ResourceNotFoundException' });
    return r;
  }

  private ruleArn(bus: string, name: string) {
    return `arn:aws:events:${this.o.region ?? 'us-east-1'}:${this.o.account ?? '000000000000'}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
  }
  private rulesFile() { return path.join(this.o.dataDir!, 'rules.json'); }
  private saveRules(): void {
    if (!this.o.dataDir) return;
    writeFileSync(`${this.rulesFile()}.tmp`, JSON.stringify([...this.rules.values()], null, 1));
    renameSync(`${this.rulesFile()}.tmp`, this.rulesFile());
  }
}

const key = (bus: string, name: string) => `${bus}\u0000${name}`;
function logDeadLetter(event: BusEvent, target: { rule: string; arn: string; attempts: number }, error: string): void {
  console.error(`events: dead letter after ${target.attempts} attempts: event ${event.id} (${event['detail-type']}) → ${target.arn} (rule ${target.rule}): ${error}`);
}
