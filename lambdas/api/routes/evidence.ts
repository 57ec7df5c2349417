/**
 * Evidence and timeline files of a run (Onfido v3.6): the signed evidence PDF and the evidence
 * folder exist once the run has ended and the evidence function made them (announced by
 * `workflow_run_evidence_folder.created`); a timeline file is asked for (202: its record and the
 * request written together, the request put on the bus at once or, if the bus refused it, by the
 * lifecycle sweep: events/pending.ts) and ready when `workflow_timeline_file.created` says so.
 * Before that: 422 with Onfido's error body. Files above the API's payload limit answer with a
 * redirect to a short-lived presigned GET.
 */
import { z } from 'zod';
import { publishPending, TIMELINE_FILE_REQUESTED, TimelineFileDetail } from '../../events/contract';
import { notFound, validationError } from '../../shared/errors';
import { config } from '../../shared/config';
import { isoSeconds, systemRuntime, type Runtime } from '../../shared/ids';
import { evidenceKey, getTimelineFile, putTimelineFile, timelineKey } from '../../store/evidence';
import { pendingEvent } from '../../store/pending-events';
import { isEnded } from '../../store/runs';
import { getObject, objectSize } from '../../store/s3';
import { json, type Request, type Response } from '../http';
import { MAX_PAYLOAD_BYTES } from '../limits';
import type { Router } from '../router';
import { parseWith } from '../validate';
import { bytesResponse, presignedRedirect } from './media';
import { runFor } from './workflow-runs';

/** Not made yet: a 422, whose type is `validation_error` as every 422 of Onfido's (api.md). */
const notReady = (message: string) => validationError(message);

async function fileResponse(key: string, contentType: string, fileName: string, missing: string): Promise<Response> {
  const size = await objectSize(key);
  if (size === undefined) throw notReady(missing);
  if (size > MAX_PAYLOAD_BYTES) return presignedRedirect(key, contentType, fileName);
  return bytesResponse(await getObject(key), contentType, fileName);
}

const RunParams = z.object({ id: z.string().min(1).max(100) });
const FileParams = RunParams.extend({ timeline_file_id: z.string().min(1).max(100) });

async function endedRun(req: Request) {
  const { id } = parseWith(RunParams, req.params, 'path');
  const run = await runFor(req.caller, id);
  if (!isEnded(run.status)) throw notReady(`Workflow run ${id} is ${run.status}: its evidence is made when it ends`);
  return run;
}

export function addEvidenceRoutes(router: Router, rt: Runtime = systemRuntime): void {
  const base = () => config().PUBLIC_URL.replace(/\/$/, '');
  router.add('GET', '/v3.6/workflow_runs/{id}/signed_evidence_file', 'api', async (req) => {
    const run = await endedRun(req);
    return fileResponse(evidenceKey(run, 'pdf'), 'application/pdf', `evidence-${run.id}.pdf`, `The evidence file of workflow run ${run.id} is not ready yet; workflow_run_evidence_folder.created announces it`);
  });
  router.add('GET', '/v3.6/workflow_runs/{id}/evidence_folder', 'api', async (req) => {
    const run = await endedRun(req);
    return fileResponse(evidenceKey(run, 'zip'), 'application/zip', `evidence-${run.id}.zip`, `The evidence folder of workflow run ${run.id} is not ready yet; workflow_run_evidence_folder.created announces it`);
  });
  router.add('POST', '/v3.6/workflow_runs/{id}/timeline_file', 'api', async (req) => {
    const { id } = parseWith(RunParams, req.params, 'path');
    const run = await runFor(req.caller, id);
    const fileId = rt.newId();
    const at = isoSeconds(rt.now());
    const detail = TimelineFileDetail.parse({ workflow_run_id: run.id, applicant_id: run.applicant_id, timeline_file_id: fileId });
    const request = pendingEvent(at, `${run.id}#${TIMELINE_FILE_REQUESTED}#${fileId}`, { detail_type: TIMELINE_FILE_REQUESTED, detail, dedupe_id: `${TIMELINE_FILE_REQUESTED}:${fileId}` });
    await putTimelineFile({ id: fileId, workflow_run_id: run.id, status: 'pending', created_at: at }, request);
    await publishPending(request, rt);
    return json(202, { workflow_timeline_file_id: fileId, href: `${base()}/v3.6/workflow_runs/${run.id}/timeline_file/${fileId}` });
  });
  router.add('GET', '/v3.6/workflow_runs/{id}/timeline_file/{timeline_file_id}', 'api', async (req) => {
    const { id, timeline_file_id: fileId } = parseWith(FileParams, req.params, 'path');
    const run = await runFor(req.caller, id);
    const file = await getTimelineFile(run.id, fileId);
    if (!file) throw notFound('TimelineFile', fileId);
    if (file.status !== 'ready') throw notReady(`Timeline file ${fileId} is not ready yet; workflow_timeline_file.created announces it`);
    return fileResponse(timelineKey(run, fileId), 'application/pdf', `timeline-${run.id}.pdf`, `Timeline file ${fileId} is not ready yet`);
  });
}
