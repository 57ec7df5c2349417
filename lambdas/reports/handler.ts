/**
 * The state machines' report function (`lambda:invoke`): runs one report, sandbox or live,
 * stores it as a completed task of the run, announces it and returns it (the next states read
 * `$states.result.Payload`). Bad evidence (an `EvidenceError`) gives a `consider` report saying
 * why; every other error is rethrown unchanged, so its stable name decides what the workflow
 * does: a `TransientError` (storage, face engine, provider outage) is retried, anything else
 * ends the run `error` (see the runtime contract). Idempotent: the task id is derived from the
 * request, so a retried invoke finds the report it already stored. It returns only the fields the
 * workflow reads (the request's `keep`), with the stored task's `id` and the `result`: the
 * execution's history keeps no more; a later report reads an earlier one whole by that id, as it
 * reads a profile capture's answers, and reads its semantic values by their paths.
 * The same function answers the API's frame routes (API Gateway events, frame-api.ts).
 */
import { createHash } from 'node:crypto';
import { keepPaths, ReportRequest, ReportResult } from '../../compiler';
import { systemRuntime, type Runtime } from '../shared/ids';
import { indexReport } from '../store/report-index';
import { getTask, putTaskOnce, setAnnounced, type TaskItem } from '../store/tasks';
import { dataReader, readFirst, wholeOutput } from '../store/sources';
import { emitTaskEvent } from '../tasks/events';
import { EvidenceError, transientAs } from '../shared/errors';
import { runLiveReport, type Evidence } from './dispatch';
import { callHttpProvider, reportProviders, type ReportProviders } from './providers';
import { loadApplicant, ReportUnavailableError } from './evidence';
import { sandboxReport } from './sandbox';
import { withSemanticFields } from './semantic';
import type { ApplicantData } from './types';
import { lambdaHandler } from '../shared/lambda';
import { frameApp, isApiEvent } from './frame-api';

export class InvalidReportRequestError extends Error {
  override readonly name = 'InvalidReportRequest';
}

export function considerReport(req: ReportRequest, reason: string): ReportResult {
  const area = { result: 'consider', properties: { reason } };
  return { result: 'consider', breakdown: { evidence: area }, properties: { reason }, ...(req.report === 'autofill' ? { extracted_data: {} } : {}) };
}

/** Where a report comes from; tests replace parts. */
export interface ReportSources {
  loadApplicant: (req: ReportRequest) => Promise<ApplicantData>;
  providers: () => ReportProviders;
  live: (ev: Evidence) => Promise<ReportResult>;
}
export const LIVE_SOURCES: ReportSources = { loadApplicant, providers: reportProviders, live: runLiveReport };

/** The report for a request: sandbox, the customer's provider or the built-in check. */
export async function produceReport(req: ReportRequest, now: Date, sources: ReportSources = LIVE_SOURCES): Promise<ReportResult> {
  try {
    const applicant: ApplicantData = withSemanticFields(await sources.loadApplicant(req), req);
    if (req.run.sandbox) return sandboxReport(req, applicant);
    const provider = sources.providers()[req.report];
    // The customer's own service answers this report type: it gets the request, not our evidence.
    if (provider?.type === 'http') return await callHttpProvider(provider, req);
    return await sources.live({ req, applicant, now });
  } catch (e) {
    if (e instanceof EvidenceError) return considerReport(req, e.message);
    throw e;
  }
}

/** Same request (run, task, evidence) → same id; a retry loop's new capture → a new id. */
export function reportTaskId(req: ReportRequest): string {
  const hash = createHash('sha256').update(JSON.stringify([req.run.workflow_run_id, req.task_id, req.task_version, req.tasks])).digest('hex');
  return `${req.task_id}_${hash.slice(0, 10)}`;
}

/** The storage and events the handler writes the report to; tests replace it. */
export interface ReportStore {
  getTask: typeof getTask; putTaskOnce: typeof putTaskOnce; setAnnounced: typeof setAnnounced; emit: typeof emitTaskEvent;
  /** The report in the console's results search (store/report-index.ts). */
  indexReport: typeof indexReport;
}
const STORE: ReportStore = { getTask, putTaskOnce, setAnnounced, emit: emitTaskEvent, indexReport };

/** A storage call whose transient AWS failure (throttling, a server fault, no answer) is `ReportUnavailable`, retried by the workflow. */
const storage = <T>(what: string, call: Promise<T>): Promise<T> => transientAs((e) => new ReportUnavailableError(`${what} failed`, { cause: e }), call);

/** What the state machine gets of a report: all of it without `keep`, else its id, result and the kept fields. */
export function returnedReport(req: ReportRequest, taskId: string, report: ReportResult): Record<string, unknown> {
  if (!req.keep) return report;
  return { ...(keepPaths(report, req.keep) as Record<string, unknown>), id: taskId, result: report.result };
}

/**
 * The request as the report needs it: earlier tasks' outputs that reached it trimmed (`{ id, … }`: reports, a profile
 * capture's answers) read whole from their task by that id, and the semantic values read by their paths (store/sources.ts).
 */
async function withWholeData(req: ReportRequest, store: ReportStore): Promise<ReportRequest> {
  const tasks = { ...req.tasks };
  for (const [type, t] of Object.entries(req.tasks)) {
    tasks[type] = { task_id: t.task_id, output: await storage('reading an earlier task', wholeOutput(req.run.workflow_run_id, t.output, store.getTask)) };
  }
  const semantic = req.semantic_sources
    ? await storage('reading the semantic values', readFirst(req.semantic_sources, dataReader(req.run, req.outputs)))
    : req.semantic;
  return { ...req, tasks, ...(semantic ? { semantic } : {}) };
}

export function createReportHandler(rt: Runtime = systemRuntime, store: ReportStore = STORE, sources: ReportSources = LIVE_SOURCES) {
  return async function reportHandler(event: unknown): Promise<Record<string, unknown>> {
    const parsed = ReportRequest.safeParse(event);
    if (!parsed.success) throw new InvalidReportRequestError(`The report request is not valid: ${parsed.error.message}`);
    const req = parsed.data;
    const runId = req.run.workflow_run_id;
    const existing = await storage('reading the report task', store.getTask(runId, reportTaskId(req)));
    const result = existing ? ReportResult.parse(existing.output) : ReportResult.parse(await produceReport(await withWholeData(req, store), rt.now(), sources));
    const now = rt.now().toISOString();
    const item: TaskItem = existing ?? {
      id: reportTaskId(req), workflow_run_id: runId, workflow_task_id: req.task_id, task_type: req.report, kind: 'report',
      task_def_id: req.report, task_def_version: String(req.task_version), status: 'completed', config: req.config,
      input: { report: req.report, config: req.config, tasks: req.tasks }, output: result, announced: false, created_at: now, updated_at: now,
    };
    const created = existing ? false : await storage('storing the report', store.putTaskOnce(item));
    const stored = created || existing ? item : await storage('reading the report task', store.getTask(runId, item.id));
    if (stored && !stored.announced) {
      await storage('indexing the report', store.indexReport(runId, req.report, ReportResult.parse(stored.output).result));
      await storage('announcing the report', store.emit('workflow_task.started', { ...stored, status: 'waiting' }, req.run.applicant_id));
      await storage('announcing the report', store.emit('workflow_task.completed', stored, req.run.applicant_id));
      await storage('announcing the report', store.setAnnounced(runId, stored.id));
    }
    return returnedReport(req, stored?.id ?? item.id, stored ? ReportResult.parse(stored.output) : result);
  };
}

const reportHandler = createReportHandler();

/** Report requests from state machines; and the API's frame routes, which need ffmpeg (frame-api.ts). */
export const handler = lambdaHandler(async (event: unknown): Promise<unknown> => (isApiEvent(event) ? frameApp(event) : reportHandler(event)));
