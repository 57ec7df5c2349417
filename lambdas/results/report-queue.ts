/**
 * The review queue's rows of reports waiting for an analyst (`processing: manual | hybrid`): the
 * run's results row (results/rows.ts) with `report_review`: which report, why it waits, since when,
 * its automatic result, breakdown and properties (what it read), and the media it read (with their
 * download links). Reports of runs that have ended (the review timed out; the evidence function
 * takes them out of the queue) are left out.
 */
import { z } from 'zod';
import { ReportResult } from '../../compiler';
import { isEnded, RunItem } from '../store/runs';
import { getMany } from '../store/paging';
import { keys } from '../store/table';
import type { TaskItem } from '../store/tasks';
import { taskName } from '../tasks/view';
import { resultRows, type ResultRow } from './rows';

export interface ReportReviewView {
  task_id: string; task_type: string; name: string; processing: 'manual' | 'hybrid'; waiting_since: string;
  automatic: { result: 'clear' | 'consider'; sub_result: string | null; breakdown: Record<string, unknown>; properties: Record<string, unknown> };
  media: Array<{ kind: 'documents'; id: string; type: string | null; side: string | null; download_href: string }>;
}
export type QueueRow = ResultRow & { report_review: ReportReviewView | null };

/** The uploads a report was sent (its input's document capture output). */
const ReportInput = z.object({
  tasks: z.record(z.string(), z.object({ output: z.array(z.object({ id: z.string(), type: z.string().optional(), side: z.string().optional() }).loose()).optional() }).loose()),
}).loose();

export function reportReviewView(task: TaskItem): ReportReviewView {
  const report = ReportResult.parse(task.output);
  const input = ReportInput.safeParse(task.input);
  const captured = input.success ? Object.values(input.data.tasks).flatMap((t) => t.output ?? []) : [];
  return {
    task_id: task.id, task_type: task.task_type, name: taskName(task), processing: task.processing ?? 'manual', waiting_since: task.updated_at,
    automatic: { result: report.result, sub_result: report.sub_result ?? null, breakdown: report.breakdown, properties: report.properties },
    media: captured.map((m) => ({ kind: 'documents', id: m.id, type: m.type ?? null, side: m.side ?? null, download_href: `/v3.6/documents/${m.id}/download` })),
  };
}

/** The queue's entries as rows, in order: a run in review, or a waiting report with its run. */
export async function queueRows(entries: ReadonlyArray<{ run: RunItem } | { report: TaskItem }>): Promise<QueueRow[]> {
  const reportRuns = (await getMany([...new Set(entries.flatMap((e) => ('report' in e ? [e.report.workflow_run_id] : [])))].map((id) => keys.run(id))))
    .map((i) => RunItem.parse(i));
  const runOf = new Map(reportRuns.map((r) => [r.id, r]));
  const listed = entries.flatMap((e): Array<{ run: RunItem; report: TaskItem | null }> => {
    if ('run' in e) return [{ run: e.run, report: null }];
    const run = runOf.get(e.report.workflow_run_id);
    return run && !isEnded(run.status) ? [{ run, report: e.report }] : [];
  });
  const rows = await resultRows(listed.map((l) => l.run));
  return rows.map((row, i) => {
    const report = listed[i]?.report;
    return { ...row, report_review: report ? reportReviewView(report) : null };
  });
}
