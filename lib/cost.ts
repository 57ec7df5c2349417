/**
 * Cost of 10,000 verification runs, from the compiled templates: the states entered on each
 * template's approve route (Standard workflows bill each one as a transition) and the Lambda,
 * DynamoDB, S3, API Gateway, EventBridge, SQS and CloudWatch Logs use that route implies.
 * `npm run -s cost` (lib/cost-cli.ts) prints the markdown of README.md ("Cost"). Pure: the console
 * bundles it to show the cost of each route in the builder.
 */
import { compile, LOCAL_CONTEXT, TEMPLATES, type Template } from '../compiler';
import { accessLogLineBytes } from './access-log';

/** us-east-1 list prices (USD), arm64 Lambda, on-demand DynamoDB (2024-11 prices), HTTP API. */
export const PRICES = {
  transition: 0.025 / 1000, lambdaGbSecond: 0.0000133334, lambdaRequest: 0.2 / 1e6,
  ddbWrite: 0.625 / 1e6, ddbRead: 0.125 / 1e6, s3Put: 0.005 / 1000, s3Get: 0.0004 / 1000, s3GbMonth: 0.023,
  apiRequest: 1 / 1e6, event: 1 / 1e6, sqsRequest: 0.4 / 1e6, logsGb: 0.5,
} as const;

/** Usage per run that the templates do not say; change them and rerun. */
export const ASSUMPTIONS = {
  reportSeconds: 5, reportGb: 3008 / 1024, taskSeconds: 0.2, taskGb: 0.5, apiSeconds: 0.15, apiGb: 1, webhookSeconds: 0.3, webhookGb: 0.5, evidenceSeconds: 1.5, evidenceGb: 1,
  apiCallsFixed: 4, apiCallsPerCapture: 3, mediaPerCapture: 2, mediaMb: 2, ddbWritesFixed: 8, ddbWritesPerTask: 3, ddbReadsPerTask: 4, logKbPerTransition: 1,
  /** Largest body of the run's API calls (JSON; media go straight to S3), KB. */
  apiBodyKb: 4,
  /** A function's log per invocation: Lambda's JSON platform lines (start, report) and the handler's own, KB. */
  functionLogKbPerInvoke: 1,
} as const;

/** HTTP APIs meter requests in 512 KB increments: a request is billed once per started 512 KB. */
export const API_UNIT_BYTES = 512 * 1024;
export const apiRequestUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / API_UNIT_BYTES));
/** CloudWatch Logs bills ingestion on the event's bytes plus 26 bytes of each event. */
export const LOG_EVENT_OVERHEAD_BYTES = 26;

/** A direct upload (lambdas/api/routes/uploads.ts) of one medium: `POST /uploads` (a presigned
 *  POST, signed without calling S3) and `POST /uploads/{id}/confirm` on the API; the browser's
 *  POST to the bucket; at confirm the object's size (HEAD) and its first bytes (ranged GET). */
export const DIRECT_UPLOAD = { apiCalls: 2, s3Puts: 1, s3Gets: 2 } as const;

type AslState = { Type: string; Resource?: string; Next?: string; Default?: string; Choices?: Array<{ Next: string }>; Branches?: Asl[] };
type Asl = { StartAt: string; States: Record<string, AslState> };
export interface Route { template: string; transitions: number; captures: number; reports: number }

const successors = (s: AslState) => [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next)].filter((n): n is string => !!n);

/** Fewest states entered from StartAt through `goal` to the end (Parallel: its branches' too). */
function shortest(asl: Asl, isGoal: (name: string) => boolean): string[] {
  const queue: Array<{ name: string; path: string[]; reached: boolean }> = [{ name: asl.StartAt, path: [asl.StartAt], reached: isGoal(asl.StartAt) }];
  const seen = new Set<string>();
  for (let item = queue.shift(); item; item = queue.shift()) {
    const state = asl.States[item.name]!;
    const next = successors(state);
    if (next.length === 0 && item.reached && state.Type !== 'Fail') return item.path;
    for (const n of next) {
      const key = `${n}|${item.reached || isGoal(n)}`;
      if (!seen.has(key)) { seen.add(key); queue.push({ name: n, path: [...item.path, n], reached: item.reached || isGoal(n) }); }
    }
  }
  throw new Error('no route reaches the goal');
}

export function approveRoute(t: Template): Route {
  const approveIds = (t.definition as { tasks: Array<{ id: string; type: string; outcome?: string }> }).tasks
    .filter((x) => x.type === 'result' && x.outcome === 'approve').map((x) => x.id);
  const route = routeTo(t.definition, approveIds);
  if (!route) throw new Error(`template ${t.name} does not compile`);
  return { ...route, template: t.name };
}

/**
 * The shortest route of a definition that ends in one of `resultIds` (the console shows one per
 * result task); undefined when the definition does not compile.
 */
export function routeTo(definition: unknown, resultIds: readonly string[]): Route | undefined {
  const compiled = compile(definition, LOCAL_CONTEXT);
  if (!compiled.ok) return undefined;
  const goal = new Set(resultIds);
  const count = (asl: Asl, path: string[]): Route => path.reduce((r, name) => {
    const s = asl.States[name]!;
    const inner = (s.Branches ?? []).map((b) => count(b, shortest(b, () => true)));
    return inner.reduce((a, b) => ({ ...a, transitions: a.transitions + b.transitions, captures: a.captures + b.captures, reports: a.reports + b.reports }), {
      template: '', transitions: r.transitions + 1,
      captures: r.captures + (s.Resource?.endsWith('.waitForTaskToken') ? 1 : 0),
      reports: r.reports + (s.Resource === 'arn:aws:states:::lambda:invoke' ? 1 : 0),
    });
  }, { template: '', transitions: 0, captures: 0, reports: 0 });
  const asl = compiled.asl as unknown as Asl;
  return count(asl, shortest(asl, (n) => goal.has(n)));
}

export interface Line { item: string; arithmetic: string; usd: number }

/** What one run on a route emits that the compiled machine and the handlers decide (not assumptions). */
export function emitted(r: Route): { transitions: number; events: number } {
  // A capture: workflow_task.started (tasks handler) and .completed (Complete Task); a report:
  // both from the reports handler (lambdas/reports/handler.ts); the run: workflow_run.completed (the machine)
  // and workflow_run_evidence_folder.created (the evidence function, lambdas/evidence).
  return { transitions: r.transitions, events: r.captures * 2 + r.reports * 2 + 2 };
}

/** Lambda invocations of one run, per function: the API once per API call (direct uploads
 *  included), tasks once per capture, reports once per report, webhooks once per event (one
 *  subscribed webhook), evidence once per run; execution-events only for failed executions (none
 *  on an approve route). */
export function invocations(r: Route, a = ASSUMPTIONS): { api: number; tasks: number; reports: number; webhooks: number; evidence: number; executionEvents: number } {
  const media = r.captures * a.mediaPerCapture;
  return {
    api: a.apiCallsFixed + a.apiCallsPerCapture * r.captures + DIRECT_UPLOAD.apiCalls * media,
    tasks: r.captures, reports: r.reports, webhooks: emitted(r).events, evidence: 1, executionEvents: 0,
  };
}

export function estimate(r: Route, runs = 10_000): Line[] {
  const a = ASSUMPTIONS, p = PRICES, n = (x: number) => (x < 1 ? x.toPrecision(2) : x.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  const { events } = emitted(r);
  const calls = invocations(r);
  const gbS = calls.reports * a.reportSeconds * a.reportGb + calls.tasks * a.taskSeconds * a.taskGb + calls.api * a.apiSeconds * a.apiGb
    + calls.webhooks * a.webhookSeconds * a.webhookGb + calls.evidence * a.evidenceSeconds * a.evidenceGb;
  const invokes = Object.values(calls).reduce((x, y) => x + y, 0);
  const apiUnits = calls.api * apiRequestUnits(a.apiBodyKb * 1024);
  const writes = a.ddbWritesFixed + a.ddbWritesPerTask * (r.captures + r.reports), reads = a.ddbReadsPerTask * (r.captures + r.reports);
  const media = r.captures * a.mediaPerCapture;
  // Each medium: its direct upload's S3 requests, then one GET by the report that reads it.
  const puts = media * DIRECT_UPLOAD.s3Puts, gets = media * (DIRECT_UPLOAD.s3Gets + 1);
  const logGb = (bytes: number) => bytes / 2 ** 30;
  const apiLog = logGb(calls.api * (accessLogLineBytes() + LOG_EVENT_OVERHEAD_BYTES));
  const functionLog = logGb(invokes * a.functionLogKbPerInvoke * 1024);
  const line = (item: string, perRun: number, unit: string, price: number): Line =>
    ({ item, arithmetic: `${n(perRun)} ${unit}/run × ${n(runs)} runs × ${money(price)}`, usd: perRun * runs * price });
  return [
    line('Step Functions (Standard)', r.transitions, 'transitions', p.transition),
    line('Lambda compute (arm64)', gbS, 'GB-s', p.lambdaGbSecond),
    line('Lambda requests', invokes, 'invokes', p.lambdaRequest),
    line('DynamoDB writes', writes, 'WRU', p.ddbWrite),
    line('DynamoDB reads', reads, 'RRU', p.ddbRead),
    line('S3 PUT (direct uploads)', puts, 'requests', p.s3Put),
    line('S3 GET + HEAD (upload checks, report reads)', gets, 'requests', p.s3Get),
    line('S3 storage, first month', (media * a.mediaMb) / 1024, 'GB', p.s3GbMonth),
    line('API Gateway HTTP API (per 512 KB)', apiUnits, 'requests', p.apiRequest),
    line('EventBridge custom events', events, 'events', p.event),
    line('SQS (send, receive, delete)', events * 3, 'requests', p.sqsRequest),
    line('CloudWatch Logs (state machine, level ALL)', (r.transitions * 2 * a.logKbPerTransition) / 2 ** 20, 'GB', p.logsGb),
    line('CloudWatch Logs (API access log)', apiLog, 'GB', p.logsGb),
    line('CloudWatch Logs (functions)', functionLog, 'GB', p.logsGb),
  ];
}

/** `$0.025 per 1k`, `$0.20 per 1M`: prices the way AWS lists them. */
export const money = (usd: number) => (usd >= 0.01 ? `$${usd}` : usd >= 1e-5 ? `$${+(usd * 1000).toPrecision(3)} per 1k` : `$${+(usd * 1e6).toPrecision(3)} per 1M`);

export function costReport(runs = 10_000): string {
  const out: string[] = [];
  for (const t of TEMPLATES) {
    const r = approveRoute(t);
    const lines = estimate(r, runs);
    const total = lines.reduce((s, l) => s + l.usd, 0);
    out.push(`#### \`${t.name}\`: ${r.transitions} transitions on the approve route (${r.captures} captures, ${r.reports} reports)`, '',
      '| item | arithmetic | USD |', '|---|---|---:|', ...lines.map((l) => `| ${l.item} | ${l.arithmetic} | ${l.usd.toFixed(2)} |`),
      `| **total per ${runs.toLocaleString('en-US')} runs** | | **${total.toFixed(2)}** |`, '');
  }
  return out.join('\n');
}
