/**
 * Cost of 10,000 verification runs, from the compiled templates: the states entered on each
 * template's approve route (Standard workflows bill each one as a transition) and the Lambda,
 * DynamoDB, S3, API Gateway, EventBridge, SQS and CloudWatch Logs use that route implies.
 * `npm run -s cost` (lib/cost-cli.ts) prints the markdown of README.md ("Cost"). Pure: the console
 * bundles it to show the cost of each route in the builder.
 */
import { compile, LOCAL_CONTEXT, MEDIA_CAPTURES, reportUses, TEMPLATES, type ReportType, type Template } from '../compiler';
import { PART_BYTES } from '../lambdas/api/limits';
import { accessLogLineBytes } from './access-log';
import { durationSeconds, type MeasuredDurations } from './lambda-durations';
import measuredDurations from './lambda-durations-measured.json';

/** The handlers' durations as last measured (`npm run bench:durations`: parity mode, this repository's machine, not AWS). */
export const DURATIONS: MeasuredDurations = measuredDurations;

/** us-east-1 list prices (USD), arm64 Lambda, on-demand DynamoDB (2024-11 prices), HTTP API. */
export const PRICES = {
  transition: 0.025 / 1000, lambdaGbSecond: 0.0000133334, lambdaRequest: 0.2 / 1e6,
  ddbWrite: 0.625 / 1e6, ddbRead: 0.125 / 1e6, s3Put: 0.005 / 1000, s3Get: 0.0004 / 1000, s3GbMonth: 0.023,
  apiRequest: 1 / 1e6, event: 1 / 1e6, sqsRequest: 0.4 / 1e6, logsGb: 0.5,
} as const;

/** Usage per run that the templates do not say; change them and rerun. */
export const ASSUMPTIONS = {
  reportGb: 3008 / 1024, taskGb: 0.5, apiGb: 1, webhookGb: 0.5, evidenceGb: 1,
  apiCallsFixed: 4, apiCallsPerCapture: 3, mediaPerCapture: 2, mediaMb: 2, logKbPerTransition: 1,
  /** A face video or Motion capture: one video, uploaded in presigned multipart parts (PART_BYTES each). */
  videoMb: 15,
  /** Largest body of the run's API calls (JSON; media go straight to S3), KB. */
  apiBodyKb: 4,
  /** A function's log per invocation: Lambda's JSON platform lines (start, report) and the handler's own, KB. */
  functionLogKbPerInvoke: 1,
} as const;

/** Seconds per invocation of each function: measured in parity mode on one live run (lib/lambda-durations-measured.json, `npm run bench:durations`). */
export const SECONDS = {
  report: durationSeconds('reports', DURATIONS), task: durationSeconds('tasks', DURATIONS), api: durationSeconds('api', DURATIONS),
  webhook: durationSeconds('webhooks', DURATIONS), evidence: durationSeconds('evidence', DURATIONS),
} as const;

/** A webhook queue message (one per event, one invocation of the webhooks function each): EventBridge's
 *  SendMessage, the event source mapping's ReceiveMessage and its DeleteMessage. */
export const SQS_REQUESTS_PER_MESSAGE = 3;

/** HTTP APIs meter requests in 512 KB increments: a request is billed once per started 512 KB. */
export const API_UNIT_BYTES = 512 * 1024;
export const apiRequestUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / API_UNIT_BYTES));
/** CloudWatch Logs bills ingestion on the event's bytes plus 26 bytes of each event. */
export const LOG_EVENT_OVERHEAD_BYTES = 26;

/** A direct upload (lambdas/api/routes/uploads.ts) of one medium: `POST /uploads` (a presigned
 *  POST, signed without calling S3) and `POST /uploads/{id}/confirm` on the API; the browser's
 *  POST to the bucket (the upload's staging key); at confirm the file's move to the media key (a
 *  CopyObject, PUT-class, and the staging object's DELETE, which S3 does not bill but
 *  lambdas/shared/aws-calls.ts counts with the GETs, as here), the object's size (HEAD) and its
 *  first bytes (ranged GET). */
export const DIRECT_UPLOAD = { apiCalls: 2, s3Puts: 1, apiS3Puts: 1, s3Gets: 3 } as const;
/** A video's direct upload in parts: `POST /uploads` starts it (CreateMultipartUpload) and lists
 *  its parts (ListParts), the browser PUTs each part, confirm finds no object yet (HEAD), lists the
 *  parts, completes the upload, then HEAD and a ranged GET as above. LIST and multipart calls are
 *  billed as PUT-class requests. Measured on a real 15 MB upload through the local stack
 *  (test/e2e/cost-multipart.test.ts, within COUNT_TOLERANCE; the presigned part URLs are no requests). */
export const MULTIPART_UPLOAD = { apiCalls: 2, apiS3Puts: 4, apiS3Gets: 3 } as const;
export const videoParts = (mb: number) => Math.max(1, Math.ceil((mb * 1024 * 1024) / PART_BYTES));

const VIDEO_CAPTURES = new Set(['face_capture_video', 'face_capture_motion']);

type AslState = { Type: string; Resource?: string; Next?: string; Default?: string; Choices?: Array<{ Next: string }>; Branches?: Asl[] };
type Asl = { StartAt: string; States: Record<string, AslState> };
export interface Route {
  template: string; transitions: number; captures: number; reports: number;
  /** Of the captures, face video and Motion captures (one video each, uploaded in parts). */
  videos?: number;
  /** Media captures each report on the route reads (a document report the document's, a facial similarity report the document's and the face capture's). */
  mediaReads?: number;
}

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
  const path = shortest(asl, (n) => goal.has(n));
  const types = new Map((definition as { tasks: Array<{ id: string; type: string }> }).tasks.map((t) => [t.id, t.type]));
  const entered = (a: Asl, p: string[]): string[] => p.flatMap((n) => [n, ...(a.States[n]!.Branches ?? []).flatMap((b) => entered(b, shortest(b, () => true)))]);
  const onRoute = entered(asl, path).map((n) => types.get(n)).filter((t): t is string => !!t);
  const captured = new Set(onRoute.filter((t) => (MEDIA_CAPTURES as readonly string[]).includes(t)));
  const mediaReads = onRoute.filter((t) => t.endsWith('_report') || t === 'autofill' || t === 'driving_licence_verification')
    .reduce((n, t) => { try { return n + reportUses(t as ReportType).filter((u) => captured.has(u)).length; } catch { return n; } }, 0);
  return { ...count(asl, path), videos: onRoute.filter((t) => VIDEO_CAPTURES.has(t)).length, mediaReads };
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
  const videos = r.videos ?? 0;
  const media = (r.captures - videos) * a.mediaPerCapture;
  return {
    api: a.apiCallsFixed + a.apiCallsPerCapture * r.captures + DIRECT_UPLOAD.apiCalls * media + MULTIPART_UPLOAD.apiCalls * videos,
    tasks: r.captures, reports: r.reports, webhooks: emitted(r).events, evidence: 1, executionEvents: 0,
  };
}

export function estimate(r: Route, runs = 10_000): Line[] {
  const a = ASSUMPTIONS, p = PRICES, n = (x: number) => (x < 1 ? x.toPrecision(2) : x.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  const { events } = emitted(r);
  const calls = invocations(r);
  const sec = SECONDS;
  const gbS = calls.reports * sec.report * a.reportGb + calls.tasks * sec.task * a.taskGb + calls.api * sec.api * a.apiGb
    + calls.webhooks * sec.webhook * a.webhookGb + calls.evidence * sec.evidence * a.evidenceGb;
  const invokes = Object.values(calls).reduce((x, y) => x + y, 0);
  const apiUnits = calls.api * apiRequestUnits(a.apiBodyKb * 1024);
  const counted = Object.values(requests(r)).reduce((x, y) => ({ wru: x.wru + y.wru, rru: x.rru + y.rru, s3Puts: x.s3Puts + y.s3Puts, s3Gets: x.s3Gets + y.s3Gets }), { wru: 0, rru: 0, s3Puts: 0, s3Gets: 0 });
  const writes = counted.wru, reads = counted.rru, puts = counted.s3Puts, gets = counted.s3Gets;
  const videos = r.videos ?? 0;
  const media = (r.captures - videos) * a.mediaPerCapture;
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
    line('S3 PUT, POST, LIST (uploads, video parts, evidence files)', puts, 'requests', p.s3Put),
    line('S3 GET + HEAD (upload checks, report reads)', gets, 'requests', p.s3Get),
    line('S3 storage, first month', (media * a.mediaMb + videos * a.videoMb) / 1024, 'GB', p.s3GbMonth),
    line('API Gateway HTTP API (per 512 KB)', apiUnits, 'requests', p.apiRequest),
    line('EventBridge custom events', events, 'events', p.event),
    line('SQS (send, receive, delete)', calls.webhooks * SQS_REQUESTS_PER_MESSAGE, 'requests', p.sqsRequest),
    line('CloudWatch Logs (state machine, level ALL)', (r.transitions * 2 * a.logKbPerTransition) / 2 ** 20, 'GB', p.logsGb),
    line('CloudWatch Logs (API access log)', apiLog, 'GB', p.logsGb),
    line('CloudWatch Logs (functions)', functionLog, 'GB', p.logsGb),
  ];
}

/** `$0.025 per 1k`, `$0.20 per 1M`: prices the way AWS lists them. */
export const money = (usd: number) => (usd >= 0.01 ? `$${usd}` : usd >= 1e-5 ? `$${+(usd * 1000).toPrecision(3)} per 1k` : `$${+(usd * 1e6).toPrecision(3)} per 1M`);

export function costReport(runs = 10_000): string {
  const d = DURATIONS;
  const out: string[] = [`Lambda durations per invocation, measured on ${d.measuredOn} (${d.where}; not AWS) by \`npm run bench:durations\`: `
    + `${Object.entries(d.functions).map(([fn, f]) => `${fn} ${f.meanCpuMs} ms of CPU (${f.meanMs} ms wall, ${f.invocations} invocations)`).join(', ')}; the model bills the CPU time.`, ''];
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

/** DynamoDB capacity units and S3 requests (by price class) of one run, per function. */
export type RequestCounts = Record<string, { wru: number; rru: number; s3Puts: number; s3Gets: number }>;
/** How far the model's counts may be from a measured run's (test/e2e/cost-requests.test.ts): a fraction, at least one request. */
export const COUNT_TOLERANCE = 0.15;

/**
 * DynamoDB capacity units and S3 requests per function for one run of a route, from counts
 * measured on real local runs with one webhook subscribed on a loopback receiver
 * (lambdas/shared/aws-calls.ts; test/e2e/cost-counts.test.ts with no capture and two reports,
 * test/e2e/cost-requests.test.ts with the document + selfie template and direct uploads): what a
 * run makes, a capture, a medium's upload, a report, a medium a report reads and an event. Those tests fail when this differs from what they measure by more than
 * COUNT_TOLERANCE. A capture's split between the capture itself and its medium's upload is not
 * measured apart; a video's upload in parts (the medium's DynamoDB work and MULTIPART_UPLOAD) is, by
 * test/e2e/cost-multipart.test.ts.
 */
export const MEASURED = {
  // The webhook worker records an event whose detail holds personal data (events/record.ts: a run's
  // result, a task's input or output) in a transaction with a check that the run is not purged (2 WRU
  // each: 4), as a report task is stored (store/tasks.ts putTaskOnce).
  // A run's 9 name index items when its last name is one word (store/run-index.ts: 6 before full names had keys), 2 WRU each in its transaction.
  // Every call with a run's SDK token (the capture page's: a capture's task list and completion, a
  // medium's upload and confirm) also reads the run (api/auth.ts: refused once it ended or its link expired).
  // A completion writes its pending event in its transaction and deletes it once on the bus (events/pending.ts): +2.5.
  api: { run: { wru: 23, rru: 3 }, capture: { wru: 8, rru: 6.75 }, medium: { wru: 3, rru: 5 } },
  tasks: { capture: { wru: 6, rru: 1 } },
  reports: { report: { wru: 10, rru: 2.5 }, mediumRead: { rru: 0.5, s3Gets: 1 } },
  // A run's end also copies its status on its results index items (store/index-status.ts): a read of
  // the run and of its index partition, a write per item (its applicant's and workflow's, ~10; a
  // report type's 2, shared by reports of one type: ~1.5 per report), 25 to a round trip, each billed
  // as an UpdateItem (store/statements.ts).
  evidence: { run: { wru: 12, rru: 4, s3Puts: 2 }, report: { wru: 1.5 }, medium: { rru: 0.5, s3Gets: 1 } },
  stateMachine: { run: { wru: 1 } },
  // One webhook subscribed to every event (lambdas/webhooks/process.ts): per event the worker records
  // it (a write, or a transaction of 4 WRU: above), lists the webhooks (a query), reads the run (a consistent read; a task event also
  // its task), claims the delivery, settles it and clears a dead letter of it (three writes).
  webhooks: { event: { wru: 7, rru: 1.5 }, taskEvent: { rru: 1 } },
} as const;

export function requests(r: Route, a: { mediaPerCapture: number; videoMb: number } = ASSUMPTIONS): RequestCounts {
  const m = MEASURED, videos = r.videos ?? 0;
  const posts = (r.captures - videos) * a.mediaPerCapture, media = posts + videos;
  const reads = r.mediaReads ?? 0, events = emitted(r).events, taskEvents = (r.captures + r.reports) * 2;
  return {
    api: {
      wru: m.api.run.wru + m.api.capture.wru * r.captures + m.api.medium.wru * media,
      rru: m.api.run.rru + m.api.capture.rru * r.captures + m.api.medium.rru * media,
      s3Puts: DIRECT_UPLOAD.apiS3Puts * posts + MULTIPART_UPLOAD.apiS3Puts * videos, s3Gets: DIRECT_UPLOAD.s3Gets * posts + MULTIPART_UPLOAD.apiS3Gets * videos,
    },
    browser: { wru: 0, rru: 0, s3Puts: DIRECT_UPLOAD.s3Puts * posts + videoParts(a.videoMb) * videos, s3Gets: 0 },
    tasks: { wru: m.tasks.capture.wru * r.captures, rru: m.tasks.capture.rru * r.captures, s3Puts: 0, s3Gets: 0 },
    reports: { wru: m.reports.report.wru * r.reports, rru: m.reports.report.rru * r.reports + m.reports.mediumRead.rru * reads, s3Puts: 0, s3Gets: m.reports.mediumRead.s3Gets * reads },
    evidence: { wru: m.evidence.run.wru + m.evidence.report.wru * r.reports, rru: m.evidence.run.rru + m.evidence.medium.rru * media, s3Puts: m.evidence.run.s3Puts, s3Gets: m.evidence.medium.s3Gets * media },
    stateMachine: { wru: m.stateMachine.run.wru, rru: 0, s3Puts: 0, s3Gets: 0 },
    webhooks: { wru: m.webhooks.event.wru * events, rru: m.webhooks.event.rru * events + m.webhooks.taskEvent.rru * taskEvents, s3Puts: 0, s3Gets: 0 },
  };
}
