/**
 * Everything the console's run page shows beyond Onfido's run and task objects, in one call
 * (`GET /v3.6/studio/runs/{id}`): the route the run took on its workflow version (with the
 * version's definition, for the graph), every step with its status (results/route.ts), the
 * timeline (the one the timeline PDF prints, evidence/timeline.ts, plus the logic, retry and
 * result steps), and the media its capture tasks produced. A purged run's execution history is
 * not read (its states' inputs and outputs are the applicant's data): its steps are its emptied
 * task records.
 */
import { mediaIdsOf } from '../evidence/gather';
import { runTimeline, type TimelineEvent } from '../evidence/timeline';
import { findMedia, type MediaMeta } from '../store/media';
import type { RunItem } from '../store/runs';
import { listTasks } from '../store/tasks';
import { getVersion } from '../store/workflows';
import { definedTasks, executionHistory, routeSteps, type Step } from './route';

export interface RunMedia {
  id: string; kind: MediaMeta['kind']; task_id: string; file_name: string; content_type: string; created_at: string;
  side: string | null; download_href: string;
  /** The first frame as a JPEG (videos and motion captures: served by the reports function, api/frame-routes.ts). */
  image_href: string;
}
export interface RunInspection { definition: unknown; steps: Step[]; timeline: TimelineEvent[]; media: RunMedia[] }

/** Steps without a task record (logic, retry, result, parallel) as timeline events; records are already on it. */
function stepEvents(steps: readonly Step[]): TimelineEvent[] {
  const retries = new Map<string, number>();
  return steps.filter((s) => s.record_id === null && s.started_at).flatMap((s): TimelineEvent[] => {
    const attempt = (retries.get(s.task_id) ?? 0) + 1;
    retries.set(s.task_id, attempt);
    const label = `Task ${s.task_id} (${s.task_type})`;
    const started: TimelineEvent = s.task_type === 'retry'
      ? { at: s.started_at!, kind: 'retry', description: `${label}: retry ${attempt} of the route` }
      : { at: s.started_at!, kind: 'task_started', description: `${label} started` };
    return s.ended_at ? [started, { at: s.ended_at, kind: `task_${s.status}`, description: `${label} ${s.status}` }] : [started];
  });
}

async function runMedia(run: RunItem, steps: readonly Step[]): Promise<RunMedia[]> {
  const pairs = steps.flatMap((s) => mediaIdsOf(s.record_id ? s.output : undefined).map((id) => ({ id, task: s.task_id })));
  const unique = [...new Map(pairs.map((p) => [p.id, p])).values()];
  const metas = await Promise.all(unique.map(async (p) => ({ p, meta: await findMedia(p.id) })));
  return metas.filter(({ meta }) => meta && meta.applicant_id === run.applicant_id && meta.environment === run.environment).map(({ p, meta }) => {
    const m = meta!;
    const href = `/v3.6/${m.kind}/${m.id}`;
    const video = m.kind === 'live_videos' || m.kind === 'motion_captures';
    return {
      id: m.id, kind: m.kind, task_id: p.task, file_name: m.file_name, content_type: m.content_type, created_at: m.created_at,
      side: typeof m.details.side === 'string' ? m.details.side : null, download_href: `${href}/download`, image_href: video ? `${href}/frame` : `${href}/download`,
    };
  });
}

export async function inspectRun(run: RunItem): Promise<RunInspection> {
  const [version, records, history] = await Promise.all([
    getVersion(run.workflow_id, run.workflow_version_id, run.environment), listTasks(run.id), run.purged_at ? [] : executionHistory(run.execution_arn),
  ]);
  const definition = version?.definition ?? null;
  const steps = routeSteps(run, definedTasks(definition), history, records);
  const [timeline, media] = await Promise.all([runTimeline(run, records, stepEvents(steps)), runMedia(run, steps)]);
  return { definition, steps, timeline, media };
}
