/**
 * Everything an evidence file shows of one run, read from the store by id: the run, its
 * applicant, workflow and version, every task (reports with their breakdowns) and the media the
 * capture tasks produced (bytes included: the PDF shows thumbnails, the folder holds them).
 */
import { applicantOf, type ApplicantRecord } from '../store/applicants';
import { getItems } from '../store/batch';
import { loadMedia, type MediaMeta } from '../store/media';
import type { RunItem } from '../store/runs';
import { keys } from '../store/table';
import { getRunWithTasks } from '../store/task-completion';
import { byCreation, type TaskItem } from '../store/tasks';
import { versionOf, workflowOf } from '../store/workflows';
import { toWorkflowRun, type WorkflowRun } from '../runs/view';

export interface Evidence {
  run: WorkflowRun; item: RunItem; applicant: ApplicantRecord | undefined;
  workflow: { id: string; name: string; version: number; notes: string };
  tasks: TaskItem[]; media: Array<{ meta: MediaMeta; bytes: Buffer }>;
}

/** Media ids a capture task's output names (`[{ id }]`, or `{ id }`). */
export function mediaIdsOf(output: unknown): string[] {
  const list = Array.isArray(output) ? output : output && typeof output === 'object' ? [output] : [];
  return list.flatMap((o) => (o && typeof o === 'object' && typeof (o as { id?: unknown }).id === 'string' ? [(o as { id: string }).id] : []));
}

/** Two DynamoDB round trips: the run's partition (the run and its tasks), then its applicant, workflow and version in one batch. */
export async function gatherEvidence(runId: string, now = Date.now()): Promise<Evidence | undefined> {
  const { run: item, tasks: unordered } = await getRunWithTasks(runId);
  if (!item) return undefined;
  const tasks = unordered.sort(byCreation);
  const [applicantRaw, workflowRaw, versionRaw] = await getItems([
    keys.applicant(item.applicant_id), keys.workflow(item.workflow_id), keys.version(item.workflow_id, item.workflow_version_id),
  ]);
  const workflow = workflowOf(workflowRaw, item.environment);
  const version = versionOf(versionRaw, item.environment);
  let applicant: ApplicantRecord | undefined;
  try { applicant = applicantOf(applicantRaw, item.applicant_id, item.environment); } catch { applicant = undefined; }
  const ids = [...new Set(tasks.filter((t) => t.kind === 'interactive').flatMap((t) => mediaIdsOf(t.output)))];
  const media = (await Promise.all(ids.map((id) => loadMedia(id).catch(() => undefined))))
    .filter((m): m is { meta: MediaMeta; bytes: Buffer } => m !== undefined && m.meta.applicant_id === item.applicant_id);
  return {
    run: toWorkflowRun(item, now, { credentials: false }), item, applicant, tasks, media,
    workflow: { id: item.workflow_id, name: workflow?.name ?? '', version: item.workflow_version_id, notes: version?.notes ?? '' },
  };
}
