/**
 * A page of runs as the console's results list shows them: each run with its applicant's name
 * and email and its workflow's name (one BatchGet each for the page's applicants and workflows).
 */
import { endOf } from '../runs/view';
import { getMany } from '../store/paging';
import type { RunItem, RunReview, RunStatus } from '../store/runs';
import { keys } from '../store/table';

export interface ResultRow {
  id: string; status: RunStatus; reasons: unknown[];
  applicant_id: string; applicant: { first_name: string | null; last_name: string | null; email: string | null };
  workflow_id: string; workflow_name: string | null; workflow_version_id: number;
  tags: string[]; reports: string[]; review: RunReview | null; assigned_to: string | null;
  created_at: string; updated_at: string; completed_at: string | null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

export async function resultRows(runs: readonly RunItem[]): Promise<ResultRow[]> {
  const applicantIds = [...new Set(runs.map((r) => r.applicant_id))];
  const workflowIds = [...new Set(runs.map((r) => r.workflow_id))];
  const [applicants, workflows] = await Promise.all([
    getMany(applicantIds.map((id) => keys.applicant(id))), getMany(workflowIds.map((id) => keys.workflow(id))),
  ]);
  const applicantOf = new Map(applicants.map((a) => [String(a.id), a]));
  const workflowOf = new Map(workflows.map((w) => [String(w.id), w]));
  return runs.map((run) => {
    const a = applicantOf.get(run.applicant_id);
    return {
      id: run.id, status: run.status, reasons: endOf(run).reasons ?? [],
      applicant_id: run.applicant_id, applicant: { first_name: text(a?.first_name), last_name: text(a?.last_name), email: text(a?.email) },
      workflow_id: run.workflow_id, workflow_name: text(workflowOf.get(run.workflow_id)?.name), workflow_version_id: run.workflow_version_id,
      tags: run.tags, reports: run.reports ?? [], review: run.review ?? null, assigned_to: run.assigned_to ?? null,
      created_at: run.created_at, updated_at: run.updated_at, completed_at: run.completed_at ?? null,
    };
  });
}
