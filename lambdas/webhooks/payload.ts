/**
 * Onfido's webhook body for an event: `{ payload: { resource_type, action, object, resource } }`,
 * with the resource as the API returns it (read fresh, so a replay shows the current state),
 * and the environment it belongs to (only webhooks of that environment receive it).
 */
import { EVENTS, ReviewCompletedDetail, RunCompletedDetail, TaskEventDetail, TimelineFileDetail, type BusEvent } from '../events/contract';
import { toWorkflowRun } from '../runs/view';
import { config } from '../shared/config';
import { isoSeconds } from '../shared/ids';
import { getRun, type Environment, type RunItem } from '../store/runs';
import { getTask } from '../store/tasks';
import { taskView } from '../tasks/view';
import { timelineDownloadUrl } from './timeline-url';

/** `trial`: the event is of a builder's trial run (runs/trial.ts), which no webhook receives. */
export interface Delivery { action: string; environment: Environment; body: string; trial?: true }

const trialOf = (run: RunItem): { trial?: true } => (run.trial ? { trial: true } : {});
const base = () => config().PUBLIC_URL.replace(/\/$/, '');
const body = (payload: Record<string, unknown>) => JSON.stringify({ payload });

async function runDelivery(event: BusEvent): Promise<Delivery | undefined> {
  const detail = RunCompletedDetail.parse(event.detail);
  const run = await getRun(detail.workflow_run_id);
  if (!run) return undefined;
  const resource = toWorkflowRun(run, Date.now(), { credentials: true });
  const completed = run.completed_at ?? event.time;
  return {
    action: EVENTS.runCompleted,
    environment: run.environment, ...trialOf(run),
    body: body({
      resource_type: 'workflow_run', action: EVENTS.runCompleted,
      object: { id: run.id, status: resource.status, completed_at_iso8601: isoSeconds(new Date(completed)), href: `${base()}/v3.6/workflow_runs/${run.id}` },
      resource,
    }),
  };
}

async function taskDelivery(event: BusEvent, action: typeof EVENTS.taskStarted | typeof EVENTS.taskCompleted): Promise<Delivery | undefined> {
  const detail = TaskEventDetail.parse(event.detail);
  const [run, task] = await Promise.all([getRun(detail.workflow_run_id), getTask(detail.workflow_run_id, detail.task_id)]);
  if (!run) return undefined;
  const resource = task ? taskView(task) : {
    id: detail.task_id, workflow_run_id: detail.workflow_run_id, task_def_id: detail.task_def_id,
    task_def_version: detail.task_def_version, input: detail.input ?? {}, output: detail.output ?? null,
  };
  const at = isoSeconds(new Date(event.time));
  const status = action === EVENTS.taskStarted ? 'started' : 'completed';
  return {
    action,
    environment: run.environment, ...trialOf(run),
    body: body({
      resource_type: 'workflow_task', action,
      object: {
        id: detail.task_id, status, ...(action === EVENTS.taskStarted ? { started_at_iso8601: at } : { completed_at_iso8601: at }),
        href: `${base()}/v3.6/workflow_runs/${detail.workflow_run_id}/tasks/${detail.task_id}`,
      },
      resource,
    }),
  };
}

/** The evidence folder (and signed evidence file) of an ended run, or a timeline file, is ready. */
async function fileDelivery(event: BusEvent, action: typeof EVENTS.evidenceFolderCreated | typeof EVENTS.timelineFileCreated): Promise<Delivery | undefined> {
  const detail = TimelineFileDetail.partial({ timeline_file_id: true }).parse(event.detail);
  const run = await getRun(detail.workflow_run_id);
  if (!run) return undefined;
  const runHref = `${base()}/v3.6/workflow_runs/${run.id}`;
  const object = action === EVENTS.evidenceFolderCreated
    ? { id: run.id, status: 'completed', completed_at_iso8601: isoSeconds(new Date(event.time)), href: `${runHref}/evidence_folder` }
    : { id: detail.timeline_file_id, status: 'completed', completed_at_iso8601: isoSeconds(new Date(event.time)), href: `${runHref}/timeline_file/${detail.timeline_file_id}` };
  const resource_type = action === EVENTS.evidenceFolderCreated ? 'workflow_run_evidence_folder' : 'workflow_timeline_file';
  // Onfido's resource of a timeline file carries a presigned URL of the PDF.
  const download = detail.timeline_file_id === undefined ? {} : { timeline_file_download_url: await timelineDownloadUrl(run, detail.timeline_file_id) };
  return { action, environment: run.environment, ...trialOf(run), body: body({ resource_type, action, object, resource: { ...object, workflow_run_id: run.id, ...download } }) };
}

/** A review run was decided (beyond Onfido): the run as the API shows it, with its `review`. */
async function reviewDelivery(event: BusEvent): Promise<Delivery | undefined> {
  const detail = ReviewCompletedDetail.parse(event.detail);
  const run = await getRun(detail.workflow_run_id);
  if (!run) return undefined;
  const action = EVENTS.reviewCompleted;
  const object = {
    id: run.id, status: run.status, decision: detail.decision, completed_at_iso8601: isoSeconds(new Date(detail.at)),
    href: `${base()}/v3.6/workflow_runs/${run.id}`,
  };
  return { action, environment: run.environment, ...trialOf(run), body: body({ resource_type: 'workflow_run', action, object, resource: toWorkflowRun(run, Date.now(), { credentials: true }) }) };
}

/** The delivery of an event, or undefined when its resource no longer exists or the event is not a webhook event. */
export async function buildDelivery(event: BusEvent): Promise<Delivery | undefined> {
  const type = event['detail-type'];
  if (type === EVENTS.runCompleted) return runDelivery(event);
  if (type === EVENTS.taskStarted || type === EVENTS.taskCompleted) return taskDelivery(event, type);
  if (type === EVENTS.evidenceFolderCreated || type === EVENTS.timelineFileCreated) return fileDelivery(event, type);
  if (type === EVENTS.reviewCompleted) return reviewDelivery(event);
  return undefined;
}
