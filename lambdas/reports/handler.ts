/**
 * The state machines' report function (`lambda:invoke`): runs one report, sandbox or live,
 * stores it as a completed task of the run, announces it and returns it (the next states read
 * `$states.result.Payload`). Bad evidence gives a `consider` report saying why; a failure to
 * reach storage throws `ReportUnavailable`. Idempotent: the task id is derived from the
 * request, so a retried invoke finds the report it already stored.
 * The same function answers the API's frame routes (API Gateway events, frame-api.ts).
 */
import { createHash } from 'node:crypto';
import { ReportRequest, ReportResult } from '../../compiler/runtime-contract';
import { systemRuntime, type Runtime } from '../shared/ids';
import { getTask, putTaskOnce, setAnnounced, type TaskItem } from '../store/tasks';
import { emitTaskEvent } from '../tasks/events';
import { runLiveReport } from './dispatch';
import { callHttpProvider, reportProviders } from './providers';
import { loadApplicant, ReportUnavailableError } from './evidence';
import { sandboxReport } from './sandbox';
import type { ApplicantData } from './types';
import { lambdaHandler } from '../shared/lambda';
import { frameApp, isApiEvent } from './frame-api';

export class InvalidReportRequestError extends Error {
  override readonly name = 'InvalidReportRequest';
}

/** Errors that mean the evidence cannot support a decision: the report is `consider`, not a failure. */
const EVIDENCE_ERRORS = new Set(['BadEvidence', 'FaceInputError', 'WatchlistInputError', 'IndiaPanInputError', 'DocumentConfigError', 'AamvaFormatError', 'ZodError']);

export function considerReport(req: ReportRequest, reason: string): ReportResult {
  const area = { result: 'consider', properties: { reason } };
  return { result: 'consider', breakdown: { evidence: area }, properties: { reason }, ...(req.report === 'autofill' ? { extracted_data: {} } : {}) };
}

async function produce(req: ReportRequest, now: Date): Promise<ReportResult> {
  try {
    const applicant: ApplicantData = await loadApplicant(req);
    if (req.run.sandbox) return sandboxReport(req, applicant);
    const provider = reportProviders()[req.report];
    // The customer's own service answers this report type: it gets the request, not our evidence.
    if (provider?.type === 'http') return await callHttpProvider(provider, req);
    return await runLiveReport({ req, applicant, now });
  } catch (e) {
    if (e instanceof Error && EVIDENCE_ERRORS.has(e.name)) return considerReport(req, e.message);
    if (e instanceof ReportUnavailableError) throw e;
    throw new ReportUnavailableError(`${req.report} could not be produced (${e instanceof Error ? e.name : 'error'})`, { cause: e });
  }
}

/** Same request (run, task, evidence) → same id; a retry loop's new capture → a new id. */
export function reportTaskId(req: ReportRequest): string {
  const hash = createHash('sha256').update(JSON.stringify([req.run.workflow_run_id, req.task_id, req.task_version, req.tasks])).digest('hex');
  return `${req.task_id}_${hash.slice(0, 10)}`;
}

export function createReportHandler(rt: Runtime = systemRuntime) {
  return async function reportHandler(event: unknown): Promise<ReportResult> {
    const parsed = ReportRequest.safeParse(event);
    if (!parsed.success) throw new InvalidReportRequestError(`The report request is not valid: ${parsed.error.message}`);
    const req = parsed.data;
    const runId = req.run.workflow_run_id;
    const existing = await getTask(runId, reportTaskId(req));
    const result = existing ? ReportResult.parse(existing.output) : ReportResult.parse(await produce(req, rt.now()));
    const now = rt.now().toISOString();
    const item: TaskItem = existing ?? {
      id: reportTaskId(req), workflow_run_id: runId, workflow_task_id: req.task_id, task_type: req.report, kind: 'report',
      task_def_id: req.task_id, task_def_version: String(req.task_version), status: 'completed', config: req.config,
      input: { report: req.report, config: req.config, tasks: req.tasks }, output: result, announced: false, created_at: now, updated_at: now,
    };
    const created = existing ? false : await putTaskOnce(item);
    const stored = created || existing ? item : await getTask(runId, item.id);
    if (stored && !stored.announced) {
      await emitTaskEvent('workflow_task.started', { ...stored, status: 'waiting' }, req.run.applicant_id);
      await emitTaskEvent('workflow_task.completed', stored, req.run.applicant_id);
      await setAnnounced(runId, stored.id);
    }
    return stored ? ReportResult.parse(stored.output) : result;
  };
}

const reportHandler = createReportHandler();

/** Report requests from state machines; and the API's frame routes, which need ffmpeg (frame-api.ts). */
export const handler = lambdaHandler(async (event: unknown): Promise<unknown> => (isApiEvent(event) ? frameApp(event) : reportHandler(event)));
